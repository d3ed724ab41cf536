// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/TokenUsage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Translates a non-streaming Anthropic Messages API response (a "message" object) into an OpenAI
// "chat.completion" object:
// - id "chatcmpl-" + the message id, created = now, model = requestedModel (the message's model
//   when requestedModel is empty);
// - choices[0].message: role assistant, content = the text blocks joined (null when there is no
//   text), tool_calls from tool_use blocks (arguments = the input as compact JSON), and
//   reasoning_content from thinking blocks (the field DeepSeek-style clients read);
// - finish_reason: end_turn/stop_sequence/pause_turn -> stop, max_tokens and
//   model_context_window_exceeded -> length, tool_use -> tool_calls, refusal -> content_filter;
// - usage: prompt_tokens = input + cache read + cache creation, completion_tokens = output,
//   prompt_tokens_details.cached_tokens = cache read.
// An Anthropic error body is translated with ErrorTranslation instead.
class AnthropicToOpenAiResponse
{
public:
    static QByteArray translate(const QByteArray &anthropicBody, const QString &requestedModel);

    // Shared with the stream translator.
    static QString finishReason(const QString &anthropicStopReason);
    static QJsonObject openAiUsage(const TokenUsage &usage);
};
