// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/AnthropicToOpenAiResponse.h"
#include "protocol/TokenCount.h"

#include "protocol/AnthropicUsageTracker.h"
#include "protocol/ErrorTranslation.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

QString AnthropicToOpenAiResponse::finishReason(const QString &stop)
{
    if (stop == QLatin1String("max_tokens") ||
        stop == QLatin1String("model_context_window_exceeded"))
        return QStringLiteral("length");
    if (stop == QLatin1String("tool_use"))
        return QStringLiteral("tool_calls");
    if (stop == QLatin1String("refusal"))
        return QStringLiteral("content_filter");
    return QStringLiteral("stop");
}

QJsonObject AnthropicToOpenAiResponse::openAiUsage(const TokenUsage &u)
{
    const qint64 prompt =
        TokenCount::add(TokenCount::add(u.inputTokens, u.cacheReadTokens), u.cacheWriteTokens);
    return QJsonObject{{QStringLiteral("prompt_tokens"), prompt},
                       {QStringLiteral("completion_tokens"), u.outputTokens},
                       {QStringLiteral("total_tokens"), TokenCount::add(prompt, u.outputTokens)},
                       {QStringLiteral("prompt_tokens_details"),
                        QJsonObject{{QStringLiteral("cached_tokens"), u.cacheReadTokens}}}};
}

QByteArray AnthropicToOpenAiResponse::translate(const QByteArray &anthropicBody,
                                                const QString &requestedModel)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(anthropicBody, &parseError);
    const QJsonObject message = doc.object();
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() ||
        message.value(QLatin1String("type")).toString() != QLatin1String("message"))
        return ErrorTranslation::anthropicToOpenAi(anthropicBody, 0);

    AnthropicUsageTracker tracker;
    tracker.addResponseBody(anthropicBody);

    QString text;
    QString reasoning;
    bool hasText = false;
    QJsonArray toolCalls;
    for (const QJsonValue &v : message.value(QLatin1String("content")).toArray()) {
        const QJsonObject block = v.toObject();
        const QString type = block.value(QLatin1String("type")).toString();
        if (type == QLatin1String("text")) {
            text += block.value(QLatin1String("text")).toString();
            hasText = true;
        } else if (type == QLatin1String("thinking")) {
            reasoning += block.value(QLatin1String("thinking")).toString();
        } else if (type == QLatin1String("tool_use")) {
            const QJsonObject function{
                {QStringLiteral("name"), block.value(QLatin1String("name"))},
                {QStringLiteral("arguments"),
                 QString::fromUtf8(QJsonDocument(block.value(QLatin1String("input")).toObject())
                                       .toJson(QJsonDocument::Compact))}};
            toolCalls.append(QJsonObject{{QStringLiteral("id"), block.value(QLatin1String("id"))},
                                         {QStringLiteral("type"), QStringLiteral("function")},
                                         {QStringLiteral("function"), function}});
        }
    }

    QJsonObject out;
    out.insert(QStringLiteral("role"), QStringLiteral("assistant"));
    out.insert(QStringLiteral("content"), hasText ? QJsonValue(text) : QJsonValue());
    if (!reasoning.isEmpty())
        out.insert(QStringLiteral("reasoning_content"), reasoning);
    if (!toolCalls.isEmpty())
        out.insert(QStringLiteral("tool_calls"), toolCalls);
    out.insert(QStringLiteral("refusal"), QJsonValue());

    const QJsonObject choice{
        {QStringLiteral("index"), 0},
        {QStringLiteral("message"), out},
        {QStringLiteral("logprobs"), QJsonValue()},
        {QStringLiteral("finish_reason"),
         finishReason(message.value(QLatin1String("stop_reason")).toString())}};

    const QString model = requestedModel.isEmpty()
                              ? message.value(QLatin1String("model")).toString()
                              : requestedModel;
    const QJsonObject completion{
        {QStringLiteral("id"),
         QStringLiteral("chatcmpl-") + message.value(QLatin1String("id")).toString()},
        {QStringLiteral("object"), QStringLiteral("chat.completion")},
        {QStringLiteral("created"), QDateTime::currentSecsSinceEpoch()},
        {QStringLiteral("model"), model},
        {QStringLiteral("choices"), QJsonArray{choice}},
        {QStringLiteral("usage"), openAiUsage(tracker.usage())}};
    return QJsonDocument(completion).toJson(QJsonDocument::Compact);
}
