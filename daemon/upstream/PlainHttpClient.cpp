// SPDX-License-Identifier: GPL-3.0-or-later
#include "upstream/PlainHttpClient.h"

#include "base/HttpSyntax.h"
#include "upstream/EpollDrain.h"
#include "upstream/PlainHttpConnection.h"

#include <QSocketNotifier>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <unistd.h>

namespace {

constexpr qsizetype ReadBufferBytes = 64 * 1024;
constexpr int SweepIntervalMs = 100;
// The same interest idle and busy, so that taking a connection from the pool or putting it back
// costs no epoll_ctl().
constexpr unsigned Readable = EPOLLIN | EPOLLRDHUP;
constexpr int MaxCachedTargets = 256;

bool validField(const QByteArray &name, const QByteArray &value)
{
    if (!HttpSyntax::isToken(name))
        return false;
    for (char c : value) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

quint64 epollKey(const PlainHttpConnection *c)
{
    return (quint64(c->generation) << 32) | quint32(c->fd());
}

} // namespace

PlainHttpClient::PlainHttpClient(QObject *parent) : QObject(parent)
{
    m_clock.start();
    m_readBuffer.resize(ReadBufferBytes);
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0) {
        qWarning("upstream client: epoll_create1 failed (errno %d); plain HTTP goes through curl",
                 errno);
        return;
    }
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &PlainHttpClient::onEpollReady);
    m_sweep.setInterval(SweepIntervalMs);
    connect(&m_sweep, &QTimer::timeout, this, &PlainHttpClient::onSweep);
    connect(&m_prune, &QTimer::timeout, this, &PlainHttpClient::onPrune);
}

PlainHttpClient::~PlainHttpClient()
{
    // No callback fires from here on.
    for (auto it = m_active.begin(); it != m_active.end(); ++it) {
        it.value().call->m_aborted = true;
        it.value().call->m_finished = true;
        release(it.value().call.get());
    }
    m_active.clear();
    m_idle.clear();
    m_byFd.clear(); // closes every socket
    delete m_notifier;
    m_notifier = nullptr;
    if (m_epoll >= 0)
        ::close(m_epoll);
}

int PlainHttpClient::idleConnectionCount() const
{
    return m_idleCount;
}

bool PlainHttpClient::start(const UpstreamCallPtr &call, const UpstreamRequest &request)
{
    if (m_epoll < 0 || !request.proxyUrl.isEmpty())
        return false;
    // An account's URLs repeat call after call: parsed once.
    auto cached = m_targets.constFind(request.url);
    if (cached == m_targets.cend()) {
        PlainHttpTarget parsed;
        if (!PlainHttpTarget::parse(request.url, &parsed))
            return false;
        if (m_targets.size() >= MaxCachedTargets)
            m_targets.clear();
        cached = m_targets.insert(request.url, parsed);
    }
    const PlainHttpTarget &target = cached.value();

    Transfer t;
    t.call = call;
    t.url = request.url;
    t.body = request.body;
    t.headRequest = request.method == "HEAD";
    t.startedMs = nowMs();
    // As curl: 0 means its default of 300 s.
    t.connectTimeoutMs = request.connectTimeoutMs > 0 ? request.connectTimeoutMs : 300000;
    t.timeoutMs = qMax(0, request.timeoutMs);
    t.stallMs = qMax(0, request.stallTimeoutSecs) * qint64(1000);

    // The request head, as curl would write it for these options: the Host field first (the
    // caller's own, if it sets one), the fields as given, the body framed by Content-Length.
    if (!validField(request.method, QByteArray())) {
        failLater(call, UpstreamCall::Error::Other,
                  QStringLiteral("the method of the upstream request is not valid"));
        return true;
    }
    // Names compared by length first: a few fields per call, and most are none of these.
    auto is = [](const QByteArray &name, QByteArrayView lower) {
        return name.size() == lower.size() && name.compare(lower, Qt::CaseInsensitive) == 0;
    };
    bool ownHost = false;
    qsizetype fieldBytes = 0;
    for (const auto &h : request.headers) {
        if (!validField(h.first, h.second)) {
            failLater(call, UpstreamCall::Error::Other,
                      QStringLiteral("a header field of the upstream request is not valid"));
            return true;
        }
        if (is(h.first, "host"))
            ownHost = true;
        fieldBytes += h.first.size() + h.second.size() + 4;
    }
    const bool withBody =
        request.method == "POST" || (!t.body.isEmpty() && request.method != "GET");
    if (!withBody)
        t.body.clear(); // GET and HEAD carry none
    const QByteArray length = withBody ? QByteArray::number(t.body.size()) : QByteArray();

    // Sized once and written through a cursor.
    QByteArray &head = t.head;
    head.resize(request.method.size() + target.path.size() + target.hostHeader.size() + fieldBytes +
                length.size() + 64);
    char *out = head.data();
    auto put = [&out](QByteArrayView bytes) {
        if (!bytes.isEmpty()) // an empty view may have no data pointer at all
            std::memcpy(out, bytes.data(), size_t(bytes.size()));
        out += bytes.size();
    };
    put(request.method);
    put(" ");
    put(target.path);
    put(" HTTP/1.1\r\n");
    if (!ownHost) {
        put("Host: ");
        put(target.hostHeader);
        put("\r\n");
    }
    for (const auto &h : request.headers) {
        // The framing is ours to write.
        if (is(h.first, "content-length") || is(h.first, "transfer-encoding"))
            continue;
        put(h.first);
        put(": ");
        put(h.second);
        put("\r\n");
    }
    if (withBody) {
        put("Content-Length: ");
        put(length);
        put("\r\n");
    }
    put("\r\n");
    head.truncate(out - head.constData());

    call->m_plain = true;
    m_inStart = true;
    launch(std::move(t), target, true);
    m_inStart = false;
    return true;
}

void PlainHttpClient::launch(Transfer t, const PlainHttpTarget &target, bool allowReuse)
{
    ConnectionPtr c = allowReuse ? takeIdle(target.poolKey) : nullptr;
    if (!c) {
        int error = 0;
        PlainHttpConnection *raw = PlainHttpConnection::open(target, &error);
        if (!raw) {
            fail(t.call, UpstreamCall::Error::Connect,
                 QStringLiteral("Failed to connect to %1: %2")
                     .arg(QString::fromLatin1(target.hostHeader), errnoText(error)));
            return;
        }
        c.reset(raw);
        c->generation = ++m_generation;
        m_byFd.insert(c->fd(), c);
    }
    const qint64 now = nowMs();
    c->call = t.call;
    c->parser.reset(t.headRequest);
    c->responseBytes = false;
    c->holding = false;
    c->sendError = 0;
    c->connectDeadlineMs = c->isConnecting() ? now + t.connectTimeoutMs : 0;
    c->totalDeadlineMs = t.timeoutMs > 0 ? t.startedMs + t.timeoutMs : 0;
    c->stallMs = t.stallMs;
    c->lastActivityMs = now;
    c->setRequest(t.head, t.body);
    t.connection = c;
    UpstreamCall *key = t.call.get();
    m_active.insert(key, std::move(t));
    if (!m_sweep.isActive())
        m_sweep.start();
    if (c->isConnecting())
        watch(c.get(), EPOLLOUT);
    else
        sendRequest(c);
}

void PlainHttpClient::sendRequest(const ConnectionPtr &c)
{
    const qint64 before = c->bytesSent();
    const int error = c->sendPending();
    if (c->bytesSent() != before)
        c->lastActivityMs = nowMs();
    if (error == 0) {
        watch(c.get(), interest(*c));
        return;
    }
    // The upstream stopped taking the request. It may have answered first (a 413 before the
    // body ended, then a close): stop sending and read what is there before calling the
    // connection broken. Whatever it answered is in the socket already.
    c->abandonRequest();
    c->sendError = error;
    watch(c.get(), interest(*c));
    if (m_inStart)
        return; // no callbacks from inside start(): the loop reports the socket next turn
    for (int i = 0; i < 64 && c->fd() >= 0 && c->call && !c->holding; ++i) {
        if (!readResponse(c))
            break;
    }
    if (c->fd() >= 0 && c->call && !c->holding && !c->responseBytes)
        connectionFailed(c, error);
}

unsigned PlainHttpClient::interest(const PlainHttpConnection &c)
{
    if (c.holding)
        return c.wantsToSend() ? unsigned(EPOLLOUT) : 0u;
    return Readable | (c.wantsToSend() ? unsigned(EPOLLOUT) : 0u);
}

void PlainHttpClient::onEpollReady()
{
    drainEpoll(m_epoll, [this](const epoll_event &event) {
        const quint64 key = event.data.u64;
        const int fd = int(quint32(key));
        const auto it = m_byFd.constFind(fd);
        if (it == m_byFd.cend()) {
            // Not ours any more (never expected: closing takes a socket out of the set first).
            // Level-triggered, it would come back: out of the set.
            ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
            return;
        }
        if (epollKey(it.value().get()) != key)
            return; // an earlier socket of this number, closed while this batch ran
        const ConnectionPtr c = it.value(); // alive until handled, whatever callbacks do
        handle(c, event.events);
    });
}

void PlainHttpClient::handle(const ConnectionPtr &c, unsigned events)
{
    if (!c->call) {
        // Idle: the server closed it, or sent what nobody asked for. Either way it is done.
        close(c);
        return;
    }
    if (c->isConnecting()) {
        if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
            return;
        const int error = c->connectResult();
        if (error != 0) {
            connectionFailed(c, error);
            return;
        }
        c->setConnected();
        c->connectDeadlineMs = 0;
        sendRequest(c);
        return;
    }
    // Read first: an answer already there (a final status before the upload ended) is seen
    // before a send to the same dead connection could call it broken.
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP | EPOLLRDHUP)) {
        readResponse(c);
        if (c->fd() < 0 || !c->call)
            return;
    }
    if ((events & EPOLLOUT) && c->wantsToSend())
        sendRequest(c);
}

bool PlainHttpClient::readResponse(const ConnectionPtr &c)
{
    const UpstreamCallPtr call = c->call;
    if (c->holding)
        return false;
    if (call->m_pauseRequested) {
        // The client is not keeping up: leave the answer in the socket until resume().
        c->holding = true;
        call->m_pausedInCurl = true;
        watch(c.get(), interest(*c));
        return false;
    }
    Q_ASSERT(!m_inStart); // callers set their callbacks after start() returns
    int error = 0;
    const qsizetype n = c->receive(m_readBuffer.data(), m_readBuffer.size(), &error);
    if (n < 0) {
        if (error != EAGAIN && error != EWOULDBLOCK)
            connectionFailed(c, error);
        else if (c->sendError != 0 && !c->responseBytes)
            connectionFailed(c, c->sendError); // the upload failed and nothing was answered
        return false;
    }
    QByteArray body;
    bool reusable = false;
    if (n == 0) {
        c->parser.finishOnClose();
    } else {
        c->responseBytes = true;
        c->lastActivityMs = nowMs();
        const qsizetype used = c->parser.feed(QByteArrayView(m_readBuffer.constData(), n), &body);
        // Reused only when the answer ended exactly where this read did and the read did not
        // fill the buffer: bytes after it (already here, or still in the socket) belong to no
        // answer, and must not be taken for the next call's.
        reusable = used == n && n < m_readBuffer.size();
    }
    const HttpResponseParser::State state = c->parser.state();
    if (n == 0 && state != HttpResponseParser::State::Done &&
        !(state == HttpResponseParser::State::Error && c->parser.headersComplete())) {
        connectionFailed(c, c->responseBytes ? 0 : c->sendError);
        return false;
    }

    // Headers and body read before anything went wrong are delivered first, as curl does.
    if (c->parser.headersComplete() && !call->m_headersDone) {
        call->m_headersDone = true;
        call->m_status = c->parser.status();
        if (call->onHeaders)
            call->onHeaders(call->m_status, c->parser.headers());
        if (call->m_aborted)
            return false;
    }
    if (!body.isEmpty() && call->onData) {
        call->onData(body);
        if (call->m_aborted)
            return false;
    }
    if (state == HttpResponseParser::State::Error) {
        const bool headers = c->parser.headersComplete();
        const QString message = n == 0 ? QStringLiteral("the upstream closed the connection "
                                                        "before the response was complete")
                                       : QStringLiteral("invalid response from the upstream: %1")
                                             .arg(c->parser.errorMessage());
        close(c);
        fail(call, headers ? UpstreamCall::Error::Transfer : UpstreamCall::Error::Other, message);
        return false;
    }
    if (state == HttpResponseParser::State::Done) {
        complete(c, reusable);
        return false;
    }
    return n > 0;
}

void PlainHttpClient::complete(const ConnectionPtr &c, bool reusable)
{
    Q_ASSERT(!m_inStart);
    const UpstreamCallPtr call = c->call;
    detach(call.get());
    release(call.get());
    call->m_finished = true;
    if (reusable && c->parser.keepAlive() && c->requestSent())
        park(c);
    else
        close(c);
    if (call->onFinished)
        call->onFinished(UpstreamCall::Error::None, QString());
}

void PlainHttpClient::connectionFailed(const ConnectionPtr &c, int error)
{
    const UpstreamCallPtr call = c->call;
    const bool connecting = c->isConnecting();
    const bool stale = c->reused && !c->responseBytes;
    const bool responseBytes = c->responseBytes;
    auto it = m_active.find(call.get());
    if (it == m_active.end()) {
        close(c);
        return;
    }
    Transfer t = std::move(it.value());
    m_active.erase(it);
    close(c);
    // Parsed once at start(); on this rare path it is parsed again rather than kept per call.
    PlainHttpTarget target;
    const bool parsed = PlainHttpTarget::parse(t.url, &target);
    if (stale && !t.retried && parsed) {
        // A kept-alive connection the server had already closed: send it again, once, on a
        // fresh connection (nothing of an answer was seen, so nothing is delivered twice).
        t.retried = true;
        t.connection.reset();
        launch(std::move(t), target, false);
        return;
    }
    const QString host = parsed ? QString::fromLatin1(target.hostHeader) : QString();
    if (connecting) {
        fail(call, UpstreamCall::Error::Connect,
             QStringLiteral("Failed to connect to %1: %2").arg(host, errnoText(error)));
    } else if (error == 0) {
        fail(call, UpstreamCall::Error::Transfer,
             responseBytes ? QStringLiteral("the upstream closed the connection before the "
                                            "response was complete")
                           : QStringLiteral("Empty reply from server"));
    } else {
        fail(call,
             call->m_headersDone ? UpstreamCall::Error::Transfer : UpstreamCall::Error::Connect,
             QStringLiteral("Connection to %1 failed: %2").arg(host, errnoText(error)));
    }
}

void PlainHttpClient::fail(const UpstreamCallPtr &call, UpstreamCall::Error error,
                           const QString &message)
{
    detach(call.get());
    if (m_inStart) {
        failLater(call, error, message);
        return;
    }
    release(call.get());
    if (call->m_aborted || call->m_finished)
        return;
    call->m_finished = true;
    if (call->onFinished)
        call->onFinished(error, message);
}

void PlainHttpClient::failLater(const UpstreamCallPtr &call, UpstreamCall::Error error,
                                const QString &message)
{
    call->m_plain = true;
    // Callbacks never run from inside start(): report from the event loop, unless aborted.
    // Held strongly until then, as curl's transfers are: a caller may keep only its callbacks.
    QTimer::singleShot(0, this, [c = call, error, message] {
        c->m_client = nullptr;
        if (c->m_aborted || c->m_finished)
            return;
        c->m_finished = true;
        if (c->onFinished)
            c->onFinished(error, message);
    });
}

void PlainHttpClient::abort(UpstreamCall *call)
{
    call->m_aborted = true;
    call->m_finished = true;
    release(call);
    const auto it = m_active.constFind(call);
    if (it == m_active.cend())
        return;
    const ConnectionPtr c = it.value().connection;
    close(c); // mid-transfer: the connection cannot carry another request
}

void PlainHttpClient::resume(UpstreamCall *call)
{
    const auto it = m_active.constFind(call);
    if (it == m_active.cend())
        return;
    const ConnectionPtr c = it.value().connection;
    call->m_pausedInCurl = false;
    if (!c->holding)
        return;
    c->holding = false;
    c->lastActivityMs = nowMs(); // a pause is not a stall
    // Level-triggered: what waits in the socket is reported on the next turn of the loop.
    watch(c.get(), interest(*c));
}

void PlainHttpClient::release(UpstreamCall *call)
{
    // Ended: nothing may reach this client through the call any more (resume() after the
    // client is gone would).
    call->m_client = nullptr;
    call->m_pausedInCurl = false;
}

void PlainHttpClient::detach(UpstreamCall *call)
{
    const auto it = m_active.find(call);
    if (it == m_active.end())
        return;
    const ConnectionPtr c = it.value().connection;
    m_active.erase(it);
    if (c && c->call.get() == call)
        c->call.reset();
}

void PlainHttpClient::park(const ConnectionPtr &c)
{
    c->call.reset();
    QList<ConnectionPtr> &list = m_idle[c->poolKey()];
    if (list.size() >= MaxIdlePerAddress || m_idleCount >= MaxIdle) {
        close(c);
        return;
    }
    c->reused = true;
    c->idleSinceMs = nowMs();
    c->holding = false;
    list.append(c);
    ++m_idleCount;
    if (!m_prune.isActive())
        m_prune.start(int(qBound(qint64(100), m_maxIdleMs / 2, qint64(5000))));
    // Watched while idle: if the server closes it, it is dropped before anyone reuses it.
    watch(c.get(), Readable);
}

PlainHttpClient::ConnectionPtr PlainHttpClient::takeIdle(const QByteArray &poolKey)
{
    const auto it = m_idle.find(poolKey);
    if (it == m_idle.end())
        return nullptr;
    const qint64 now = nowMs();
    while (!it.value().isEmpty()) {
        ConnectionPtr c = it.value().takeLast();
        --m_idleCount;
        if (now - c->idleSinceMs > m_maxIdleMs) {
            close(c);
            continue;
        }
        return c;
    }
    return nullptr;
}

void PlainHttpClient::watch(PlainHttpConnection *c, unsigned events)
{
    if (c->fd() < 0 || c->epollEvents == events)
        return;
    if (events == 0) {
        // Out of the set: a paused connection would otherwise report a hang-up on every turn.
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c->fd(), nullptr);
        c->epollEvents = 0;
        return;
    }
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = epollKey(c);
    const int op = c->epollEvents == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (::epoll_ctl(m_epoll, op, c->fd(), &ev) == 0)
        c->epollEvents = events;
    else
        qWarning("upstream client: cannot watch socket %d (errno %d)", c->fd(), errno);
}

void PlainHttpClient::close(const ConnectionPtr &c)
{
    if (c->call) {
        detach(c->call.get());
        c->call.reset();
    } else if (c->reused) {
        const auto it = m_idle.find(c->poolKey());
        if (it != m_idle.end() && it.value().removeOne(c))
            --m_idleCount;
    }
    const int fd = c->fd();
    if (fd < 0)
        return;
    if (c->epollEvents != 0)
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
    c->epollEvents = 0;
    const auto it = m_byFd.find(fd);
    if (it != m_byFd.end() && it.value() == c)
        m_byFd.erase(it);
    c->closeSocket();
}

void PlainHttpClient::setMaxIdleMs(qint64 ms)
{
    m_maxIdleMs = qMax<qint64>(1, ms);
    if (m_prune.isActive())
        m_prune.start(int(qBound(qint64(100), m_maxIdleMs / 2, qint64(5000))));
}

void PlainHttpClient::onPrune()
{
    // Oldest first at the front of each list: close those idle too long, whatever address.
    const qint64 now = nowMs();
    QList<ConnectionPtr> old;
    for (auto it = m_idle.begin(); it != m_idle.end(); ++it) {
        QList<ConnectionPtr> &list = it.value();
        while (!list.isEmpty() && now - list.first()->idleSinceMs > m_maxIdleMs)
            old.append(list.takeFirst());
    }
    m_idleCount -= int(old.size());
    for (const ConnectionPtr &c : std::as_const(old)) {
        c->reused = false; // already out of its list
        close(c);
    }
    if (m_idleCount == 0)
        m_prune.stop();
}

void PlainHttpClient::onSweep()
{
    if (m_active.isEmpty()) {
        m_sweep.stop();
        return;
    }
    const qint64 now = nowMs();
    struct Expired
    {
        ConnectionPtr connection;
        QString message;
    };
    QList<Expired> expired;
    for (auto it = m_active.cbegin(); it != m_active.cend(); ++it) {
        const Transfer &t = it.value();
        const PlainHttpConnection *c = t.connection.get();
        if (c->connectDeadlineMs && now >= c->connectDeadlineMs) {
            expired.append(
                {t.connection, QStringLiteral("Connection timed out after %1 milliseconds")
                                   .arg(now - t.startedMs)});
        } else if (c->totalDeadlineMs && now >= c->totalDeadlineMs) {
            expired.append(
                {t.connection, QStringLiteral("Operation timed out after %1 milliseconds")
                                   .arg(now - t.startedMs)});
        } else if (c->stallMs && !c->holding && now - c->lastActivityMs >= c->stallMs) {
            expired.append(
                {t.connection, QStringLiteral("No data for %1 seconds").arg(c->stallMs / 1000)});
        }
    }
    for (const Expired &e : std::as_const(expired)) {
        const UpstreamCallPtr call = e.connection->call;
        if (!call)
            continue;
        close(e.connection);
        fail(call, UpstreamCall::Error::Timeout, e.message);
    }
}
