// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/ErrorTranslation.h"

#include "protocol/ErrorShapes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>

namespace {

constexpr int MaxMessageLength = 4000;

QString valueText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        // Whole numbers print without a fraction; anything else (1e300) prints as a double
        // rather than going through an out-of-range integer conversion.
        const double d = v.toDouble();
        if (d == std::trunc(d) && std::abs(d) < 9.0e15)
            return QString::number(qint64(d));
        return QString::number(d);
    }
    return {};
}

} // namespace

ErrorTranslation::Parsed ErrorTranslation::parse(const QByteArray &body)
{
    Parsed p;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && doc.isObject()) {
        const QJsonObject object = doc.object();
        const QJsonValue e = object.value(QLatin1String("error"));
        if (e.isObject()) {
            const QJsonObject eo = e.toObject();
            p.message = valueText(eo.value(QLatin1String("message")));
            p.type = valueText(eo.value(QLatin1String("type")));
            p.code = valueText(eo.value(QLatin1String("code")));
        } else if (e.isString()) {
            p.message = e.toString();
        }
        for (const char *key : {"message", "msg", "detail", "error_msg"}) {
            if (!p.message.isEmpty())
                break;
            p.message = valueText(object.value(QLatin1String(key)));
        }
        if (p.code.isEmpty())
            p.code = valueText(object.value(QLatin1String("code")));
        if (p.message.isEmpty())
            p.message = QString::fromUtf8(body.trimmed());
    } else {
        p.message = QString::fromUtf8(body.trimmed());
    }
    if (p.message.size() > MaxMessageLength)
        p.message = p.message.left(MaxMessageLength) + QStringLiteral("...");
    return p;
}

QString ErrorTranslation::openAiErrorType(const QString &anthropicType, int status)
{
    const QString t = anthropicType.isEmpty() ? ErrorShapes::anthropicType(status) : anthropicType;
    if (t == QLatin1String("invalid_request_error") || t == QLatin1String("not_found_error") ||
        t == QLatin1String("request_too_large"))
        return QStringLiteral("invalid_request_error");
    if (t == QLatin1String("authentication_error"))
        return QStringLiteral("authentication_error");
    if (t == QLatin1String("permission_error") || t == QLatin1String("billing_error"))
        return QStringLiteral("permission_error");
    if (t == QLatin1String("rate_limit_error"))
        return QStringLiteral("rate_limit_error");
    return QStringLiteral("api_error");
}

QString ErrorTranslation::anthropicErrorType(const QString &openAiType, const QString &openAiCode,
                                             int status)
{
    if (status >= 400)
        return ErrorShapes::anthropicType(status);
    for (const QString &t : {openAiType, openAiCode}) {
        if (t.isEmpty())
            continue;
        if (t == QLatin1String("invalid_request_error") || t == QLatin1String("invalid_value") ||
            t == QLatin1String("context_length_exceeded"))
            return QStringLiteral("invalid_request_error");
        if (t == QLatin1String("authentication_error") || t == QLatin1String("invalid_api_key"))
            return QStringLiteral("authentication_error");
        if (t == QLatin1String("permission_error") || t == QLatin1String("insufficient_quota"))
            return QStringLiteral("permission_error");
        if (t == QLatin1String("not_found_error") || t == QLatin1String("model_not_found"))
            return QStringLiteral("not_found_error");
        if (t == QLatin1String("rate_limit_error") || t == QLatin1String("rate_limit_exceeded") ||
            t == QLatin1String("requests") || t == QLatin1String("tokens"))
            return QStringLiteral("rate_limit_error");
        if (t == QLatin1String("overloaded_error") || t == QLatin1String("overloaded") ||
            t == QLatin1String("server_overloaded"))
            return QStringLiteral("overloaded_error");
        if (t == QLatin1String("server_error") || t == QLatin1String("api_error"))
            return QStringLiteral("api_error");
    }
    return QStringLiteral("api_error");
}

QByteArray ErrorTranslation::anthropicToOpenAi(const QByteArray &body, int status)
{
    const Parsed p = parse(body);
    // Keep the Anthropic type as the code, so nothing of the original is lost.
    const QString anthropicType = p.type.isEmpty() ? ErrorShapes::anthropicType(status) : p.type;
    const QJsonObject error{{QStringLiteral("message"), p.message},
                            {QStringLiteral("type"), openAiErrorType(anthropicType, status)},
                            {QStringLiteral("param"), QJsonValue::Null},
                            {QStringLiteral("code"), anthropicType}};
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error}})
        .toJson(QJsonDocument::Compact);
}

QByteArray ErrorTranslation::openAiToAnthropic(const QByteArray &body, int status)
{
    const Parsed p = parse(body);
    const QJsonObject error{{QStringLiteral("type"), anthropicErrorType(p.type, p.code, status)},
                            {QStringLiteral("message"), p.message}};
    return QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                                     {QStringLiteral("error"), error}})
        .toJson(QJsonDocument::Compact);
}
