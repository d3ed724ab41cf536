// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Translates an OpenAI chat-completions request body into a Gemini generateContent request body
// (the same body serves :generateContent and :streamGenerateContent; the model goes in the path,
// see upstreamPath()).
//
// - "system" / "developer" messages -> systemInstruction.parts (one text part each);
// - user -> role "user", assistant -> role "model"; consecutive contents of the same role are
//   merged (a turn's function responses must travel together);
// - content parts: text -> {text}; image_url with a data: URL -> {inlineData{mimeType,data}},
//   with an http(s) URL -> {fileData{mimeType,fileUri}} (MIME type from the extension, else
//   image/jpeg); input_audio -> inlineData audio/<format>; file with file_data (a data: URL) ->
//   inlineData. Empty text is dropped; other part types are refused;
// - assistant tool_calls -> {functionCall{name,args}} parts (arguments parsed; invalid JSON or
//   a non-object gives {}); the first one of a message carries the documented placeholder
//   thoughtSignature, since the history did not come from Gemini;
// - "tool" messages -> {functionResponse{name,response}} in a user turn, the name looked up
//   from the earlier tool_call id (an unknown id is an error); content that is a JSON object is
//   the response, other content becomes {"content": text}; legacy "function" messages likewise;
// - tools -> tools[{functionDeclarations[{name,description,parameters}]}] (parameters cleaned by
//   GeminiSchema; omitted when they declare no property);
// - tool_choice "auto"/"none"/"required"/{function{name}} -> toolConfig.functionCallingConfig
//   mode AUTO/NONE/ANY (+ allowedFunctionNames);
// - generationConfig: max_completion_tokens or max_tokens -> maxOutputTokens, temperature,
//   top_p -> topP, stop -> stopSequences, n -> candidateCount, presence/frequency_penalty, seed,
//   response_format json_object -> responseMimeType application/json, json_schema -> also
//   responseSchema, reasoning_effort none/minimal/low/medium/high -> thinkingConfig.thinkingBudget
//   0/512/1024/8192/24576;
// - ignored: stream_options, user, store, metadata, logit_bias, parallel_tool_calls, ...
class OpenAiToGeminiRequest
{
public:
    // Returns the Gemini body, or nullopt with *error set. *stream tells whether the client asked
    // for a stream, *model the requested model (without a "models/" prefix). Pointers may be null.
    static std::optional<QByteArray> translate(const QByteArray &openAiBody, QString *error,
                                               bool *stream, QString *model);

    // Whether the OpenAI request asked for the usage chunk (stream_options.include_usage), the
    // second argument of GeminiToOpenAiStream's constructor.
    static bool includeUsageRequested(const QByteArray &openAiBody);

    // "/v1beta/models/<model>:generateContent" or
    // "/v1beta/models/<model>:streamGenerateContent?alt=sse" (model percent-encoded).
    static QByteArray upstreamPath(const QString &model, bool stream);
};
