// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/AnthropicClientOnOpenAi.h"

#include "protocol/AnthropicToOpenAiRequest.h"
#include "protocol/ErrorTranslation.h"
#include "protocol/OpenAiToAnthropicResponse.h"
#include "protocol/OpenAiToAnthropicStream.h"

AnthropicClientOnOpenAi::AnthropicClientOnOpenAi(const Options &options)
    : m_options(options), m_stream(std::make_unique<OpenAiToAnthropicStream>(options.clientModel))
{
}

AnthropicClientOnOpenAi::~AnthropicClientOnOpenAi() = default;

std::optional<QByteArray> AnthropicClientOnOpenAi::request(const QByteArray &clientBody,
                                                           const QString &upstreamModel, bool,
                                                           QString *error, bool *stream) const
{
    const auto body = AnthropicToOpenAiRequest::translate(clientBody, error, stream);
    if (!body)
        return std::nullopt;
    return withModel(*body, upstreamModel);
}

QByteArray AnthropicClientOnOpenAi::response(const QByteArray &upstreamBody, int status) const
{
    return status < 400 ? OpenAiToAnthropicResponse::translate(upstreamBody, m_options.clientModel)
                        : ErrorTranslation::openAiToAnthropic(upstreamBody, status);
}

QByteArray AnthropicClientOnOpenAi::streamEvent(const SseEvent &event)
{
    return m_stream->feed(event);
}

QByteArray AnthropicClientOnOpenAi::finishStream()
{
    return m_stream->finish();
}
