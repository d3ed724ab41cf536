// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayExchange.h"

#include "ContentDecoding.h"
#include "core/Metrics.h"
#include "ledger/Ledger.h"
#include "ledger/UsageRecord.h"
#include "pricing/PriceTable.h"
#include "upstream/UpstreamClient.h"

#include <QPointer>
#include <QUuid>

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
    UpstreamRequest request;
    request.method = "POST";
    request.url = RelayProtocol::upstreamUrl(m_p.protocol, m_p.account.baseUrl, m_p.upstreamPath);
    request.headers = m_p.upstreamHeaders;
    if (m_p.protocol == RelayProtocol::Anthropic)
        request.headers.push_back({"x-api-key", m_p.account.apiKey});
    else
        request.headers.push_back({"authorization", "Bearer " + m_p.account.apiKey});
    request.body = m_p.body;
    request.connectTimeoutMs = m_ctx.connectTimeoutMs;
    request.timeoutMs = m_ctx.timeoutMs;

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
    m_responder->setDisconnectHandler([self] {
        if (self)
            self->onClientGone();
    });
}

void RelayExchange::markFirstByte()
{
    if (m_ttfbMs < 0)
        m_ttfbMs = m_p.clock.elapsed();
}

void RelayExchange::onHeaders(int status, const HttpHeaderList &headers)
{
    m_upstreamStatus = status;
    m_ctx.metrics->observeUpstreamLatency(double(m_p.clock.elapsed()) / 1000.0);
    for (const auto &h : headers) {
        if (RelayProtocol::isRelayableResponseHeader(h.first))
            m_responseHeaders.append(h);
    }
    QByteArray contentType;
    for (const auto &h : headers) {
        if (h.first == "content-type")
            contentType = h.second;
    }
    m_streaming = m_p.stream && status == 200 && contentType.startsWith("text/event-stream");
    if (m_streaming) {
        HttpHeaderList out = m_responseHeaders;
        out.push_back({"cache-control", "no-cache"});
        out.push_back({"x-accel-buffering", "no"});
        if (!m_responder->beginChunked(200, out))
            onClientGone();
    }
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
        fail(
            502, {},
            QStringLiteral("The upstream response exceeded %1 bytes.").arg(m_ctx.maxResponseBytes));
        return;
    }
    m_buffer.append(data);
}

void RelayExchange::forwardEvents(const QList<SseEvent> &events)
{
    QByteArray out;
    for (const SseEvent &e : events) {
        if (m_p.protocol == RelayProtocol::Anthropic) {
            m_anthropic.addEvent(e);
        } else {
            m_openai.addEvent(e);
            // Usage was requested for our ledger; a client that did not ask does not get it.
            if (!m_p.clientAskedForUsage && OpenAiUsageTracker::isUsageOnlyChunk(e))
                continue;
        }
        out.append(e.raw);
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
    const QString provider = RelayProtocol::providerName(m_p.protocol);
    if (error != UpstreamCall::Error::None) {
        const QString type = UpstreamCall::errorName(error);
        m_ctx.metrics->countUpstreamError(provider, type);
        if (m_streaming) {
            // Headers are gone: end the stream with an error event in the client's format.
            const QByteArray tail = m_parser.pending();
            if (!tail.isEmpty() && !tail.endsWith("\n\n"))
                m_responder->writeChunk("\n\n");
            m_responder->writeChunk(RelayProtocol::errorEvent(
                m_p.protocol, QStringLiteral("api_error"),
                QStringLiteral("The upstream connection failed mid-stream (%1).").arg(type)));
            m_responder->endChunked();
            finish(m_upstreamStatus, type);
            return;
        }
        const int status = error == UpstreamCall::Error::Timeout ? 504 : 502;
        fail(status, {},
             QStringLiteral("Upstream account \"%1\" could not be reached (%2): %3")
                 .arg(m_p.account.name, type, message));
        return;
    }

    if (m_streaming) {
        const QByteArray tail = m_parser.pending();
        if (!tail.isEmpty()) {
            markFirstByte();
            m_responder->writeChunk(tail);
        }
        m_responder->endChunked();
        QString errorType = m_p.protocol == RelayProtocol::Anthropic ? m_anthropic.errorType()
                                                                     : m_openai.errorType();
        finish(m_upstreamStatus, errorType);
        return;
    }

    // Non-streaming (or an error answer to a streaming request): relay the body as it came.
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
    QString errorType;
    if (decoded) {
        if (m_p.protocol == RelayProtocol::Anthropic) {
            m_anthropic.addResponseBody(*decoded);
            errorType = m_anthropic.errorType();
        } else {
            m_openai.addResponseBody(*decoded);
            errorType = m_openai.errorType();
        }
    }
    if (m_upstreamStatus >= 400 && errorType.isEmpty())
        errorType = QStringLiteral("upstream_%1").arg(m_upstreamStatus);
    markFirstByte();
    m_responder->send(m_upstreamStatus, m_buffer, contentType, headers);
    finish(m_upstreamStatus, errorType);
}

void RelayExchange::onClientGone()
{
    if (m_done)
        return;
    m_clientAborted = true;
    m_ctx.upstream->abort(m_call);
    finish(499, QStringLiteral("client_closed"));
}

void RelayExchange::fail(int status, const QString &type, const QString &message)
{
    const QString t = type.isEmpty() ? RelayProtocol::defaultErrorType(m_p.protocol, status) : type;
    m_responder->send(status, RelayProtocol::errorBody(m_p.protocol, status, message, t));
    finish(status, t);
}

void RelayExchange::finish(int status, const QString &errorType)
{
    if (m_done)
        return;
    m_done = true;
    m_responder->setDisconnectHandler(nullptr);

    UsageRecord r;
    r.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.createdAtMs = m_p.startedAtMs;
    r.keyId = m_p.key.id;
    r.userId = m_p.key.userId;
    r.accountId = m_p.account.id;
    r.provider = m_p.account.provider;
    r.endpoint = QString::fromLatin1(m_p.endpoint);
    r.stream = m_p.stream;
    r.status = status;
    if (m_p.protocol == RelayProtocol::Anthropic) {
        r.usage = m_anthropic.usage();
        r.model = m_anthropic.model().isEmpty() ? m_p.model : m_anthropic.model();
    } else {
        r.usage = m_openai.usage();
        r.model = m_openai.model().isEmpty() ? m_p.model : m_openai.model();
    }
    // Price by the requested model name when the upstream reports a dated variant we lack.
    r.cost = m_ctx.prices->find(r.model) ? m_ctx.prices->cost(r.model, r.usage)
                                         : m_ctx.prices->cost(m_p.model, r.usage);
    r.latencyMs = m_p.clock.elapsed();
    r.ttfbMs = m_ttfbMs;
    r.errorType = errorType;
    r.clientAborted = m_clientAborted;
    m_ctx.ledger->record(r);
    m_ctx.metrics->countRequest(r.endpoint, status);
    m_call.reset();
    deleteLater();
}
