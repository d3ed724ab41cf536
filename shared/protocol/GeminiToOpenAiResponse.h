// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Translates a Gemini generateContent answer into an OpenAI chat.completion body.
//
// - every candidate becomes a choice (its index kept): text parts joined into message.content
//   (null when there is none), thought parts into message.reasoning_content, functionCall
//   parts into message.tool_calls (ids "call_..." unless Gemini sent one, arguments as a JSON
//   string);
// - finish_reason: "tool_calls" when the candidate calls functions, otherwise
//   GeminiOpenAiMapping::finishReason(); a prompt blocked before any candidate gives one empty
//   choice with "content_filter";
// - usage from usageMetadata (GeminiOpenAiMapping::usage());
// - id "chatcmpl-" + responseId, model = the given model (modelVersion when it is empty).
// A Gemini error body is converted into an OpenAI error body (GeminiErrors::toOpenAi); a body
// that is not JSON gives an OpenAI server_error body.
class GeminiToOpenAiResponse
{
public:
    static QByteArray translate(const QByteArray &geminiBody, const QString &model);
};
