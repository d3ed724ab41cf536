// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/HeaderList.h"

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

    // Whether a response header may be relayed to the client (hop-by-hop and cookies are not).
    static bool isRelayableResponseHeader(const QByteArray &lowerName);
};
