// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/ProtocolTranslation.h"

#include "relay/AnthropicClientOnOpenAi.h"
#include "relay/OpenAiClientOnAnthropic.h"
#include "relay/OpenAiClientOnGemini.h"
#include "relay/PassthroughTranslation.h"

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
