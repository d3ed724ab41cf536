// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/OpenAiUsageTracker.h"
#include "protocol/SseParser.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

// Translates an OpenAI chat-completions stream, chunk by chunk, into an Anthropic Messages API
// stream ("event: X\ndata: {...}\n\n"):
// - the first chunk -> message_start (usage: what is known then, usually zeros);
// - delta.content -> a text block (content_block_start, text_delta, ...);
//   delta.reasoning_content (DeepSeek, Qwen, Kimi, GLM; "reasoning" on some servers) -> a
//   thinking block with thinking_delta (no signature);
// - delta.tool_calls fragments -> one tool_use block per tool call index (content_block_start
//   with id and name, then input_json_delta with each arguments fragment). Opening a block
//   closes the previous one (content_block_stop), so blocks never overlap; a fragment for a tool
//   call whose block was already closed (servers that interleave parallel calls) is still sent
//   as an input_json_delta on that block's index;
// - finish_reason -> kept (stop -> end_turn, length -> max_tokens, tool_calls -> tool_use,
//   content_filter -> refusal), the open block is closed;
// - "data: [DONE]" (or finish() when the upstream ended without it) -> message_delta with the
//   stop reason and the full usage (input_tokens, cache_read_input_tokens,
//   cache_creation_input_tokens 0, output_tokens, from the usage chunk), then message_stop;
// - an error chunk ({"error":{...}}) -> "event: error", after which the stream is over;
// - an SSE comment (keep-alive) after the start -> "event: ping".
class OpenAiToAnthropicStream
{
public:
    explicit OpenAiToAnthropicStream(const QString &model);

    QByteArray feed(const SseEvent &openAiEvent);
    // Ends the stream (message_delta + message_stop) unless it already ended. Idempotent.
    QByteArray finish();

    bool isFinished() const { return m_finished; }
    // Usage, model and finish reason read from the OpenAI chunks so far.
    const OpenAiUsageTracker &tracker() const { return m_tracker; }

private:
    enum class Block
    {
        None,
        Text,
        Thinking,
        Tool
    };

    QByteArray start(const QJsonObject &chunk);
    QByteArray openBlock(Block kind, const QJsonObject &contentBlock);
    QByteArray closeBlock();
    QByteArray blockDelta(int index, const QJsonObject &delta);
    QByteArray toolFragment(const QJsonObject &call);

    QString m_model;
    OpenAiUsageTracker m_tracker;
    bool m_started = false;
    bool m_finished = false;
    Block m_open = Block::None;
    int m_openIndex = -1;
    int m_nextIndex = 0;
    int m_lastToolIndex = -1;
    QHash<int, int> m_toolBlocks; // OpenAI tool call index -> Anthropic content block index
    QString m_finishReason;
    bool m_sawToolCalls = false;
};
