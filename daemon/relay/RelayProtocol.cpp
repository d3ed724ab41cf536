// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayProtocol.h"

#include "protocol/ErrorTranslation.h"
#include "protocol/GeminiErrors.h"

#include <QJsonDocument>
#include <QJsonObject>

QString RelayProtocol::providerName(Kind kind)
{
    switch (kind) {
    case Anthropic:
        return QStringLiteral("anthropic");
    case OpenAi:
        return QStringLiteral("openai");
    case Gemini:
        return QStringLiteral("gemini");
    }
    return QStringLiteral("openai");
}

RelayProtocol::Kind RelayProtocol::kindOfProvider(const QString &provider)
{
    if (provider.startsWith(QLatin1String("anthropic")))
        return Anthropic;
    if (provider == QLatin1String("gemini"))
        return Gemini;
    return OpenAi;
}

QString RelayProtocol::defaultErrorType(Kind kind, int status)
{
    if (kind == Gemini)
        return GeminiErrors::statusName(status);
    if (kind == Anthropic)
        return ErrorTranslation::anthropicTypeForStatus(status);
    switch (status) {
    case 400:
    case 404:
    case 413:
        return QStringLiteral("invalid_request_error");
    case 401:
        return QStringLiteral("authentication_error");
    case 403:
        return QStringLiteral("permission_error");
    case 429:
        return QStringLiteral("rate_limit_error");
    default:
        return QStringLiteral("api_error");
    }
}

QByteArray RelayProtocol::errorBody(Kind kind, int status, const QString &message,
                                    const QString &type)
{
    const QString t = type.isEmpty() ? defaultErrorType(kind, status) : type;
    if (kind == Gemini)
        return GeminiErrors::body(status ? status : 500, message);
    if (kind == Anthropic) {
        const QJsonObject error{{QStringLiteral("type"), t}, {QStringLiteral("message"), message}};
        return QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("error")},
                                         {QStringLiteral("error"), error}})
            .toJson(QJsonDocument::Compact);
    }
    const QJsonObject error{{QStringLiteral("message"), message},
                            {QStringLiteral("type"), t},
                            {QStringLiteral("param"), QJsonValue::Null},
                            {QStringLiteral("code"), t}};
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error}})
        .toJson(QJsonDocument::Compact);
}

QByteArray RelayProtocol::errorEvent(Kind kind, const QString &type, const QString &message)
{
    if (kind == Anthropic)
        return "event: error\ndata: " + errorBody(kind, 0, message, type) + "\n\n";
    if (kind == Gemini)
        return "data: " + errorBody(kind, 500, message, type) + "\r\n\r\n";
    return "data: " + errorBody(kind, 0, message, type) + "\n\n";
}

QByteArray RelayProtocol::upstreamUrl(Kind, const QString &baseUrl, const QByteArray &path)
{
    QByteArray base = baseUrl.toUtf8();
    while (base.endsWith('/'))
        base.chop(1);
    // A base URL that already ends in a version segment ("https://api.openai.com/v1",
    // ".../compatible-mode/v1", ".../api/paas/v4") replaces the path's own "/v1".
    const QByteArray lastSegment = base.mid(base.lastIndexOf('/') + 1);
    const bool versioned = lastSegment.size() >= 2 && lastSegment.startsWith('v') &&
                           lastSegment.at(1) >= '0' && lastSegment.at(1) <= '9';
    if (versioned && path.startsWith("/v1/"))
        return base + path.mid(3);
    return base + path;
}

bool RelayProtocol::isSafeModelName(const QString &model)
{
    if (model.isEmpty() || model.size() > 128)
        return false;
    for (qsizetype i = 0; i < model.size(); ++i) {
        const char16_t c = model.at(i).unicode();
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum)
            continue;
        if (i == 0 || (c != '.' && c != '-' && c != '_'))
            return false;
    }
    return true;
}

bool RelayProtocol::isGeminiAction(const QString &action)
{
    return action == QLatin1String("generateContent") ||
           action == QLatin1String("streamGenerateContent") ||
           action == QLatin1String("countTokens");
}

bool RelayProtocol::isRelayableResponseHeader(const QByteArray &n)
{
    static const QByteArrayList blocked = {"connection",
                                           "keep-alive",
                                           "proxy-authenticate",
                                           "proxy-authorization",
                                           "te",
                                           "trailer",
                                           "transfer-encoding",
                                           "upgrade",
                                           "content-length",
                                           "date",
                                           "server",
                                           "set-cookie",
                                           "alt-svc"};
    return !blocked.contains(n);
}
