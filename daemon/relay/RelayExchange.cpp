// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayExchange.h"

#include "ContentDecoding.h"
#include "admin/ProxyUrl.h"
#include "core/Metrics.h"
#include "core/ThreadContext.h"
#include "ledger/Ledger.h"
#include "ledger/UsageRecord.h"
#include "oauth/OAuthService.h"
#include "pricing/PriceTable.h"
#include "protocol/AnthropicToOpenAiRequest.h"
#include "protocol/AnthropicToOpenAiResponse.h"
#include "protocol/AnthropicToOpenAiStream.h"
#include "protocol/ErrorTranslation.h"
#include "protocol/GeminiErrors.h"
#include "protocol/GeminiToOpenAiResponse.h"
#include "protocol/GeminiToOpenAiStream.h"
#include "protocol/OpenAiToAnthropicRequest.h"
#include "protocol/OpenAiToAnthropicResponse.h"
#include "protocol/OpenAiToAnthropicStream.h"
#include "protocol/OpenAiToGeminiRequest.h"
#include "routing/RoutingService.h"
#include "upstream/UpstreamClient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>

Q_LOGGING_CATEGORY(lcRelay, "aicarpool.relay")

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

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

// Sets the top-level "model" of a JSON request body (the account's model map renamed it).
QByteArray withModel(const QByteArray &body, const QString &model)
{
    QJsonObject o = QJsonDocument::fromJson(body).object();
    if (o.value(QLatin1String("model")).toString() == model)
        return body;
    o.insert(QStringLiteral("model"), model);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray headerValue(const HttpHeaderList &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

} // namespace

RelayExchange::RelayExchange(const RelayContext &context, Params params, HttpResponderPtr responder)
    : m_ctx(context), m_p(std::move(params)), m_responder(std::move(responder))
{
    m_ctx.metrics->addInFlight(1);
    if (m_ctx.activeCalls)
        ++*m_ctx.activeCalls;
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
    m_responder->setDisconnectHandler([self] {
        if (self)
            self->onClientGone();
    });
    routeAndStart(m_ctx.routing->route(m_p.snapshot->accounts, m_p.route, *m_ctx.prices, nowMs()));
}

RelayProtocol::Kind RelayExchange::upstreamKind() const
{
    return m_account ? RelayProtocol::kindOfProvider(m_account->provider) : m_p.client;
}

void RelayExchange::routeAndStart(const RouteDecision &decision)
{
    if (!decision.account) {
        answerRouteFailure(decision);
        return;
    }
    if (!decision.movedFromNote.isEmpty())
        qCInfo(lcRelay).noquote() << "key" << m_p.key.id << decision.movedFromNote;
    m_account = decision.account;
    m_upstreamModel = decision.upstreamModel.isEmpty() ? m_p.model : decision.upstreamModel;
    m_attemptOpen = true;
    m_attemptStartMs = m_p.clock.elapsed();
    m_attemptTtfbMs = -1;
    m_p.route.exclude.insert(m_account->id);

    // Fresh per-attempt state.
    m_parser = SseParser();
    m_anthropic = AnthropicUsageTracker();
    m_openai = OpenAiUsageTracker();
    m_gemini = GeminiUsageTracker();
    m_toOpenAiFromAnthropic.reset();
    m_toAnthropicFromOpenAi.reset();
    m_toOpenAiFromGemini.reset();
    m_buffer.clear();
    m_responseHeaders.clear();
    m_upstreamStatus = 0;
    m_streaming = false;

    const RelayProtocol::Kind upstream = upstreamKind();
    if (upstream == m_p.client)
        m_mode = Mode::Native;
    else if (m_p.client == RelayProtocol::Anthropic && upstream == RelayProtocol::OpenAi)
        m_mode = Mode::ClientAnthropicUpOpenAi;
    else if (m_p.client == RelayProtocol::OpenAi && upstream == RelayProtocol::Anthropic)
        m_mode = Mode::ClientOpenAiUpAnthropic;
    else
        m_mode = Mode::ClientOpenAiUpGemini;

    UpstreamRequest request;
    QString error;
    if (!prepareRequest(&request, &error)) {
        // The request cannot be expressed in this account's protocol (e.g. OpenAI n > 1 for an
        // Anthropic account): not the account's fault; another account may take it as it is.
        endAttempt(AttemptOutcome{400, QString(), {}}, QStringLiteral("untranslatable"));
        const RouteDecision next =
            m_ctx.routing->route(m_p.snapshot->accounts, m_p.route, *m_ctx.prices, nowMs());
        if (next.account) {
            routeAndStart(next);
            return;
        }
        fail(400, QString(), error);
        return;
    }
    if (!m_account->oauth) {
        launch(std::move(request));
        return;
    }
    // Subscription accounts: a fresh access token first (refreshed once for all callers).
    QPointer<RelayExchange> self(this);
    const RelayAccount account = *m_account;
    auto back = [self, request](const QByteArray &token, const QString &tokenError) mutable {
        if (!self || self->m_done)
            return;
        if (token.isEmpty()) {
            const AttemptOutcome outcome{401, QString(), {}};
            if (!self->failover(outcome, QStringLiteral("oauth_refresh_failed")))
                self->fail(503, QStringLiteral("authentication_error"), tokenError);
            return;
        }
        request.headers.push_back({"authorization", "Bearer " + token});
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

bool RelayExchange::prepareRequest(UpstreamRequest *request, QString *error)
{
    const RelayAccount &a = *m_account;
    const RelayProtocol::Kind upstream = upstreamKind();
    request->method = "POST";
    request->connectTimeoutMs = m_ctx.connectTimeoutMs;
    request->timeoutMs = m_ctx.timeoutMs;
    // socks5:// becomes socks5h:// so host names resolve at the proxy.
    request->proxyUrl = a.proxyUrl.isEmpty() ? QString() : ProxyUrl::forCurl(a.proxyUrl);
    HttpHeaderList &h = request->headers;
    h.push_back({"content-type", "application/json"});

    bool translatedStream = m_p.stream;
    switch (m_mode) {
    case Mode::Native:
        if (upstream == RelayProtocol::Gemini) {
            request->body = m_p.body;
        } else {
            request->body =
                m_upstreamModel != m_p.model ? withModel(m_p.body, m_upstreamModel) : m_p.body;
            if (upstream == RelayProtocol::OpenAi && m_p.stream)
                request->body = OpenAiUsageTracker::withIncludeUsage(request->body, nullptr);
        }
        break;
    case Mode::ClientAnthropicUpOpenAi: {
        const auto body = AnthropicToOpenAiRequest::translate(m_p.body, error, &translatedStream);
        if (!body)
            return false;
        request->body = withModel(*body, m_upstreamModel);
        break;
    }
    case Mode::ClientOpenAiUpAnthropic: {
        const auto body = OpenAiToAnthropicRequest::translate(m_p.body, error, &translatedStream);
        if (!body)
            return false;
        request->body = withModel(*body, m_upstreamModel);
        break;
    }
    case Mode::ClientOpenAiUpGemini: {
        QString model;
        const auto body =
            OpenAiToGeminiRequest::translate(m_p.body, error, &translatedStream, &model);
        if (!body)
            return false;
        request->body = *body;
        break;
    }
    }

    // Address and credentials in the account's protocol.
    if (upstream == RelayProtocol::Anthropic) {
        const QByteArray path = m_p.op == Op::CountTokens ? QByteArray("/v1/messages/count_tokens")
                                                          : QByteArray("/v1/messages");
        request->url = RelayProtocol::upstreamUrl(upstream, a.baseUrl, path);
        QByteArray version = m_p.client == RelayProtocol::Anthropic
                                 ? headerValue(m_p.clientHeaders, "anthropic-version")
                                 : QByteArray();
        h.push_back({"anthropic-version", version.isEmpty() ? QByteArray("2023-06-01") : version});
        QByteArray beta = m_p.client == RelayProtocol::Anthropic
                              ? headerValue(m_p.clientHeaders, "anthropic-beta")
                              : QByteArray();
        if (a.oauth)
            beta = beta.isEmpty() ? QByteArray("oauth-2025-04-20") : beta + ",oauth-2025-04-20";
        if (!beta.isEmpty())
            h.push_back({"anthropic-beta", beta});
        if (!a.oauth)
            h.push_back({"x-api-key", a.apiKey});
    } else if (upstream == RelayProtocol::OpenAi) {
        request->url = RelayProtocol::upstreamUrl(upstream, a.baseUrl, "/v1/chat/completions");
        h.push_back({"authorization", "Bearer " + a.apiKey});
    } else {
        QByteArray base = a.baseUrl.toUtf8();
        while (base.endsWith('/'))
            base.chop(1);
        if (m_mode == Mode::Native) {
            QByteArray url = base + "/v1beta/models/" + m_upstreamModel.toUtf8() + ':' +
                             m_p.geminiAction.toUtf8();
            if (!m_p.geminiQuery.isEmpty())
                url += '?' + m_p.geminiQuery;
            request->url = url;
        } else {
            request->url =
                base + OpenAiToGeminiRequest::upstreamPath(m_upstreamModel, translatedStream);
        }
        // In a header, not the URL: URLs end up in logs.
        h.push_back({"x-goog-api-key", a.apiKey});
    }
    // Pass-through of the client's identifying headers when the protocols match.
    if (m_mode == Mode::Native) {
        for (const auto &ch : m_p.clientHeaders) {
            if (ch.first == "user-agent" || ch.first == "openai-organization" ||
                ch.first == "openai-project" || ch.first == "openai-beta")
                h.push_back(ch);
        }
    }
    if (m_p.stream || m_mode != Mode::Native) {
        // Streams are read event by event and translated bodies must be read: uncompressed.
        if (m_p.stream)
            h.push_back({"accept", "text/event-stream"});
        h.push_back({"accept-encoding", "identity"});
    } else {
        const QByteArray ae = headerValue(m_p.clientHeaders, "accept-encoding");
        h.push_back({"accept-encoding", ae.isEmpty() ? QByteArray("identity")
                                                     : ContentDecoding::filterAcceptEncoding(ae)});
    }
    return true;
}

void RelayExchange::launch(UpstreamRequest request)
{
    if (m_done)
        return;
    m_call = m_ctx.upstream->start(request);
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
    if (!m_attemptOpen || !m_account)
        return {};
    m_attemptOpen = false;
    const qint64 elapsed = m_p.clock.elapsed() - m_attemptStartMs;
    const CooldownDecision d =
        m_ctx.routing->finished(m_account->id, nowMs(), m_attemptTtfbMs, outcome);
    QJsonObject entry{{QStringLiteral("accountId"), m_account->id},
                      {QStringLiteral("account"), m_account->name},
                      {QStringLiteral("status"), outcome.status},
                      {QStringLiteral("latencyMs"), elapsed}};
    const QString type = !errorType.isEmpty() ? errorType : d.errorType;
    if (!type.isEmpty())
        entry.insert(QStringLiteral("errorType"), type);
    if (d.durationMs > 0)
        entry.insert(QStringLiteral("cooldownMs"), d.durationMs);
    m_attemptLog.append(entry);
    // Refused credentials are kept on the account for the administrator to see; the first
    // success afterwards clears the flag again.
    if (m_ctx.flagAttention && !m_clientAborted) {
        if (d.needsAttention && !m_account->needsAttention)
            m_ctx.flagAttention(m_account->id, true);
        else if (m_account->needsAttention && outcome.status >= 200 && outcome.status < 300 &&
                 outcome.errorKind.isEmpty())
            m_ctx.flagAttention(m_account->id, false);
    }
    if (d.durationMs > 0) {
        qCInfo(lcRelay).noquote() << QStringLiteral("account \"%1\" cools down for %2 s: %3")
                                         .arg(m_account->name)
                                         .arg(d.durationMs / 1000)
                                         .arg(d.reason);
    }
    return d;
}

bool RelayExchange::failover(const AttemptOutcome &outcome, const QString &errorType)
{
    const CooldownDecision assessed = m_ctx.routing->assess(m_account->id, nowMs(), outcome);
    if (!assessed.failover || m_attemptLog.size() + 1 >= m_ctx.maxAttempts) {
        return false;
    }
    const RouteDecision next =
        m_ctx.routing->route(m_p.snapshot->accounts, m_p.route, *m_ctx.prices, nowMs());
    if (!next.account)
        return false;
    if (m_call) {
        m_ctx.upstream->abort(m_call);
        m_call.reset();
    }
    const QString from = m_account->name;
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
        const qint64 waitMs = qMax<qint64>(1000, decision.retryAtMs - nowMs());
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
    m_upstreamStatus = status;
    m_attemptTtfbMs = m_p.clock.elapsed() - m_attemptStartMs;
    m_ctx.metrics->observeUpstreamLatency(double(m_attemptTtfbMs) / 1000.0);
    if (status >= 400) {
        // Nothing has gone to the client yet: another account may serve it.
        if (failover(AttemptOutcome{status, QString(), headers},
                     QStringLiteral("upstream_%1").arg(status)))
            return;
    }
    for (const auto &h : headers) {
        if (RelayProtocol::isRelayableResponseHeader(h.first))
            m_responseHeaders.append(h);
    }
    const QByteArray contentType = headerValue(headers, "content-type");
    m_streaming = m_p.stream && status == 200 && contentType.startsWith("text/event-stream");
    if (!m_streaming)
        return;
    HttpHeaderList out;
    if (m_mode == Mode::Native) {
        out = m_responseHeaders;
    } else {
        out.push_back({"content-type", "text/event-stream; charset=utf-8"});
        if (m_mode == Mode::ClientAnthropicUpOpenAi)
            m_toAnthropicFromOpenAi = std::make_unique<OpenAiToAnthropicStream>(m_p.model);
        else if (m_mode == Mode::ClientOpenAiUpAnthropic)
            m_toOpenAiFromAnthropic =
                std::make_unique<AnthropicToOpenAiStream>(m_p.model, m_p.clientAskedForUsage);
        else
            m_toOpenAiFromGemini =
                std::make_unique<GeminiToOpenAiStream>(m_p.model, m_p.clientAskedForUsage);
    }
    out.push_back({"cache-control", "no-cache"});
    out.push_back({"x-accel-buffering", "no"});
    if (!m_responder->beginChunked(200, out))
        onClientGone();
}

void RelayExchange::onData(const QByteArray &data)
{
    if (m_done)
        return;
    if (m_streaming) {
        forwardEvents(m_parser.feed(data));
        return;
    }
    if (m_buffer.size() + data.size() > m_ctx.maxResponseBytes) {
        m_ctx.upstream->abort(m_call);
        endAttempt(AttemptOutcome{502, QString(), {}}, QStringLiteral("response_too_large"));
        fail(
            502, QString(),
            QStringLiteral("The upstream response exceeded %1 bytes.").arg(m_ctx.maxResponseBytes));
        return;
    }
    m_buffer.append(data);
}

void RelayExchange::trackEvent(const SseEvent &e)
{
    switch (upstreamKind()) {
    case RelayProtocol::Anthropic:
        m_anthropic.addEvent(e);
        break;
    case RelayProtocol::OpenAi:
        m_openai.addEvent(e);
        break;
    case RelayProtocol::Gemini:
        m_gemini.addEvent(e);
        break;
    }
}

void RelayExchange::trackBody(const QByteArray &body)
{
    switch (upstreamKind()) {
    case RelayProtocol::Anthropic:
        m_anthropic.addResponseBody(body);
        break;
    case RelayProtocol::OpenAi:
        m_openai.addResponseBody(body);
        break;
    case RelayProtocol::Gemini:
        m_gemini.addResponseBody(body);
        break;
    }
}

TokenUsage RelayExchange::usage() const
{
    switch (upstreamKind()) {
    case RelayProtocol::Anthropic:
        return m_anthropic.usage();
    case RelayProtocol::OpenAi:
        return m_openai.usage();
    case RelayProtocol::Gemini:
        return m_gemini.usage();
    }
    return {};
}

QString RelayExchange::upstreamReportedModel() const
{
    switch (upstreamKind()) {
    case RelayProtocol::Anthropic:
        return m_anthropic.model();
    case RelayProtocol::OpenAi:
        return m_openai.model();
    case RelayProtocol::Gemini:
        return m_gemini.model();
    }
    return {};
}

QString RelayExchange::upstreamErrorType() const
{
    switch (upstreamKind()) {
    case RelayProtocol::Anthropic:
        return m_anthropic.errorType();
    case RelayProtocol::OpenAi:
        return m_openai.errorType();
    case RelayProtocol::Gemini:
        return m_gemini.errorType();
    }
    return {};
}

void RelayExchange::forwardEvents(const QList<SseEvent> &events)
{
    QByteArray out;
    for (const SseEvent &e : events) {
        trackEvent(e);
        switch (m_mode) {
        case Mode::Native:
            // Usage was requested for our ledger; a client that did not ask does not get it.
            if (upstreamKind() == RelayProtocol::OpenAi && !m_p.clientAskedForUsage &&
                OpenAiUsageTracker::isUsageOnlyChunk(e))
                continue;
            out.append(e.raw);
            break;
        case Mode::ClientAnthropicUpOpenAi:
            out.append(m_toAnthropicFromOpenAi->feed(e));
            break;
        case Mode::ClientOpenAiUpAnthropic:
            out.append(m_toOpenAiFromAnthropic->feed(e));
            break;
        case Mode::ClientOpenAiUpGemini:
            out.append(m_toOpenAiFromGemini->feed(e));
            break;
        }
    }
    if (out.isEmpty())
        return;
    markFirstByte();
    if (!m_responder->writeChunk(out))
        onClientGone();
}

void RelayExchange::onFinished(UpstreamCall::Error error, const QString &message)
{
    if (m_done)
        return;
    const QString provider = m_account ? m_account->provider : QString();
    if (error != UpstreamCall::Error::None) {
        const QString type = UpstreamCall::errorName(error);
        m_ctx.metrics->countUpstreamError(provider, type);
        const AttemptOutcome outcome{0, errorKind(error), {}};
        if (m_streaming) {
            // Headers are gone: end the stream with an error event in the client's format.
            endAttempt(outcome, type);
            const QByteArray tail = m_parser.pending();
            if (!tail.isEmpty() && m_mode == Mode::Native && !tail.endsWith("\n\n"))
                m_responder->writeChunk("\n\n");
            m_responder->writeChunk(RelayProtocol::errorEvent(
                m_p.client,
                m_p.client == RelayProtocol::Gemini ? QString() : QStringLiteral("api_error"),
                QStringLiteral("The upstream connection failed mid-stream (%1).").arg(type)));
            m_responder->endChunked();
            finish(m_upstreamStatus, type);
            return;
        }
        if (m_upstreamStatus == 0 && failover(outcome, type))
            return;
        endAttempt(outcome, type);
        const int status = error == UpstreamCall::Error::Timeout ? 504 : 502;
        fail(status, QString(),
             QStringLiteral("Upstream account \"%1\" could not be reached (%2): %3")
                 .arg(m_account ? m_account->name : QString(), type, message));
        return;
    }

    if (m_streaming) {
        const QByteArray tail = m_parser.pending();
        QByteArray out;
        if (m_mode == Mode::Native) {
            out = tail;
        } else {
            if (!tail.isEmpty()) // an unterminated last event still counts
                forwardEvents(m_parser.feed("\n\n"));
            if (m_toAnthropicFromOpenAi)
                out = m_toAnthropicFromOpenAi->finish();
            else if (m_toOpenAiFromAnthropic)
                out = m_toOpenAiFromAnthropic->finish();
            else if (m_toOpenAiFromGemini)
                out = m_toOpenAiFromGemini->finish();
        }
        if (!out.isEmpty()) {
            markFirstByte();
            m_responder->writeChunk(out);
        }
        m_responder->endChunked();
        const QString errorType = upstreamErrorType();
        endAttempt(AttemptOutcome{m_upstreamStatus, QString(), {}}, errorType);
        finish(m_upstreamStatus, errorType);
        return;
    }
    finishNonStreaming();
}

void RelayExchange::finishNonStreaming()
{
    QByteArray encoding;
    QByteArray contentType = "application/json";
    HttpHeaderList headers;
    for (const auto &h : m_responseHeaders) {
        if (h.first == "content-type")
            contentType = h.second;
        else
            headers.append(h);
        if (h.first == "content-encoding")
            encoding = h.second;
    }
    const auto decoded = ContentDecoding::decode(m_buffer, encoding);
    if (decoded)
        trackBody(*decoded);
    QString errorType = upstreamErrorType();
    if (m_upstreamStatus >= 400 && errorType.isEmpty())
        errorType = QStringLiteral("upstream_%1").arg(m_upstreamStatus);
    endAttempt(AttemptOutcome{m_upstreamStatus, QString(), m_responseHeaders}, errorType);
    markFirstByte();
    if (m_mode == Mode::Native) {
        m_responder->send(m_upstreamStatus, m_buffer, contentType, headers);
        finish(m_upstreamStatus, errorType);
        return;
    }
    // Translated: the client gets its own protocol; codings and lengths are recomputed.
    const QByteArray body = decoded.value_or(QByteArray());
    QByteArray out;
    const bool ok = m_upstreamStatus < 400;
    switch (m_mode) {
    case Mode::ClientAnthropicUpOpenAi:
        out = ok ? OpenAiToAnthropicResponse::translate(body, m_p.model)
                 : ErrorTranslation::openAiToAnthropic(body, m_upstreamStatus);
        break;
    case Mode::ClientOpenAiUpAnthropic:
        out = ok ? AnthropicToOpenAiResponse::translate(body, m_p.model)
                 : ErrorTranslation::anthropicToOpenAi(body, m_upstreamStatus);
        break;
    case Mode::ClientOpenAiUpGemini:
        out = ok ? GeminiToOpenAiResponse::translate(body, m_p.model)
                 : GeminiErrors::toOpenAi(body, m_upstreamStatus);
        break;
    case Mode::Native:
        break;
    }
    HttpHeaderList kept;
    for (const auto &h : headers) {
        if (h.first == "retry-after" || h.first.startsWith("x-request-id") ||
            h.first == "request-id")
            kept.append(h);
    }
    m_responder->send(m_upstreamStatus, out, "application/json", kept);
    finish(m_upstreamStatus, errorType);
}

void RelayExchange::onClientGone()
{
    if (m_done)
        return;
    m_clientAborted = true;
    if (m_call)
        m_ctx.upstream->abort(m_call);
    // Not the account's fault: the attempt ends without a failure.
    endAttempt(AttemptOutcome{m_upstreamStatus ? m_upstreamStatus : 200, QString(), {}},
               QStringLiteral("client_closed"));
    finish(499, QStringLiteral("client_closed"));
}

void RelayExchange::fail(int status, const QString &type, const QString &message,
                         const HttpHeaderList &headers)
{
    const QString t = type.isEmpty() ? RelayProtocol::defaultErrorType(m_p.client, status) : type;
    m_responder->send(status, RelayProtocol::errorBody(m_p.client, status, message, t),
                      "application/json", headers);
    finish(status, t);
}

void RelayExchange::finish(int status, const QString &errorType)
{
    if (m_done)
        return;
    m_done = true;
    m_responder->setDisconnectHandler(nullptr);
    if (m_attemptOpen)
        endAttempt(AttemptOutcome{status, QString(), {}}, errorType);

    UsageRecord r;
    r.requestId = UsageRecord::newRequestId(QDateTime::currentMSecsSinceEpoch());
    r.createdAtMs = m_p.startedAtMs;
    r.keyId = m_p.key.id;
    r.userId = m_p.key.userId;
    r.accountId = m_account ? m_account->id : 0;
    r.provider = m_account ? m_account->provider : RelayProtocol::providerName(m_p.client);
    r.endpoint = QString::fromLatin1(m_p.endpoint);
    r.stream = m_p.stream;
    r.status = status;
    r.usage = usage();
    const QString reported = upstreamReportedModel();
    r.model = m_p.model;
    r.upstreamModel = reported.isEmpty() ? (m_account ? m_upstreamModel : QString()) : reported;
    // Priced by what ran upstream; fall back to the requested name for unknown dated variants.
    const QString priced = m_ctx.prices->find(r.upstreamModel)   ? r.upstreamModel
                           : m_ctx.prices->find(m_upstreamModel) ? m_upstreamModel
                                                                 : m_p.model;
    r.cost = m_p.op == Op::CountTokens ? 0.0 : m_ctx.prices->cost(priced, r.usage);
    r.latencyMs = m_p.clock.elapsed();
    r.ttfbMs = m_ttfbMs;
    r.errorType = errorType;
    r.clientAborted = m_clientAborted;
    r.attempts = qMax(1, int(m_attemptLog.size()));
    if (!m_attemptLog.isEmpty())
        r.attemptLog = QJsonDocument(m_attemptLog).toJson(QJsonDocument::Compact);
    m_ctx.ledger->record(r);
    m_ctx.metrics->countRequest(m_p.routeName, status);
    m_call.reset();
    deleteLater();
}
