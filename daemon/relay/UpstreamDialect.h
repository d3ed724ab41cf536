// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/RelaySnapshot.h"
#include "relay/RelayProtocol.h"
#include "relay/UsageTracker.h"
#include "upstream/UpstreamRequest.h"

#include <QList>
#include <QPair>
#include <QString>

#include <memory>
#include <optional>

// What one upstream attempt asks of the account, independent of its wire protocol.
struct UpstreamTarget
{
    RelayProtocol::Kind client = RelayProtocol::Anthropic;
    bool countTokens = false;
    bool native = true;  // the account speaks the client's protocol
    bool stream = false; // the upstream request streams (after translation)
    QString upstreamModel;
    QString geminiAction;                       // native Gemini: generateContent, ...
    QList<QPair<QString, QString>> geminiQuery; // native Gemini: the client's query, key removed
    HttpHeaderList clientHeaders;
};

// One upstream wire protocol as an account speaks it: where a call goes (URL), how it is
// authenticated and which protocol headers it carries, and how its usage is read. URLs are built
// from the account's base URL and encoded parts only, never by pasting client text.
class UpstreamDialect
{
public:
    virtual ~UpstreamDialect() = default;

    virtual RelayProtocol::Kind kind() const = 0;
    // The upstream URL, or nullopt with *error when the target cannot be addressed safely.
    virtual std::optional<QByteArray> url(const RelayAccount &account, const UpstreamTarget &target,
                                          QString *error) const = 0;
    // Protocol and credential headers.
    virtual void addHeaders(const RelayAccount &account, const UpstreamTarget &target,
                            HttpHeaderList *headers) const = 0;
    // Subscription accounts: a fresh access token is fetched before each attempt and added here.
    virtual bool needsAccessToken() const { return false; }
    virtual void addAccessToken(const QByteArray &token, HttpHeaderList *headers) const;
    virtual std::unique_ptr<UsageTracker> usageTracker() const = 0;

    // The dialect of an account's provider ("anthropic", "anthropic-oauth", "openai", "gemini";
    // anything else is OpenAI-compatible).
    static std::unique_ptr<UpstreamDialect> forProvider(const QString &provider);

protected:
    // The value of one of the client's headers (lower-case name), empty when absent.
    static QByteArray clientHeader(const UpstreamTarget &target, const QByteArray &name);
};
