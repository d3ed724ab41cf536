// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Translates an OpenAI chat-completions request body into an Anthropic Messages API request
// body, so an OpenAI-format client can use an Anthropic account.
//
// - "system" and "developer" messages (wherever they are) become the top-level "system" text,
//   joined with a blank line.
// - user / assistant / tool messages become Anthropic messages; consecutive messages of the same
//   Anthropic role are merged (Anthropic requires alternation). A "tool" message becomes a
//   "tool_result" block (tool_use_id = tool_call_id) in a user message; assistant "tool_calls"
//   become "tool_use" blocks whose input is the parsed "arguments" (empty or invalid JSON, or
//   JSON that is not an object, gives {}). Empty text parts are dropped (Anthropic rejects them).
// - "image_url" parts: data: URLs become base64 image sources, http(s) URLs url sources.
// - tools / tool_choice ("auto", "none", "required" -> any, a named function -> tool) /
//   parallel_tool_calls=false (-> disable_parallel_tool_use); tool_choice without tools is
//   dropped.
// - max_completion_tokens, else max_tokens, else 4096 (Anthropic requires max_tokens);
//   temperature (clamped to Anthropic's 0..1), top_p, stop (string or array) -> stop_sequences,
//   stream, user -> metadata.user_id.
// - Fields with no Anthropic equivalent that do not change the answer's shape are ignored
//   (stream_options, presence/frequency_penalty, seed, logit_bias, response_format,
//   reasoning_effort, store, service_tier, ...). n > 1, legacy "functions"/"function" messages,
//   audio parts and other unknown content parts are refused with an error naming the field.
class OpenAiToAnthropicRequest
{
public:
    // Returns the Anthropic body, or nullopt with *error set. *stream tells whether the client
    // asked for a stream. Either pointer may be null.
    static std::optional<QByteArray> translate(const QByteArray &openAiBody, QString *error,
                                               bool *stream);

    // Whether the OpenAI request asked for the usage chunk (stream_options.include_usage), the
    // second argument of AnthropicToOpenAiStream's constructor.
    static bool includeUsageRequested(const QByteArray &openAiBody);

    static constexpr int DefaultMaxTokens = 4096;
};
