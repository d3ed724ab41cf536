// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/RelaySnapshot.h"
#include "governance/Governor.h"
#include "relay/ClientStream.h"
#include "relay/FailoverPolicy.h"
#include "relay/RelayContext.h"
#include "relay/RelayProtocol.h"
#include "relay/UpstreamAttempt.h"
#include "routing/AccountRouter.h"
#include "routing/CooldownPolicy.h"
#include "upstream/UpstreamCall.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

// One relayed call. Picks an account through the router and runs one UpstreamAttempt per
// account tried. Before the first byte has gone to the client, a rate limit, server error or
// connection failure moves the call to the next eligible account (FailoverPolicy). The answer is
// forwarded as it arrives (SSE event by event) to the ClientStream; while the client is not
// keeping up, the upstream transfer is paused. One ledger row records the call with every
// attempt (UsageRecorder). Deletes itself.
class RelayExchange : public QObject
{
    Q_OBJECT
public:
    enum class Op
    {
        Generate,
        CountTokens
    };

    struct Params
    {
        RelayProtocol::Kind client = RelayProtocol::Anthropic;
        Op op = Op::Generate;
        QByteArray endpoint;  // the client's path, e.g. "/v1/messages"
        QString routeName;    // the route template: the metrics label
        QString geminiAction; // native Gemini: generateContent, streamGenerateContent, ...
        QList<QPair<QString, QString>> geminiQuery; // native Gemini: the query without the key
        QString model;
        bool stream = false;
        bool clientAskedForUsage = false; // OpenAI clients: stream_options.include_usage
        QByteArray body;
        HttpHeaderList clientHeaders;
        RelayKey key;
        RelaySnapshotPtr snapshot; // keeps the accounts the router points into alive
        RouteRequest route;
        QString requestId;
        qint64 startedAtMs = 0;
        QElapsedTimer clock;
        // The reservations of the call (settled once in finish()) and the x-ratelimit-*
        // headers of its tightest quota, sent with a successful answer.
        AdmissionTicketPtr ticket;
        HttpHeaderList rateLimitHeaders;
    };

    RelayExchange(const RelayContext &context, Params params, ClientStreamPtr client);
    ~RelayExchange() override;

    void start();

private:
    void routeAndStart(const RouteDecision &decision);
    void launch(UpstreamRequest request);
    void onHeaders(int status, const HttpHeaderList &headers);
    void onData(const QByteArray &data);
    void onFinished(UpstreamCall::Error error, const QString &message);
    void onClientGone();
    void onClientWritable();
    void writeToClient(const QByteArray &data);
    void finishNonStreaming();
    // Ends the current attempt in the router and the attempt log.
    CooldownDecision endAttempt(const AttemptOutcome &outcome, const QString &errorType);
    // Tries the next account; false when none is left (the caller answers instead).
    bool failover(const AttemptOutcome &outcome, const QString &errorType);
    void answerRouteFailure(const RouteDecision &decision);
    // Every account failed: the key holder gets a generic message with the request id; the
    // details are in the ledger's attempt log and the daemon's log.
    void failGenerically(int status, const QString &type = {});
    void fail(int status, const QString &type, const QString &message,
              const HttpHeaderList &headers = {});
    // Records the call; `answer` (what the client is sent last) runs once the record is in the
    // ledger's spool, on this thread (Ledger::record()).
    void finish(int status, const QString &errorType, std::function<void()> answer = {});
    void markFirstByte();

    RelayContext m_ctx;
    Params m_p;
    ClientStreamPtr m_client;
    FailoverPolicy m_failover;

    std::unique_ptr<UpstreamAttempt> m_attempt; // the current attempt
    UpstreamCallPtr m_call;
    bool m_attemptOpen = false;
    qint64 m_attemptStartMs = 0;
    qint64 m_attemptTtfbMs = -1;
    QByteArray m_attemptLog; // UsageCall::attemptLog
    int m_attempts = 0;

    bool m_done = false;
    bool m_clientAborted = false;
    qint64 m_ttfbMs = -1;
};
