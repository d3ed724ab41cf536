// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/AnthropicUsageTracker.h"
#include "protocol/SseParser.h"

#include <QByteArray>
#include <QHash>
#include <QString>

// Translates an Anthropic Messages API stream, event by event, into an OpenAI chat-completions
// stream ("data: {chat.completion.chunk}\n\n" ... "data: [DONE]\n\n").
//
// - message_start -> the first chunk, delta {role: assistant, content: ""};
// - text_delta -> delta.content; thinking_delta -> delta.reasoning_content;
// - a tool_use block start -> delta.tool_calls[{index, id, type, function{name, arguments ""}}]
//   and each input_json_delta -> delta.tool_calls[{index, function{arguments}}], index counting
//   the tool calls of the message from 0;
// - message_delta -> a chunk with an empty delta and the mapped finish_reason;
// - message_stop -> the usage chunk (choices: [], when includeUsage) and "data: [DONE]";
// - error -> an OpenAI error chunk ("data: {"error":{...}}"), after which the stream is over
//   (finish() adds nothing);
// - ping, content_block_stop, signature/citation deltas -> nothing.
// Chunks carry the id "chatcmpl-" + the message id and the constructor's model (the upstream
// model when that is empty).
class AnthropicToOpenAiStream
{
public:
    explicit AnthropicToOpenAiStream(const QString &model, bool includeUsage);

    QByteArray feed(const SseEvent &anthropicEvent);
    // Ends the stream: the finish chunk if none was sent yet, the usage chunk when includeUsage,
    // then "data: [DONE]". Safe to call more than once (later calls return nothing).
    QByteArray finish();

    bool isFinished() const { return m_finished; }
    // Usage and stop reason read from the Anthropic events so far.
    const AnthropicUsageTracker &tracker() const { return m_tracker; }

private:
    QByteArray chunk(const QJsonObject &delta, const QJsonValue &finishReason);
    QByteArray roleChunk();

    QString m_model;
    bool m_includeUsage;
    AnthropicUsageTracker m_tracker;
    QString m_id;
    qint64 m_created;
    bool m_roleSent = false;
    bool m_finishSent = false;
    bool m_finished = false;
    QHash<int, int> m_toolIndex; // Anthropic content block index -> OpenAI tool call index
    int m_nextToolIndex = 0;
};
