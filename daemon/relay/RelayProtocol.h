// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// The client-facing wire protocol of a relay endpoint: decides the error format and how the
// upstream request is addressed and authenticated.
class RelayProtocol
{
public:
    enum Kind
    {
        Anthropic,
        OpenAi,
        Gemini
    };

    // {"type":"error","error":{...}} for Anthropic, {"error":{...}} for OpenAI.
    static QByteArray errorBody(Kind kind, int status, const QString &message,
                                const QString &type = {});
    // The same error as a stream event, for failures after the stream has started.
    static QByteArray errorEvent(Kind kind, const QString &type, const QString &message);
    static QString defaultErrorType(Kind kind, int status);
    static QString providerName(Kind kind);
    // The wire protocol an account's provider speaks.
    static Kind kindOfProvider(const QString &provider);

    // Upstream URL for `path` (e.g. "/v1/messages") on an account's base URL. OpenAI-style base
    // URLs conventionally end in the version ("https://api.openai.com/v1"); Anthropic ones do not.
    static QByteArray upstreamUrl(Kind kind, const QString &baseUrl, const QByteArray &path);

    // Model names that may become part of an upstream URL path (Gemini: /v1beta/models/{model}):
    // 1 to 128 characters, letters, digits, '.', '-' and '_', starting with a letter or digit.
    // No '/', ':', '%', '?', '#' or spaces, so a name is always exactly one path segment and can
    // neither change the action nor add a query. (Gemini's tuned models live under another
    // collection, /v1beta/tunedModels/, which the relay does not serve.)
    static bool isSafeModelName(const QString &model);
    // generateContent, streamGenerateContent or countTokens.
    static bool isGeminiAction(const QString &action);

    // Whether a response header may be relayed to the client (hop-by-hop and cookies are not).
    static bool isRelayableResponseHeader(const QByteArray &lowerName);
};
