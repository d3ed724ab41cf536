// SPDX-License-Identifier: GPL-3.0-or-later
#include "MockUpstream.h"

#include "MockGemini.h"
#include "MockStream.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace {
constexpr std::size_t kLogSize = 200;
const QByteArray kJson("application/json");
using Header = QPair<QByteArray, QByteArray>;
} // namespace

MockUpstream::MockUpstream(const MockOptions &options, QObject *parent)
    : QObject(parent), m_options(options)
{
    HttpServerLimits limits;
    limits.maxConnections = 100000;
    // Every client of the mock is on 127.0.0.1 (the daemon under test, nginx's keep-alive pool,
    // wrk): no per-address cap, or the benchmark's 1000 streams and nginx's idle upstream
    // connections would be refused.
    limits.maxConnectionsPerAddress = 0;
    limits.idleTimeoutMs = 5 * 60 * 1000;
    m_server.setLimits(limits);

    m_oauth.registerRoutes(m_router);
    m_router.add("POST", QStringLiteral("/v1/messages"),
                 [this](const HttpRequest &r, const HttpResponderPtr &p) {
                     handleApi(Endpoint::Messages, r, p);
                 });
    m_router.add("POST", QStringLiteral("/v1/messages/count_tokens"),
                 [this](const HttpRequest &r, const HttpResponderPtr &p) {
                     handleApi(Endpoint::CountTokens, r, p);
                 });
    m_router.add("POST", QStringLiteral("/v1/chat/completions"),
                 [this](const HttpRequest &r, const HttpResponderPtr &p) {
                     handleApi(Endpoint::ChatCompletions, r, p);
                 });
    m_router.add("GET", QStringLiteral("/v1/models"),
                 [this](const HttpRequest &r, const HttpResponderPtr &p) { handleModels(r, p); });
    MockGemini::addRoutes(this, &m_router);
    m_router.add("GET", QStringLiteral("/__mock/requests"),
                 [this](const HttpRequest &, const HttpResponderPtr &p) { getRequests(p); });
    m_router.add("DELETE", QStringLiteral("/__mock/requests"),
                 [this](const HttpRequest &, const HttpResponderPtr &p) {
                     m_log.clear();
                     p->sendJson(200, QJsonObject{{QStringLiteral("ok"), true}});
                 });
    m_router.add("POST", QStringLiteral("/__mock/fail-next"),
                 [this](const HttpRequest &r, const HttpResponderPtr &p) { failNext(r, p); });
    m_router.add("GET", QStringLiteral("/__mock/stats"),
                 [this](const HttpRequest &, const HttpResponderPtr &p) { getStats(p); });
    m_router.add("DELETE", QStringLiteral("/__mock/stats"),
                 [this](const HttpRequest &, const HttpResponderPtr &p) {
                     m_maxInFlight = m_inFlight;
                     m_total = 0;
                     m_streamBytes = 0;
                     p->sendJson(200, QJsonObject{{QStringLiteral("ok"), true}});
                 });
    m_server.setHandler([this](const HttpRequest &r, const HttpResponderPtr &p) { handle(r, p); });
}

bool MockUpstream::listen(QString *error)
{
    // QTcpServer's default backlog is 50: a burst of 1000 connects would overflow it and the
    // dropped SYNs come back a second later, which looks like slow streams.
    m_server.setListenBacklogSize(4096);
    if (!m_server.listen(m_options.host, m_options.port)) {
        *error = m_server.errorString();
        return false;
    }
    return true;
}

QString MockUpstream::url() const
{
    QString host = m_server.serverAddress().toString();
    if (m_server.serverAddress().protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("http://%1:%2").arg(host).arg(m_server.serverPort());
}

void MockUpstream::handle(const HttpRequest &request, const HttpResponderPtr &responder)
{
    if (!request.path.startsWith("/__mock/")) {
        Recorded rec;
        rec.method = request.method;
        rec.path = request.path;
        rec.query = request.query;
        rec.headers = request.headers;
        rec.body = request.body;
        rec.timeMs = QDateTime::currentMSecsSinceEpoch();
        m_log.push_back(std::move(rec));
        if (m_log.size() > kLogSize)
            m_log.pop_front();
    }
    m_router.dispatch(request, responder);
}

std::shared_ptr<void> MockUpstream::enterCall()
{
    ++m_total;
    ++m_inFlight;
    m_maxInFlight = qMax(m_maxInFlight, m_inFlight);
    // Released when the answer is complete or abandoned (the last holder goes away).
    return std::shared_ptr<void>(nullptr, [this](void *) { --m_inFlight; });
}

QByteArray MockUpstream::clientKey(const HttpRequest &request)
{
    const QByteArray key = request.header("x-api-key");
    if (!key.isEmpty())
        return key;
    const QByteArray auth = request.header("authorization");
    if (auth.size() > 7 && auth.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        return auth.mid(7).trimmed();
    return {};
}

void MockUpstream::sendError(MockFormats::Provider provider, int status, const QString &message,
                             const HttpResponderPtr &responder)
{
    HttpHeaderList headers;
    const bool anthropic = provider == MockFormats::Provider::Anthropic;
    headers.append(
        {anthropic ? "request-id" : "x-request-id", "req_mock" + QByteArray::number(++m_counter)});
    if (status == 429) {
        headers.append(Header{"retry-after", "2"});
        if (anthropic) {
            headers.append(Header{"anthropic-ratelimit-requests-limit", "50"});
            headers.append(Header{"anthropic-ratelimit-requests-remaining", "0"});
            headers.append(
                {"anthropic-ratelimit-requests-reset",
                 QDateTime::currentDateTimeUtc().addSecs(2).toString(Qt::ISODate).toLatin1()});
            headers.append(Header{"anthropic-ratelimit-tokens-limit", "40000"});
            headers.append(Header{"anthropic-ratelimit-tokens-remaining", "0"});
        } else {
            headers.append(Header{"x-ratelimit-limit-requests", "500"});
            headers.append(Header{"x-ratelimit-remaining-requests", "0"});
            headers.append(Header{"x-ratelimit-reset-requests", "2s"});
        }
    } else if (status == 529 || status == 503) {
        headers.append(Header{"retry-after", "1"});
    }
    responder->send(status,
                    anthropic ? MockFormats::anthropicError(status, message)
                              : MockFormats::openaiError(status, message),
                    kJson, headers);
}

void MockUpstream::handleApi(Endpoint endpoint, const HttpRequest &request,
                             const HttpResponderPtr &responder)
{
    const auto provider = endpoint == Endpoint::ChatCompletions ? MockFormats::Provider::OpenAI
                                                                : MockFormats::Provider::Anthropic;
    std::shared_ptr<void> token = enterCall();
    const QByteArray key = clientKey(request);
    if (key.isEmpty()) {
        sendError(provider, 401,
                  provider == MockFormats::Provider::Anthropic
                      ? QStringLiteral("x-api-key header is required")
                      : QStringLiteral("You didn't provide an API key."),
                  responder);
        return;
    }
    if (MockOAuth::looksIssued(key) && !m_oauth.accepts(key)) {
        sendError(provider, 401, QStringLiteral("OAuth token is invalid or expired"), responder);
        return;
    }
    if (key.startsWith("bad")) {
        sendError(provider, 401,
                  provider == MockFormats::Provider::Anthropic
                      ? QStringLiteral("invalid x-api-key")
                      : QStringLiteral("Incorrect API key provided."),
                  responder);
        return;
    }
    MockCall call;
    QString error;
    if (!MockFormats::parseCall(provider, request.body, &call, &error)) {
        sendError(provider, 400, error, responder);
        return;
    }
    const int delay = call.directives.delayMs >= 0 ? call.directives.delayMs : m_options.latencyMs;
    if (delay <= 0) {
        answerApi(endpoint, request, call, responder, token);
        return;
    }
    QTimer::singleShot(delay, this, [this, endpoint, request, call, responder, token] {
        answerApi(endpoint, request, call, responder, token);
    });
}

void MockUpstream::answerApi(Endpoint endpoint, const HttpRequest &request, const MockCall &call,
                             const HttpResponderPtr &responder, const std::shared_ptr<void> &token)
{
    if (!responder->isOpen())
        return;
    const auto provider = endpoint == Endpoint::ChatCompletions ? MockFormats::Provider::OpenAI
                                                                : MockFormats::Provider::Anthropic;
    if (m_failCount > 0) {
        --m_failCount;
        sendError(provider, m_failStatus, QStringLiteral("Injected failure."), responder);
        return;
    }
    if (call.directives.status >= 400) {
        sendError(provider, call.directives.status,
                  call.directives.status == 529 ? QStringLiteral("Overloaded")
                                                : QStringLiteral("Injected failure."),
                  responder);
        return;
    }
    const quint64 n = ++m_counter;
    const QString serial = QStringLiteral("%1").arg(n, 16, 16, QLatin1Char('0'));
    HttpHeaderList headers;
    if (provider == MockFormats::Provider::Anthropic)
        headers.append(Header{"request-id", "req_mock" + serial.toLatin1()});
    else
        headers.append(Header{"x-request-id", "req_mock" + serial.toLatin1()});

    if (endpoint == Endpoint::CountTokens) {
        responder->send(200, MockFormats::anthropicCountTokens(call.inputTokens), kJson, headers);
        return;
    }
    const int chunks = call.directives.chunks > 0 ? call.directives.chunks : m_options.chunks;
    const qint64 created = QDateTime::currentSecsSinceEpoch();
    const QString id = provider == MockFormats::Provider::Anthropic
                           ? QLatin1String("msg_mock") + serial
                           : QLatin1String("chatcmpl-mock") + serial;
    if (call.stream) {
        const int interval = call.directives.intervalMs >= 0 ? call.directives.intervalMs
                                                             : m_options.chunkIntervalMs;
        QList<QByteArray> events = provider == MockFormats::Provider::Anthropic
                                       ? MockFormats::anthropicStream(call, id, chunks)
                                       : MockFormats::openaiStream(call, id, created, chunks);
        headers.append(Header{"Content-Type", "text/event-stream; charset=utf-8"});
        headers.append(Header{"Cache-Control", "no-cache"});
        auto *stream = new MockStream(responder, headers, std::move(events), interval,
                                      call.directives.cutAfter, token, this);
        if (call.directives.bulkMiB > 0) {
            // After the first text delta: message_start, content_block_start, ping, delta for
            // Anthropic; role chunk, content chunk for OpenAI.
            const int at = provider == MockFormats::Provider::Anthropic ? 4 : 2;
            const int size = 16 * 1024;
            stream->setBulk(at, MockFormats::fillerEvent(provider, call, id, created, size),
                            qint64(call.directives.bulkMiB) * 1024 * 1024 / size, &m_streamBytes);
        }
        stream->start();
        return;
    }
    QByteArray body = provider == MockFormats::Provider::Anthropic
                          ? MockFormats::anthropicMessage(call, id, chunks)
                          : MockFormats::openaiCompletion(call, id, created, chunks);
    if (call.directives.gzip && MockFormats::acceptsGzip(request.header("accept-encoding"))) {
        body = MockFormats::gzip(body);
        headers.append(Header{"Content-Encoding", "gzip"});
        headers.append(Header{"Vary", "Accept-Encoding"});
    }
    responder->send(200, body, kJson, headers);
}

void MockUpstream::handleModels(const HttpRequest &request, const HttpResponderPtr &responder)
{
    const bool anthropic = request.hasHeader("anthropic-version") || request.hasHeader("x-api-key");
    const auto provider =
        anthropic ? MockFormats::Provider::Anthropic : MockFormats::Provider::OpenAI;
    std::shared_ptr<void> token = enterCall();
    const QByteArray key = clientKey(request);
    if (key.isEmpty() || key.startsWith("bad")) {
        sendError(provider, 401, QStringLiteral("invalid x-api-key"), responder);
        return;
    }
    if (m_failCount > 0) {
        --m_failCount;
        sendError(provider, m_failStatus, QStringLiteral("Injected failure."), responder);
        return;
    }
    responder->send(200, anthropic ? MockFormats::anthropicModels() : MockFormats::openaiModels(),
                    kJson);
}

void MockUpstream::getRequests(const HttpResponderPtr &responder) const
{
    QJsonArray list;
    for (const Recorded &rec : m_log) {
        QJsonObject headers;
        for (const auto &h : rec.headers) {
            const QString name = QString::fromLatin1(h.first).toLower();
            const QString value = QString::fromUtf8(h.second);
            const QJsonValue previous = headers.value(name);
            headers.insert(name, previous.isString()
                                     ? previous.toString() + QStringLiteral(", ") + value
                                     : value);
        }
        list.append(QJsonObject{
            {QStringLiteral("method"), QString::fromLatin1(rec.method)},
            {QStringLiteral("path"), QString::fromUtf8(rec.path)},
            {QStringLiteral("query"), QString::fromUtf8(rec.query)},
            {QStringLiteral("headers"), headers},
            {QStringLiteral("body"), QString::fromUtf8(rec.body)},
            {QStringLiteral("time"),
             QDateTime::fromMSecsSinceEpoch(rec.timeMs, Qt::UTC).toString(Qt::ISODateWithMs)}});
    }
    responder->sendJson(200, QJsonDocument(list));
}

void MockUpstream::failNext(const HttpRequest &request, const HttpResponderPtr &responder)
{
    const QJsonObject o = QJsonDocument::fromJson(request.body).object();
    m_failCount = o.value(QLatin1String("count")).toInt(1);
    m_failStatus = o.value(QLatin1String("status")).toInt(500);
    responder->sendJson(200, QJsonObject{{QStringLiteral("count"), m_failCount},
                                         {QStringLiteral("status"), m_failStatus}});
}

void MockUpstream::getStats(const HttpResponderPtr &responder) const
{
    responder->sendJson(200, QJsonObject{{QStringLiteral("inFlight"), m_inFlight},
                                         {QStringLiteral("maxInFlight"), m_maxInFlight},
                                         {QStringLiteral("total"), double(m_total)},
                                         {QStringLiteral("streamBytes"), double(m_streamBytes)}});
}
