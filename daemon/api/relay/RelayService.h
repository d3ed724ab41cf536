// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/RelaySnapshot.h"
#include "governance/Governor.h"
#include "http/HttpResponder.h"
#include "http/HttpRouteOptions.h"
#include "relay/RelayContext.h"
#include "relay/RelayExchange.h"
#include "relay/RelayProtocol.h"

#include <QHash>
#include <QMutex>

#include <atomic>

class HttpRouter;
class UpstreamClient;

// The AI-client endpoints: Anthropic Messages, OpenAI chat completions and model lists.
// Authenticates personal keys against the in-memory snapshot and starts RelayExchanges.
// Thread-safe: requests arrive on several HTTP threads; each thread gets its own upstream
// client (created on first use, on that thread) so upstream callbacks stay on that thread.
class RelayService
{
public:
    explicit RelayService(const RelayContext &context);

    void registerRoutes(HttpRouter &router);
    void setSnapshot(RelaySnapshotPtr snapshot);
    RelaySnapshotPtr snapshot() const;
    int activeUpstreamCalls() const { return m_activeCalls.load(); }

    // Keys used since the last call, with the time of last use (ms); for a periodic DB update.
    QHash<qint64, qint64> takeKeyUse();

    // Presented personal key from x-api-key, Authorization: Bearer, x-goog-api-key or ?key=.
    static QByteArray presentedKey(const HttpRequest &request);
    // Whether the head presents a key the current snapshot knows (in any state).
    bool knowsKey(const HttpRequest &head) const;
    // The protocol a model-list request speaks (for its errors).
    static RelayProtocol::Kind modelsProtocol(const HttpRequest &request);

private:
    // Head guard of the relay routes: 401 for a missing or unknown key before the body.
    std::optional<HttpGuardRefusal> keyGuard(const HttpRequest &head, RelayProtocol::Kind protocol);
    // Returns the key from `snapshot`, or nullptr after answering 401.
    const RelayKey *authenticate(const RelaySnapshot &snapshot, const HttpRequest &request,
                                 RelayProtocol::Kind protocol, const HttpResponderPtr &responder);
    UpstreamClient *upstreamForThisThread();
    void relay(const HttpRequest &request, const HttpResponderPtr &responder,
               RelayProtocol::Kind protocol, RelayExchange::Op op,
               const QString &geminiModelAction = QString());
    void listModels(const HttpRequest &request, const HttpResponderPtr &responder);
    // Starts the exchange of an admitted call (on the thread of the request).
    void startExchange(RelayExchange::Params p, const HttpResponderPtr &responder);
    // Answers a call that quotas or budgets refused, in the client's format, with one ledger
    // row.
    void refuse(const RelayExchange::Params &p, const HttpResponderPtr &responder,
                RelayProtocol::Kind protocol, const AdmissionRefusal &refusal);
    void sendError(const HttpResponderPtr &responder, RelayProtocol::Kind protocol, int status,
                   const QString &message, const QString &type = {});

    RelayContext m_ctx;
    mutable QMutex m_mutex; // guards the members below
    RelaySnapshotPtr m_snapshot;
    QHash<qint64, qint64> m_keyUse;
    std::atomic<int> m_activeCalls{0};
};
