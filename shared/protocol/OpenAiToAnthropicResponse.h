// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/TokenUsage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Translates a non-streaming OpenAI chat completion ("chat.completion") into an Anthropic
// Messages API "message":
// - id "msg_" + the completion id (without its "chatcmpl-" prefix; no second "msg_" when the id
//   already starts with it), model = requestedModel (the
//   completion's model when that is empty);
// - content: a text block for choices[0].message.content (or refusal), then a tool_use block per
//   tool call, input = the parsed arguments. Arguments that are not a JSON object (malformed or
//   truncated JSON) give input {} — Anthropic requires an object, and a tool called with {}
//   answers with a validation error the model can act on, where a made-up wrapper would look
//   like a real argument;
// - stop_reason: stop -> end_turn (tool_use when tool calls are present), length -> max_tokens,
//   tool_calls/function_call -> tool_use, content_filter -> refusal;
// - usage: input_tokens = prompt_tokens - cached, cache_read_input_tokens = cached,
//   cache_creation_input_tokens = 0, output_tokens = completion_tokens (cached read as
//   OpenAiUsageTracker does: prompt_tokens_details.cached_tokens, DeepSeek's
//   prompt_cache_hit_tokens, Kimi's cached_tokens).
// An OpenAI error body is translated with ErrorTranslation instead.
class OpenAiToAnthropicResponse
{
public:
    static QByteArray translate(const QByteArray &openAiBody, const QString &requestedModel);

    // Shared with the stream translator.
    static QString stopReason(const QString &openAiFinishReason, bool hasToolCalls);
    static QJsonObject anthropicUsage(const TokenUsage &usage);
    static QJsonObject parseArguments(const QString &arguments);
};
