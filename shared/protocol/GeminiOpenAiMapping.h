// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

// Field mappings shared by GeminiToOpenAiResponse and GeminiToOpenAiStream.
class GeminiOpenAiMapping
{
public:
    // STOP -> stop, MAX_TOKENS -> length, SAFETY / RECITATION / BLOCKLIST / PROHIBITED_CONTENT /
    // SPII / IMAGE_SAFETY (and a prompt blockReason) -> content_filter, anything else -> stop.
    static QString finishReason(const QString &geminiFinishReason);

    // usageMetadata -> OpenAI usage: prompt_tokens = promptTokenCount (+ toolUsePromptTokenCount),
    // completion_tokens = candidatesTokenCount + thoughtsTokenCount, total_tokens,
    // prompt_tokens_details.cached_tokens, completion_tokens_details.reasoning_tokens.
    static QJsonObject usage(const QJsonObject &usageMetadata);

    // "call_" + 24 random letters and digits.
    static QString newToolCallId();

    // A functionCall part -> {id, type: function, function{name, arguments}} (arguments: the
    // compact JSON of args, "{}" when absent; id: the call's own id when Gemini sent one).
    static QJsonObject toolCall(const QJsonObject &functionCall);
};
