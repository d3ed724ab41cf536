// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayProtocol.h"

#include "domain/Provider.h"
#include "protocol/ErrorShapes.h"

#include <QByteArrayList>

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
    switch (Providers::parse(provider).value_or(Provider::OpenAi)) {
    case Provider::Anthropic:
    case Provider::AnthropicOAuth:
        return Anthropic;
    case Provider::Gemini:
        return Gemini;
    case Provider::OpenAi:
        break;
    }
    return OpenAi;
}

namespace {

ErrorShapes::Protocol shapeOf(RelayProtocol::Kind kind)
{
    switch (kind) {
    case RelayProtocol::Anthropic:
        return ErrorShapes::Protocol::Anthropic;
    case RelayProtocol::Gemini:
        return ErrorShapes::Protocol::Gemini;
    case RelayProtocol::OpenAi:
        break;
    }
    return ErrorShapes::Protocol::OpenAi;
}

} // namespace

QString RelayProtocol::defaultErrorType(Kind kind, int status)
{
    return ErrorShapes::type(shapeOf(kind), status);
}

QByteArray RelayProtocol::errorBody(Kind kind, int status, const QString &message,
                                    const QString &type)
{
    return ErrorShapes::body(shapeOf(kind), status, message, type);
}

QByteArray RelayProtocol::errorEvent(Kind kind, const QString &type, const QString &message)
{
    return ErrorShapes::event(shapeOf(kind), type, message);
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
