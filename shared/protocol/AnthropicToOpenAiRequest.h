// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Translates an Anthropic Messages API request body into an OpenAI chat-completions request
// body, so an Anthropic-format client (e.g. Claude Code) can use an OpenAI-compatible account.
//
// - "system" (a string or text blocks, joined with a blank line) -> a leading system message;
// - user messages: text blocks -> content (a plain string when the message holds only text, the
//   form every OpenAI-compatible provider accepts; an array of parts when it holds images);
//   image blocks -> image_url parts (base64 sources as data: URLs); text documents -> text;
//   base64 PDF documents -> "file" parts; tool_result blocks -> "tool" messages (tool_call_id =
//   tool_use_id, content = the result's text) placed before the rest of the user message, i.e.
//   right after the assistant message holding the tool calls. Images inside a tool result go to
//   a user message after the tool messages (tool messages carry text only).
// - assistant messages: text -> content (null when only tool calls), tool_use -> tool_calls
//   (arguments = compact JSON of the input); thinking and redacted_thinking blocks are dropped.
// - tools (custom tools) -> function tools; tool_choice auto/any/tool/none -> "auto"/"required"/
//   named function/"none"; disable_parallel_tool_use -> parallel_tool_calls false.
// - max_tokens, temperature, top_p, stop_sequences -> stop, metadata.user_id -> user;
//   stream -> stream + stream_options.include_usage (so the usage chunk arrives).
// - Anthropic-only fields without an equivalent (cache_control, thinking, top_k, service_tier,
//   container, mcp_servers, ...) are ignored. Server tools (web_search, bash, text_editor,
//   computer, ...) and other content blocks the other side cannot express are refused with an
//   error naming the field.
class AnthropicToOpenAiRequest
{
public:
    static std::optional<QByteArray> translate(const QByteArray &anthropicBody, QString *error,
                                               bool *stream);
};
