// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/ErrorShapes.h"

#include <QJsonDocument>
#include <QJsonObject>

QString ErrorShapes::anthropicType(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("invalid_request_error");
    case 401:
        return QStringLiteral("authentication_error");
    case 403:
        return QStringLiteral("permission_error");
    case 404:
        return QStringLiteral("not_found_error");
    case 413:
        return QStringLiteral("request_too_large");
    case 429:
        return QStringLiteral("rate_limit_error");
    case 503:
    case 529:
        return QStringLiteral("overloaded_error");
    default:
        if (status >= 400 && status < 500)
            return QStringLiteral("invalid_request_error");
        return QStringLiteral("api_error");
    }
}

QString ErrorShapes::openAiType(int status)
{
    switch (status) {
    case 401:
        return QStringLiteral("authentication_error");
    case 403:
        return QStringLiteral("permission_error");
    case 429:
        return QStringLiteral("rate_limit_error");
    default:
        if (status >= 400 && status < 500)
            return QStringLiteral("invalid_request_error");
        return QStringLiteral("api_error");
    }
}

QString ErrorShapes::geminiStatus(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("INVALID_ARGUMENT");
    case 401:
        return QStringLiteral("UNAUTHENTICATED");
    case 403:
        return QStringLiteral("PERMISSION_DENIED");
    case 404:
        return QStringLiteral("NOT_FOUND");
    case 409:
        return QStringLiteral("ABORTED");
    case 429:
        return QStringLiteral("RESOURCE_EXHAUSTED");
    case 499:
        return QStringLiteral("CANCELLED");
    case 501:
        return QStringLiteral("UNIMPLEMENTED");
    case 503:
        return QStringLiteral("UNAVAILABLE");
    case 504:
        return QStringLiteral("DEADLINE_EXCEEDED");
    default:
        return status >= 500 ? QStringLiteral("INTERNAL") : QStringLiteral("FAILED_PRECONDITION");
    }
}

QString ErrorShapes::type(Protocol protocol, int status)
{
    switch (protocol) {
    case Protocol::Anthropic:
        return anthropicType(status);
    case Protocol::OpenAi:
        return openAiType(status);
    case Protocol::Gemini:
        return geminiStatus(status);
    }
    return openAiType(status);
}

QByteArray ErrorShapes::body(Protocol protocol, int status, const QString &message,
                             const QString &type)
{
    const QString t = type.isEmpty() ? ErrorShapes::type(protocol, status) : type;
    QJsonObject out;
    switch (protocol) {
    case Protocol::Gemini: {
        const int code = status ? status : 500;
        out.insert(QStringLiteral("error"),
                   QJsonObject{{QStringLiteral("code"), code},
                               {QStringLiteral("message"), message},
                               {QStringLiteral("status"), geminiStatus(code)}});
        break;
    }
    case Protocol::Anthropic:
        out.insert(QStringLiteral("type"), QStringLiteral("error"));
        out.insert(QStringLiteral("error"),
                   QJsonObject{{QStringLiteral("type"), t}, {QStringLiteral("message"), message}});
        break;
    case Protocol::OpenAi:
        out.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                        {QStringLiteral("type"), t},
                                                        {QStringLiteral("param"), QJsonValue::Null},
                                                        {QStringLiteral("code"), t}});
        break;
    }
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

QByteArray ErrorShapes::event(Protocol protocol, const QString &type, const QString &message)
{
    switch (protocol) {
    case Protocol::Anthropic:
        return "event: error\ndata: " + body(protocol, 0, message, type) + "\n\n";
    case Protocol::Gemini:
        return "data: " + body(protocol, 500, message, type) + "\r\n\r\n";
    case Protocol::OpenAi:
        break;
    }
    return "data: " + body(protocol, 0, message, type) + "\n\n";
}
