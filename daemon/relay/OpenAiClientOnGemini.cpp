// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/OpenAiClientOnGemini.h"

#include "protocol/GeminiErrors.h"
#include "protocol/GeminiToOpenAiResponse.h"
#include "protocol/GeminiToOpenAiStream.h"
#include "protocol/OpenAiToGeminiRequest.h"

OpenAiClientOnGemini::OpenAiClientOnGemini(const Options &options)
    : m_options(options), m_stream(std::make_unique<GeminiToOpenAiStream>(
                              options.clientModel, options.clientAskedForUsage))
{
}

OpenAiClientOnGemini::~OpenAiClientOnGemini() = default;

std::optional<QByteArray> OpenAiClientOnGemini::request(const QByteArray &clientBody,
                                                        const QString &, bool, QString *error,
                                                        bool *stream) const
{
    // The model goes into the URL (GeminiDialect), not the body.
    QString model;
    return OpenAiToGeminiRequest::translate(clientBody, error, stream, &model);
}

QByteArray OpenAiClientOnGemini::response(const QByteArray &upstreamBody, int status) const
{
    return status < 400 ? GeminiToOpenAiResponse::translate(upstreamBody, m_options.clientModel)
                        : GeminiErrors::toOpenAi(upstreamBody, status);
}

QByteArray OpenAiClientOnGemini::streamEvent(const SseEvent &event)
{
    return m_stream->feed(event);
}

QByteArray OpenAiClientOnGemini::finishStream()
{
    return m_stream->finish();
}
