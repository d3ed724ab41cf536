// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/OpenAiClientOnAnthropic.h"

#include "protocol/AnthropicToOpenAiResponse.h"
#include "protocol/AnthropicToOpenAiStream.h"
#include "protocol/ErrorTranslation.h"
#include "protocol/OpenAiToAnthropicRequest.h"

OpenAiClientOnAnthropic::OpenAiClientOnAnthropic(const Options &options)
    : m_options(options), m_stream(std::make_unique<AnthropicToOpenAiStream>(
                              options.clientModel, options.clientAskedForUsage))
{
}

OpenAiClientOnAnthropic::~OpenAiClientOnAnthropic() = default;

std::optional<QByteArray> OpenAiClientOnAnthropic::request(const QByteArray &clientBody,
                                                           const QString &upstreamModel, bool,
                                                           QString *error, bool *stream) const
{
    const auto body = OpenAiToAnthropicRequest::translate(clientBody, error, stream);
    if (!body)
        return std::nullopt;
    return withModel(*body, upstreamModel);
}

QByteArray OpenAiClientOnAnthropic::response(const QByteArray &upstreamBody, int status) const
{
    return status < 400 ? AnthropicToOpenAiResponse::translate(upstreamBody, m_options.clientModel)
                        : ErrorTranslation::anthropicToOpenAi(upstreamBody, status);
}

QByteArray OpenAiClientOnAnthropic::streamEvent(const SseEvent &event)
{
    return m_stream->feed(event);
}

QByteArray OpenAiClientOnAnthropic::finishStream()
{
    return m_stream->finish();
}
