// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/PassthroughTranslation.h"

#include "protocol/OpenAiUsageTracker.h"

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
