// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AccountSelector.h"
#include "RelayContext.h"
#include "RelayProtocol.h"
#include "RelaySnapshot.h"
#include "http/HttpResponder.h"

#include <QHash>

class HttpRouter;

// The AI-client endpoints: Anthropic Messages, OpenAI chat completions and model lists.
// Authenticates personal keys against the in-memory snapshot and starts RelayExchanges.
class RelayService
{
public:
    explicit RelayService(const RelayContext &context);

    void registerRoutes(HttpRouter &router);
    void setSnapshot(RelaySnapshotPtr snapshot) { m_snapshot = std::move(snapshot); }
    RelaySnapshotPtr snapshot() const { return m_snapshot; }

    // Keys used since the last call, with the time of last use (ms); for a periodic DB update.
    QHash<qint64, qint64> takeKeyUse();

    // Presented personal key from x-api-key, Authorization: Bearer, x-goog-api-key or ?key=.
    static QByteArray presentedKey(const HttpRequest &request);

private:
    const RelayKey *authenticate(const HttpRequest &request, RelayProtocol::Kind protocol,
                                 const HttpResponderPtr &responder);
    void relay(const HttpRequest &request, const HttpResponderPtr &responder,
               RelayProtocol::Kind protocol, const QByteArray &upstreamPath);
    void listModels(const HttpRequest &request, const HttpResponderPtr &responder);
    void sendError(const HttpResponderPtr &responder, RelayProtocol::Kind protocol, int status,
                   const QString &message, const QString &type = {});

    RelayContext m_ctx;
    RelaySnapshotPtr m_snapshot;
    AccountSelector m_selector;
    QHash<qint64, qint64> m_keyUse;
};
