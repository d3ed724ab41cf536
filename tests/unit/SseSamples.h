// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Wire-format samples shared by the SSE and usage tests.

#include "protocol/SseParser.h"

#include <QByteArray>
#include <QList>

namespace SseSamples {

// An Anthropic Messages API stream with prompt caching (as sent by api.anthropic.com).
inline QByteArray anthropicStream()
{
    return QByteArrayLiteral(
        "event: message_start\n"
        "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\","
        "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":"
        "\"claude-sonnet-4-5-20250929\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":"
        "{\"input_tokens\":25,\"cache_creation_input_tokens\":1200,\"cache_read_input_tokens\":"
        "3400,\"cache_creation\":{\"ephemeral_5m_input_tokens\":1200,"
        "\"ephemeral_1h_input_tokens\":0},\"output_tokens\":1,\"service_tier\":\"standard\"}}}\n"
        "\n"
        "event: content_block_start\n"
        "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
        "\"text\":\"\"}}\n"
        "\n"
        "event: ping\n"
        "data: {\"type\": \"ping\"}\n"
        "\n"
        "event: content_block_delta\n"
        "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
        "\"text\":\"Hello\"}}\n"
        "\n"
        "event: content_block_delta\n"
        "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
        "\"text\":\" world!\"}}\n"
        "\n"
        "event: content_block_stop\n"
        "data: {\"type\":\"content_block_stop\",\"index\":0}\n"
        "\n"
        "event: message_delta\n"
        "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
        "\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}\n"
        "\n"
        "event: message_stop\n"
        "data: {\"type\":\"message_stop\"}\n"
        "\n");
}

// An OpenAI chat completion stream with stream_options.include_usage = true.
inline QByteArray openAiStream()
{
    return QByteArrayLiteral(
        "data: {\"id\":\"chatcmpl-AbC123\",\"object\":\"chat.completion.chunk\",\"created\":"
        "1731000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":"
        "\"fp_0ba0d124f1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
        "\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],"
        "\"usage\":null}\n"
        "\n"
        "data: {\"id\":\"chatcmpl-AbC123\",\"object\":\"chat.completion.chunk\",\"created\":"
        "1731000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":"
        "\"fp_0ba0d124f1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},"
        "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n"
        "\n"
        "data: {\"id\":\"chatcmpl-AbC123\",\"object\":\"chat.completion.chunk\",\"created\":"
        "1731000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":"
        "\"fp_0ba0d124f1\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
        "\"finish_reason\":\"stop\"}],\"usage\":null}\n"
        "\n"
        "data: {\"id\":\"chatcmpl-AbC123\",\"object\":\"chat.completion.chunk\",\"created\":"
        "1731000000,\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":"
        "\"fp_0ba0d124f1\",\"choices\":[],\"usage\":{\"prompt_tokens\":1200,"
        "\"completion_tokens\":9,\"total_tokens\":1209,\"prompt_tokens_details\":"
        "{\"cached_tokens\":1024,\"audio_tokens\":0},\"completion_tokens_details\":"
        "{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,"
        "\"rejected_prediction_tokens\":0}}}\n"
        "\n"
        "data: [DONE]\n"
        "\n");
}

inline QByteArray withLineEnding(QByteArray lf, const QByteArray &ending)
{
    return lf.replace("\n", ending);
}

// Feeds `stream` split into pieces at the given offsets.
inline QList<SseEvent> feedSplit(const QByteArray &stream, const QList<qsizetype> &cuts,
                                 QByteArray *pending = nullptr)
{
    SseParser parser;
    QList<SseEvent> events;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        events += parser.feed(stream.mid(from, cut - from));
        from = cut;
    }
    events += parser.feed(stream.mid(from));
    if (pending)
        *pending = parser.pending();
    return events;
}

} // namespace SseSamples
