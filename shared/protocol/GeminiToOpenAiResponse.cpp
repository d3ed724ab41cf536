// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/GeminiToOpenAiResponse.h"

#include "protocol/GeminiErrors.h"
#include "protocol/GeminiOpenAiMapping.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

QByteArray GeminiToOpenAiResponse::translate(const QByteArray &geminiBody, const QString &model)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(geminiBody, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return GeminiErrors::toOpenAi(geminiBody, 502);
    const QJsonObject in = doc.object();
    if (in.value(QLatin1String("error")).isObject())
        return GeminiErrors::toOpenAi(geminiBody, 0);

    QString modelName = model;
    if (modelName.isEmpty()) {
        modelName = in.value(QLatin1String("modelVersion")).toString();
        if (modelName.startsWith(QLatin1String("models/")))
            modelName = modelName.mid(7);
    }
    QString id = in.value(QLatin1String("responseId")).toString();
    id = QLatin1String("chatcmpl-") +
         (id.isEmpty() ? GeminiOpenAiMapping::newToolCallId().mid(5) : id);

    QJsonArray choices;
    const QJsonArray candidates = in.value(QLatin1String("candidates")).toArray();
    for (int i = 0; i < candidates.size(); ++i) {
        const QJsonObject candidate = candidates.at(i).toObject();
        QString text;
        QString reasoning;
        QJsonArray toolCalls;
        const QJsonArray parts = candidate.value(QLatin1String("content"))
                                     .toObject()
                                     .value(QLatin1String("parts"))
                                     .toArray();
        for (const QJsonValue &p : parts) {
            const QJsonObject part = p.toObject();
            if (part.value(QLatin1String("functionCall")).isObject()) {
                toolCalls.append(GeminiOpenAiMapping::toolCall(
                    part.value(QLatin1String("functionCall")).toObject()));
            } else if (part.value(QLatin1String("text")).isString()) {
                if (part.value(QLatin1String("thought")).toBool(false))
                    reasoning += part.value(QLatin1String("text")).toString();
                else
                    text += part.value(QLatin1String("text")).toString();
            }
        }
        QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                            {QStringLiteral("content"), text.isEmpty() && !toolCalls.isEmpty()
                                                            ? QJsonValue(QJsonValue::Null)
                                                            : QJsonValue(text)},
                            {QStringLiteral("refusal"), QJsonValue::Null}};
        if (!reasoning.isEmpty())
            message.insert(QStringLiteral("reasoning_content"), reasoning);
        if (!toolCalls.isEmpty())
            message.insert(QStringLiteral("tool_calls"), toolCalls);
        const QString finish = toolCalls.isEmpty()
                                   ? GeminiOpenAiMapping::finishReason(
                                         candidate.value(QLatin1String("finishReason")).toString())
                                   : QStringLiteral("tool_calls");
        choices.append(
            QJsonObject{{QStringLiteral("index"), candidate.value(QLatin1String("index")).toInt(i)},
                        {QStringLiteral("message"), message},
                        {QStringLiteral("logprobs"), QJsonValue::Null},
                        {QStringLiteral("finish_reason"), finish}});
    }
    if (choices.isEmpty()) {
        // No candidate: the prompt was blocked (promptFeedback.blockReason) or nothing came back.
        const bool blocked = in.value(QLatin1String("promptFeedback"))
                                 .toObject()
                                 .contains(QLatin1String("blockReason"));
        choices.append(
            QJsonObject{{QStringLiteral("index"), 0},
                        {QStringLiteral("message"),
                         QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                     {QStringLiteral("content"), QJsonValue::Null},
                                     {QStringLiteral("refusal"), QJsonValue::Null}}},
                        {QStringLiteral("logprobs"), QJsonValue::Null},
                        {QStringLiteral("finish_reason"),
                         blocked ? QStringLiteral("content_filter") : QStringLiteral("stop")}});
    }
    const QJsonObject out{
        {QStringLiteral("id"), id},
        {QStringLiteral("object"), QStringLiteral("chat.completion")},
        {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
        {QStringLiteral("model"), modelName},
        {QStringLiteral("choices"), choices},
        {QStringLiteral("usage"),
         GeminiOpenAiMapping::usage(in.value(QLatin1String("usageMetadata")).toObject())}};
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}
