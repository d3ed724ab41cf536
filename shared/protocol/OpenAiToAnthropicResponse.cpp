// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/OpenAiToAnthropicResponse.h"

#include "protocol/ErrorTranslation.h"
#include "protocol/OpenAiUsageTracker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QUuid>

QString OpenAiToAnthropicResponse::stopReason(const QString &finish, bool hasToolCalls)
{
    if (finish == QLatin1String("length"))
        return QStringLiteral("max_tokens");
    if (finish == QLatin1String("tool_calls") || finish == QLatin1String("function_call") ||
        hasToolCalls)
        return QStringLiteral("tool_use");
    if (finish == QLatin1String("content_filter"))
        return QStringLiteral("refusal");
    return QStringLiteral("end_turn");
}

QJsonObject OpenAiToAnthropicResponse::anthropicUsage(const TokenUsage &u)
{
    return QJsonObject{{QStringLiteral("input_tokens"), u.inputTokens},
                       {QStringLiteral("cache_creation_input_tokens"), u.cacheWriteTokens},
                       {QStringLiteral("cache_read_input_tokens"), u.cacheReadTokens},
                       {QStringLiteral("output_tokens"), u.outputTokens}};
}

QJsonObject OpenAiToAnthropicResponse::parseArguments(const QString &arguments)
{
    const QJsonDocument doc = QJsonDocument::fromJson(arguments.toUtf8());
    return doc.isObject() ? doc.object() : QJsonObject();
}

QByteArray OpenAiToAnthropicResponse::translate(const QByteArray &openAiBody,
                                                const QString &requestedModel)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(openAiBody, &parseError);
    const QJsonObject completion = doc.object();
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() ||
        !completion.value(QLatin1String("choices")).isArray())
        return ErrorTranslation::openAiToAnthropic(openAiBody, 0);

    OpenAiUsageTracker tracker;
    tracker.addResponseBody(openAiBody);

    const QJsonObject choice =
        completion.value(QLatin1String("choices")).toArray().at(0).toObject();
    const QJsonObject message = choice.value(QLatin1String("message")).toObject();

    QJsonArray content;
    QString text;
    const QJsonValue c = message.value(QLatin1String("content"));
    if (c.isString()) {
        text = c.toString();
    } else if (c.isArray()) {
        for (const QJsonValue &p : c.toArray())
            text += p.toObject().value(QLatin1String("text")).toString();
    }
    if (text.isEmpty())
        text = message.value(QLatin1String("refusal")).toString();
    if (!text.isEmpty())
        content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                   {QStringLiteral("text"), text}});

    const QJsonArray toolCalls = message.value(QLatin1String("tool_calls")).toArray();
    for (const QJsonValue &v : toolCalls) {
        const QJsonObject call = v.toObject();
        const QJsonObject function = call.value(QLatin1String("function")).toObject();
        QString id = call.value(QLatin1String("id")).toString();
        if (id.isEmpty())
            id = QStringLiteral("toolu_") + QUuid::createUuid().toString(QUuid::Id128);
        const QJsonValue arguments = function.value(QLatin1String("arguments"));
        content.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("tool_use")},
            {QStringLiteral("id"), id},
            {QStringLiteral("name"), function.value(QLatin1String("name"))},
            {QStringLiteral("input"),
             arguments.isObject() ? arguments.toObject() : parseArguments(arguments.toString())}});
    }

    QString id = completion.value(QLatin1String("id")).toString();
    if (id.startsWith(QLatin1String("chatcmpl-")))
        id = id.mid(9);
    if (id.isEmpty())
        id = QUuid::createUuid().toString(QUuid::Id128);
    const QString model = requestedModel.isEmpty()
                              ? completion.value(QLatin1String("model")).toString()
                              : requestedModel;
    const QJsonObject out{
        {QStringLiteral("id"),
         id.startsWith(QLatin1String("msg_")) ? id : QStringLiteral("msg_") + id},
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("model"), model},
        {QStringLiteral("content"), content},
        {QStringLiteral("stop_reason"),
         stopReason(choice.value(QLatin1String("finish_reason")).toString(), !toolCalls.isEmpty())},
        {QStringLiteral("stop_sequence"), QJsonValue()},
        {QStringLiteral("usage"), anthropicUsage(tracker.usage())}};
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}
