// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/RelayExchange.h"

#include "base/Clock.h"
#include "base/DeferredDelete.h"
#include "base/Metrics.h"
#include "base/ProxyUrl.h"
#include "base/ThreadContext.h"
#include "domain/UsageRecord.h"
#include "governance/Governor.h"
#include "oauth/OAuthService.h"
#include "pricing/PriceTable.h"
#include "protocol/CompactJsonWriter.h"
#include "relay/UsageRecorder.h"
#include "routing/RoutingService.h"
#include "upstream/UpstreamClient.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QPointer>

#include <cmath>

Q_LOGGING_CATEGORY(lcRelay, "aicarpool.relay")

namespace {

QString errorKind(UpstreamCall::Error e)
{
    switch (e) {
    case UpstreamCall::Error::Connect:
        return QStringLiteral("connect");
    case UpstreamCall::Error::Tls:
        return QStringLiteral("tls");
    case UpstreamCall::Error::Timeout:
        return QStringLiteral("timeout");
    case UpstreamCall::Error::Transfer:
    case UpstreamCall::Error::Other:
        return QStringLiteral("transfer");
    default:
        return QString();
    }
}

} // namespace

RelayExchange::RelayExchange(const RelayContext &context, Params params, ClientStreamPtr client)
    : m_ctx(context), m_p(std::move(params)), m_client(std::move(client)),
      m_failover(context.maxAttempts)
{
    m_ctx.metrics->addInFlight(1);
    if (m_ctx.activeCalls)
        ++*m_ctx.activeCalls;
    if (m_p.requestId.isEmpty())
        m_p.requestId = UsageRecord::newRequestId(Clock::nowMs());
}

RelayExchange::~RelayExchange()
{
    m_ctx.metrics->addInFlight(-1);
    if (m_ctx.activeCalls)
        --*m_ctx.activeCalls;
}

void RelayExchange::start()
{
    QPointer<RelayExchange> self(this);
    m_client->setDisconnectHandler([self] {
        if (self)
            self->onClientGone();
    });
    m_client->setWritableHandler([self] {
        if (self)
            self->onClientWritable();
    });
    routeAndStart(
        m_ctx.routing->route(m_p.snapshot->accounts, m_p.route, *m_ctx.prices, Clock::nowMs()));
}

void RelayExchange::routeAndStart(const RouteDecision &decision)
{
    if (!decision.account) {
        answerRouteFailure(decision);
        return;
    }
    if (!decision.movedFromNote.isEmpty())
        qCInfo(lcRelay).noquote() << "key" << m_p.key.id << decision.movedFromNote;
    const RelayAccount &account = *decision.account;
    UpstreamAttempt::Input in;
    in.client = m_p.client;
    in.countTokens = m_p.op == Op::CountTokens;
    in.stream = m_p.stream;
    in.body = m_p.body;
    in.clientHeaders = m_p.clientHeaders;
    in.geminiAction = m_p.geminiAction;
    in.geminiQuery = m_p.geminiQuery;
    // socks5:// becomes socks5h:// so host names resolve at the proxy.
    in.proxyUrl = account.proxyUrl.isEmpty() ? QString() : ProxyUrl::forCurl(account.proxyUrl);
    in.connectTimeoutMs = m_ctx.connectTimeoutMs;
    in.timeoutMs = m_ctx.timeoutMs;
    in.translation.clientModel = m_p.model;
    in.translation.clientAskedForUsage = m_p.clientAskedForUsage;
    m_call.reset();
    m_attempt = std::make_unique<UpstreamAttempt>(
        account, decision.upstreamModel.isEmpty() ? m_p.model : decision.upstreamModel, in);
    m_attemptOpen = true;
    m_attemptStartMs = m_p.clock.elapsed();
    m_attemptTtfbMs = -1;
    m_p.route.exclude.insert(account.id);

    UpstreamRequest request;
    QString error;
    if (!m_attempt->prepare(&request, &error)) {
        // The request cannot be expressed in this account's protocol (e.g. OpenAI n > 1 for an
        // Anthropic account): not the account's fault; another account may take it as it is.
        endAttempt(AttemptOutcome{400, QString(), {}}, QStringLiteral("untranslatable"));
        const RouteDecision next =
            m_ctx.routing->route(m_p.snapshot->accounts, m_p.route, *m_ctx.prices, Clock::nowMs());
        if (next.account) {
            routeAndStart(next);
            return;
        }
        fail(400, QString(), error);
        return;
    }
    if (!m_attempt->dialect().needsAccessToken()) {
        launch(std::move(request));
        return;
    }
    // Subscription accounts: a fresh access token first (refreshed once for all callers).
    QPointer<RelayExchange> self(this);
    auto back = [self, request](const QByteArray &token, const QString &tokenError) mutable {
        if (!self || self->m_done)
            return;
        if (token.isEmpty()) {
            qCWarning(lcRelay).noquote()
                << QStringLiteral("request %1: account \"%2\" has no access token: %3")
                       .arg(self->m_p.requestId, self->m_attempt->account().name, tokenError);
            const AttemptOutcome outcome{401, QString(), {}};
            if (!self->failover(outcome, QStringLiteral("oauth_refresh_failed")))
                self->failGenerically(503, QStringLiteral("authentication_error"));
            return;
        }
        self->m_attempt->dialect().addAccessToken(token, &request.headers);
        self->launch(std::move(request));
    };
    QObject *origin = ThreadContext::current();
    OAuthService *oauth = m_ctx.oauth;
    ThreadContext::post(oauth, [oauth, account, origin, back]() mutable {
        oauth->accessToken(account, [origin, back](const QByteArray &token,
                                                   const QString &tokenError) mutable {
            ThreadContext::post(origin,
                                [back, token, tokenError]() mutable { back(token, tokenError); });
        });
    });
}

void RelayExchange::launch(UpstreamRequest request)
{
    if (m_done)
        return;
    m_call = m_attempt->start(m_ctx.upstream, request);
    QPointer<RelayExchange> self(this);
    m_call->onHeaders = [self](int status, const HttpHeaderList &headers) {
        if (self)
            self->onHeaders(status, headers);
    };
    m_call->onData = [self](const QByteArray &data) {
        if (self)
            self->onData(data);
    };
    m_call->onFinished = [self](UpstreamCall::Error error, const QString &message) {
        if (self)
            self->onFinished(error, message);
    };
}

void RelayExchange::markFirstByte()
{
    if (m_ttfbMs < 0)
        m_ttfbMs = m_p.clock.elapsed();
}

CooldownDecision RelayExchange::endAttempt(const AttemptOutcome &outcome, const QString &errorType)
{
    if (!m_attemptOpen || !m_attempt)
        return {};
    m_attemptOpen = false;
    const RelayAccount &account = m_attempt->account();
    const qint64 elapsed = m_p.clock.elapsed() - m_attemptStartMs;
    const CooldownDecision d =
        m_ctx.routing->finished(account.id, Clock::nowMs(), m_attemptTtfbMs, outcome);
    // Written as the text the ledger stores: a QJsonObject per attempt cost more than the
    // rest of this function. Members in name order, as QJsonDocument would write them.
    if (m_attempts++ > 0)
        m_attemptLog.append(',');
    CompactJsonWriter entry(m_attemptLog);
    entry.add("account", account.name);
    entry.add("accountId", account.id);
    if (d.durationMs > 0)
        entry.add("cooldownMs", qint64(d.durationMs));
    const QString type = !errorType.isEmpty() ? errorType : d.errorType;
    if (!type.isEmpty())
        entry.add("errorType", type);
    entry.add("latencyMs", elapsed);
    entry.add("status", qint64(outcome.status));
    entry.close();
    // Refused credentials are kept on the account for the administrator to see; the first
    // success afterwards clears the flag again.
    if (m_ctx.flagAttention && !m_clientAborted) {
        if (d.needsAttention && !account.needsAttention)
            m_ctx.flagAttention(account.id, true);
        else if (account.needsAttention && outcome.status >= 200 && outcome.status < 300 &&
                 outcome.errorKind.isEmpty())
            m_ctx.flagAttention(account.id, false);
    }
    if (d.durationMs > 0) {
        qCInfo(lcRelay).noquote() << QStringLiteral("account \"%1\" cools down for %2 s: %3")
                                         .arg(account.name)
                                         .arg(d.durationMs / 1000)
                                         .arg(d.reason);
    }
    return d;
}

bool RelayExchange::failover(const AttemptOutcome &outcome, const QString &errorType)
{
    const CooldownDecision assessed =
        m_ctx.routing->assess(m_attempt->account().id, Clock::nowMs(), outcome);
    if (!m_failover.allowsAnother(assessed, m_attempts + 1))
        return false;
    const RouteDecision next =
        m_ctx.routing->route(m_p.snapshot->accounts, m_p.route, *m_ctx.prices, Clock::nowMs());
    if (!next.account)
        return false;
    m_attempt->abort(m_ctx.upstream);
    m_call.reset();
    const QString from = m_attempt->account().name;
    endAttempt(outcome, errorType);
    qCInfo(lcRelay).noquote() << QStringLiteral("request moves from account \"%1\" to \"%2\" (%3)")
                                     .arg(from, next.account->name,
                                          outcome.status ? QString::number(outcome.status)
                                                         : outcome.errorKind);
    routeAndStart(next);
    return true;
}

void RelayExchange::answerRouteFailure(const RouteDecision &decision)
{
    const QString model = m_p.model;
    switch (decision.failure) {
    case RouteDecision::AllCoolingDown: {
        const qint64 waitMs = qMax<qint64>(1000, decision.retryAtMs - Clock::nowMs());
        const qint64 secs = (waitMs + 999) / 1000;
        fail(503,
             m_p.client == RelayProtocol::Anthropic ? QStringLiteral("overloaded_error")
                                                    : QString(),
             QStringLiteral("Every account that serves \"%1\" is cooling down after upstream "
                            "errors; the first is available again at %2 (in %3 s).")
                 .arg(model, QDateTime::fromMSecsSinceEpoch(decision.retryAtMs, Qt::UTC)
                                 .toString(Qt::ISODate))
                 .arg(secs),
             {{"retry-after", QByteArray::number(secs)}});
        return;
    }
    case RouteDecision::AllBusy:
        fail(503, QString(),
             QStringLiteral("Every account that serves \"%1\" is at its concurrency limit; retry "
                            "shortly.")
                 .arg(model),
             {{"retry-after", "1"}});
        return;
    case RouteDecision::NoAccountForModel:
        fail(404, QString(),
             QStringLiteral("No upstream account serves model \"%1\". Ask an administrator to "
                            "add it to an account's models or model map.")
                 .arg(model));
        return;
    case RouteDecision::AllTried:
    case RouteDecision::NoAccountForProvider:
    case RouteDecision::None:
        break;
    }
    fail(503,
         m_p.client == RelayProtocol::Anthropic ? QStringLiteral("overloaded_error") : QString(),
         QStringLiteral("No enabled upstream account can serve this request; an administrator "
                        "must add one (POST /api/accounts)."));
}

void RelayExchange::onHeaders(int status, const HttpHeaderList &headers)
{
    m_attemptTtfbMs = m_p.clock.elapsed() - m_attemptStartMs;
    m_ctx.metrics->observeUpstreamLatency(double(m_attemptTtfbMs) / 1000.0);
    if (status >= 400) {
        // Nothing has gone to the client yet: another account may serve it.
        if (failover(AttemptOutcome{status, QString(), headers},
                     QStringLiteral("upstream_%1").arg(status)))
            return;
    }
    if (!m_attempt->onHeaders(status, headers))
        return;
    if (!m_client->begin(200, m_attempt->clientStreamHeaders() + m_p.rateLimitHeaders))
        onClientGone();
}

void RelayExchange::onData(const QByteArray &data)
{
    if (m_done)
        return;
    if (m_attempt->isStreaming()) {
        writeToClient(m_attempt->streamData(data));
        return;
    }
    if (!m_attempt->appendBody(data, m_ctx.maxResponseBytes)) {
        m_attempt->abort(m_ctx.upstream);
        endAttempt(AttemptOutcome{502, QString(), {}}, QStringLiteral("response_too_large"));
        fail(
            502, QString(),
            QStringLiteral("The upstream response exceeded %1 bytes.").arg(m_ctx.maxResponseBytes));
    }
}

void RelayExchange::writeToClient(const QByteArray &data)
{
    if (data.isEmpty())
        return;
    markFirstByte();
    if (!m_client->write(data)) {
        onClientGone();
        return;
    }
    // The client is not keeping up: stop reading the upstream until it drains.
    if (m_client->isBackedUp())
        m_attempt->pause();
}

void RelayExchange::onClientWritable()
{
    if (!m_done && m_attempt)
        m_attempt->resume();
}

void RelayExchange::onFinished(UpstreamCall::Error error, const QString &message)
{
    if (m_done)
        return;
    const RelayAccount &account = m_attempt->account();
    if (error != UpstreamCall::Error::None) {
        const QString type = UpstreamCall::errorName(error);
        m_ctx.metrics->countUpstreamError(account.provider, type);
        const AttemptOutcome outcome{0, errorKind(error), {}};
        // Details for administrators only: host, port and account stay in the log.
        qCWarning(lcRelay).noquote() << QStringLiteral("request %1: account \"%2\" failed (%3): %4")
                                            .arg(m_p.requestId, account.name, type, message);
        if (m_attempt->isStreaming()) {
            // Headers are gone: end the stream with an error event in the client's format.
            endAttempt(outcome, type);
            m_client->write(m_attempt->cutStream());
            m_client->write(RelayProtocol::errorEvent(
                m_p.client,
                m_p.client == RelayProtocol::Gemini ? QString() : QStringLiteral("api_error"),
                QStringLiteral("The upstream connection failed mid-stream (%1).").arg(type)));
            // Recorded before the stream ends.
            finish(m_attempt->status(), type, [client = m_client] { client->end(); });
            return;
        }
        if (m_attempt->status() == 0 && failover(outcome, type))
            return;
        endAttempt(outcome, type);
        failGenerically(error == UpstreamCall::Error::Timeout ? 504 : 502);
        return;
    }

    if (m_attempt->isStreaming()) {
        writeToClient(m_attempt->finishStream());
        const QString errorType = m_attempt->errorType();
        endAttempt(AttemptOutcome{m_attempt->status(), QString(), {}}, errorType);
        // Recorded before the stream ends.
        finish(m_attempt->status(), errorType, [client = m_client] { client->end(); });
        return;
    }
    finishNonStreaming();
}

void RelayExchange::finishNonStreaming()
{
    const UpstreamAttempt::Answer answer = m_attempt->finishBody();
    QString errorType = m_attempt->errorType();
    if (answer.status >= 400 && errorType.isEmpty())
        errorType = QStringLiteral("upstream_%1").arg(answer.status);
    endAttempt(AttemptOutcome{answer.status, QString(), m_attempt->responseHeaders()}, errorType);
    markFirstByte();
    // Recorded before the answer leaves.
    finish(answer.status, errorType,
           [client = m_client, status = answer.status, body = answer.body,
            contentType = answer.contentType,
            headers = answer.status < 400
                          ? answer.headers + m_p.rateLimitHeaders
                          : answer.headers] { client->send(status, body, contentType, headers); });
}

void RelayExchange::onClientGone()
{
    if (m_done)
        return;
    m_clientAborted = true;
    const int status = m_attempt ? m_attempt->status() : 0;
    if (m_attempt)
        m_attempt->abort(m_ctx.upstream);
    // Not the account's fault: the attempt ends without a failure.
    endAttempt(AttemptOutcome{status ? status : 200, QString(), {}},
               QStringLiteral("client_closed"));
    finish(499, QStringLiteral("client_closed"));
}

void RelayExchange::failGenerically(int status, const QString &type)
{
    fail(status, type,
         QStringLiteral("All upstream accounts failed; try again later (request id %1).")
             .arg(m_p.requestId));
}

void RelayExchange::fail(int status, const QString &type, const QString &message,
                         const HttpHeaderList &headers)
{
    const QString t = type.isEmpty() ? RelayProtocol::defaultErrorType(m_p.client, status) : type;
    // Recorded before the answer leaves.
    finish(status, t,
           [client = m_client, status,
            body = RelayProtocol::errorBody(m_p.client, status, message, t),
            headers] { client->send(status, body, "application/json", headers); });
}

void RelayExchange::finish(int status, const QString &errorType, std::function<void()> answer)
{
    if (m_done) {
        if (answer) // recorded already
            answer();
        return;
    }
    m_done = true;
    m_client->setDisconnectHandler(nullptr);
    m_client->setWritableHandler(nullptr);
    if (m_attemptOpen)
        endAttempt(AttemptOutcome{status, QString(), {}}, errorType);

    RelayCallSummary call;
    call.requestId = m_p.requestId;
    call.startedAtMs = m_p.startedAtMs;
    call.latencyMs = m_p.clock.elapsed();
    call.ttfbMs = m_ttfbMs;
    call.keyId = m_p.key.id;
    call.userId = m_p.key.userId;
    call.enterpriseId = m_p.key.enterpriseId;
    call.departmentId = m_p.key.departmentId;
    call.groupId = m_p.key.groupId;
    call.accountId = m_attempt ? m_attempt->account().id : 0;
    call.provider =
        m_attempt ? m_attempt->account().provider : RelayProtocol::providerName(m_p.client);
    call.endpoint = QString::fromLatin1(m_p.endpoint);
    call.routeName = m_p.routeName;
    call.stream = m_p.stream;
    call.countTokens = m_p.op == Op::CountTokens;
    call.status = status;
    call.errorType = errorType;
    call.clientAborted = m_clientAborted;
    call.model = m_p.model;
    if (m_attempt) {
        call.routedModel = m_attempt->upstreamModel();
        call.upstreamReportedModel = m_attempt->reportedModel();
        call.usage = m_attempt->usage();
    }
    call.attemptLog = m_attemptLog;
    call.attempts = m_attempts;
    const double cost =
        UsageRecorder(m_ctx.ledger, m_ctx.metrics, m_ctx.prices).record(call, std::move(answer));
    // Settled with what the call really used, whether it succeeded, failed or was cut short.
    if (m_ctx.governor && m_p.ticket)
        m_ctx.governor->settle(m_p.ticket, call.countTokens ? 0 : call.usage.totalTokens(),
                               MicroUsd(std::llround(cost * 1e6)), Clock::nowMs());
    m_call.reset();
    DeferredDelete::later(this);
}
