// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProtocolTranslations.h"

#include "protocol/AnthropicToOpenAiRequest.h"
#include "protocol/AnthropicToOpenAiResponse.h"
#include "protocol/AnthropicToOpenAiStream.h"
#include "protocol/ErrorTranslation.h"
#include "protocol/GeminiErrors.h"
#include "protocol/GeminiToOpenAiResponse.h"
#include "protocol/GeminiToOpenAiStream.h"
#include "protocol/OpenAiToAnthropicRequest.h"
#include "protocol/OpenAiToAnthropicResponse.h"
#include "protocol/OpenAiToAnthropicStream.h"
#include "protocol/OpenAiToGeminiRequest.h"
#include "protocol/OpenAiUsageTracker.h"

#include <QJsonDocument>
#include <QJsonObject>

std::unique_ptr<ProtocolTranslation> ProtocolTranslation::create(RelayProtocol::Kind client,
                                                                 RelayProtocol::Kind upstream,
                                                                 const Options &options)
{
    if (client == RelayProtocol::Anthropic && upstream == RelayProtocol::OpenAi)
        return std::make_unique<AnthropicClientOnOpenAi>(options);
    if (client == RelayProtocol::OpenAi && upstream == RelayProtocol::Anthropic)
        return std::make_unique<OpenAiClientOnAnthropic>(options);
    if (client == RelayProtocol::OpenAi && upstream == RelayProtocol::Gemini)
        return std::make_unique<OpenAiClientOnGemini>(options);
    return std::make_unique<PassthroughTranslation>(upstream, options);
}

QByteArray ProtocolTranslation::withModel(const QByteArray &body, const QString &model)
{
    QJsonObject o = QJsonDocument::fromJson(body).object();
    if (o.value(QLatin1String("model")).toString() == model)
        return body;
    o.insert(QStringLiteral("model"), model);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Passthrough

PassthroughTranslation::PassthroughTranslation(RelayProtocol::Kind kind, const Options &options)
    : m_kind(kind), m_options(options)
{
}

std::optional<QByteArray> PassthroughTranslation::request(const QByteArray &clientBody,
                                                          const QString &upstreamModel,
                                                          bool clientStream, QString *,
                                                          bool *stream) const
{
    *stream = clientStream;
    if (m_kind == RelayProtocol::Gemini)
        return clientBody; // the model is in the path
    QByteArray body =
        upstreamModel != m_options.clientModel ? withModel(clientBody, upstreamModel) : clientBody;
    if (m_kind == RelayProtocol::OpenAi && clientStream)
        body = OpenAiUsageTracker::withIncludeUsage(body, nullptr);
    return body;
}

QByteArray PassthroughTranslation::response(const QByteArray &upstreamBody, int) const
{
    return upstreamBody;
}

QByteArray PassthroughTranslation::streamEvent(const SseEvent &event)
{
    // Usage was requested for our ledger; a client that did not ask does not get it.
    if (m_kind == RelayProtocol::OpenAi && !m_options.clientAskedForUsage &&
        OpenAiUsageTracker::isUsageOnlyChunk(event))
        return {};
    return event.raw;
}

// Anthropic client, OpenAI upstream

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

// OpenAI client, Anthropic upstream

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

// OpenAI client, Gemini upstream

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
