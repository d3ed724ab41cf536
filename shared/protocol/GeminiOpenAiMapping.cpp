// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/GeminiOpenAiMapping.h"
#include "protocol/TokenCount.h"

#include <QJsonDocument>
#include <QRandomGenerator>

QString GeminiOpenAiMapping::finishReason(const QString &reason)
{
    if (reason == QLatin1String("MAX_TOKENS"))
        return QStringLiteral("length");
    static const QStringList filtered = {
        QStringLiteral("SAFETY"),        QStringLiteral("RECITATION"),
        QStringLiteral("BLOCKLIST"),     QStringLiteral("PROHIBITED_CONTENT"),
        QStringLiteral("SPII"),          QStringLiteral("IMAGE_SAFETY"),
        QStringLiteral("OTHER_BLOCKED"), QStringLiteral("BLOCKED_REASON_UNSPECIFIED")};
    if (filtered.contains(reason))
        return QStringLiteral("content_filter");
    return QStringLiteral("stop");
}

QJsonObject GeminiOpenAiMapping::usage(const QJsonObject &m)
{
    const auto count = [&m](const char *key) {
        return TokenCount::fromJson(m.value(QLatin1String(key)));
    };
    const qint64 prompt =
        TokenCount::add(count("promptTokenCount"), count("toolUsePromptTokenCount"));
    const qint64 thoughts = count("thoughtsTokenCount");
    const qint64 completion = TokenCount::add(count("candidatesTokenCount"), thoughts);
    return QJsonObject{
        {QStringLiteral("prompt_tokens"), prompt},
        {QStringLiteral("completion_tokens"), completion},
        {QStringLiteral("total_tokens"), TokenCount::add(prompt, completion)},
        {QStringLiteral("prompt_tokens_details"),
         QJsonObject{{QStringLiteral("cached_tokens"), count("cachedContentTokenCount")}}},
        {QStringLiteral("completion_tokens_details"),
         QJsonObject{{QStringLiteral("reasoning_tokens"), thoughts}}}};
}

QString GeminiOpenAiMapping::newToolCallId()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString id = QStringLiteral("call_");
    for (int i = 0; i < 24; ++i)
        id.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]));
    return id;
}

QJsonObject GeminiOpenAiMapping::toolCall(const QJsonObject &functionCall)
{
    QString id = functionCall.value(QLatin1String("id")).toString();
    if (id.isEmpty())
        id = newToolCallId();
    const QJsonValue args = functionCall.value(QLatin1String("args"));
    const QByteArray arguments = args.isObject()
                                     ? QJsonDocument(args.toObject()).toJson(QJsonDocument::Compact)
                                     : QByteArrayLiteral("{}");
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("type"), QStringLiteral("function")},
        {QStringLiteral("function"),
         QJsonObject{{QStringLiteral("name"), functionCall.value(QLatin1String("name"))},
                     {QStringLiteral("arguments"), QString::fromUtf8(arguments)}}}};
}
