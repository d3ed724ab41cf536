// SPDX-License-Identifier: GPL-3.0-or-later
#include "upstream/UpstreamClient.h"

#ifdef Q_OS_LINUX
#include "upstream/EpollDrain.h"
#include "upstream/PlainHttpClient.h"
#endif

#include <QSocketNotifier>

#include <curl/curl.h>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <type_traits>
#include <unistd.h>
#endif

namespace {

struct CurlGlobal
{
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlGlobal() { curl_global_cleanup(); }
};

void ensureCurlGlobal()
{
    static CurlGlobal global;
    Q_UNUSED(global);
}

CURLM *multiOf(void *p)
{
    return static_cast<CURLM *>(p);
}

} // namespace

QString UpstreamCall::errorName(Error e)
{
    switch (e) {
    case Error::None:
        return QStringLiteral("none");
    case Error::Connect:
        return QStringLiteral("connect_error");
    case Error::Tls:
        return QStringLiteral("tls_error");
    case Error::Timeout:
        return QStringLiteral("timeout");
    case Error::Transfer:
        return QStringLiteral("transfer_error");
    case Error::Aborted:
        return QStringLiteral("aborted");
    case Error::Other:
        return QStringLiteral("upstream_error");
    }
    return QStringLiteral("upstream_error");
}

void UpstreamCall::pause()
{
    // Takes effect in the write callback: curl keeps that data and stops reading the socket.
    if (!m_finished)
        m_pauseRequested = true;
}

void UpstreamCall::resume()
{
    if (!m_pauseRequested)
        return;
    m_pauseRequested = false;
    if (m_pausedInCurl && m_client)
        m_client->resumeCall(this);
}

#ifdef Q_OS_LINUX
static_assert(std::is_same_v<curl_socket_t, int>, "curl sockets are descriptors");

struct UpstreamSocketHooks
{
    static curl_socket_t open(void *clientp, curlsocktype, curl_sockaddr *address)
    {
        const int fd =
            ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
        if (fd < 0)
            return CURL_SOCKET_BAD;
        static_cast<UpstreamClient *>(clientp)->socketOpened(fd);
        return fd;
    }
    static int close(void *clientp, curl_socket_t fd)
    {
        static_cast<UpstreamClient *>(clientp)->socketClosing(fd);
        return ::close(fd);
    }
};
#endif

UpstreamClient::UpstreamClient(QObject *parent) : QObject(parent)
{
    ensureCurlGlobal();
    CURLM *multi = curl_multi_init();
    m_multi = multi;
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &UpstreamClient::socketCallback);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &UpstreamClient::timerCallback);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    // No per-host cap; keep plenty of idle connections for reuse; multiplex HTTP/2.
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 0L);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 4096L);
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, long(CURLPIPE_MULTIPLEX));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { socketAction(CURL_SOCKET_TIMEOUT, 0); });
#ifdef Q_OS_LINUX
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll >= 0) {
        m_epollNotifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
        connect(m_epollNotifier, &QSocketNotifier::activated, this, &UpstreamClient::onEpollReady);
    } else {
        qWarning("upstream client: epoll_create1 failed (errno %d); using one notifier per socket",
                 errno);
    }
    if (qEnvironmentVariableIntValue("AICARPOOL_UPSTREAM_CURL_ONLY") == 0) {
        m_plain = new PlainHttpClient(this);
        if (!m_plain->isValid()) {
            delete m_plain;
            m_plain = nullptr;
        }
    }
#endif
}

void UpstreamClient::setIdleConnectionLimitMs(qint64 ms)
{
    m_idleLimitMs = qMax<qint64>(1, ms);
#ifdef Q_OS_LINUX
    if (m_plain)
        m_plain->setMaxIdleMs(m_idleLimitMs);
#endif
}

int UpstreamClient::activeCount() const
{
#ifdef Q_OS_LINUX
    if (m_plain)
        return m_calls.size() + m_plain->activeCount();
#endif
    return m_calls.size();
}

UpstreamClient::~UpstreamClient()
{
#ifdef Q_OS_LINUX
    delete m_plain; // its transfers end without callbacks, as curl's below
    m_plain = nullptr;
#endif
    const auto calls = m_calls;
    for (auto it = calls.cbegin(); it != calls.cend(); ++it) {
        it.key()->m_aborted = true;
        release(it.key());
    }
    for (auto it = m_sockets.begin(); it != m_sockets.end(); ++it) {
        delete it->read;
        delete it->write;
    }
    m_sockets.clear();
    for (void *easy : std::as_const(m_idleEasy))
        curl_easy_cleanup(static_cast<CURL *>(easy));
    m_idleEasy.clear();
    curl_multi_cleanup(multiOf(m_multi)); // may still report sockets it closes
#ifdef Q_OS_LINUX
    // Closed last: curl's clean-up above still removes sockets from the set.
    delete m_epollNotifier;
    m_epollNotifier = nullptr;
    if (m_epoll >= 0)
        ::close(m_epoll);
    m_epoll = -1;
    m_epollInterest.clear();
    m_ownSockets.clear();
#endif
}

UpstreamCallPtr UpstreamClient::start(const UpstreamRequest &request)
{
    auto call = std::make_shared<UpstreamCall>();
#ifdef Q_OS_LINUX
    if (m_plain) {
        call->m_client = this;
        if (m_plain->start(call, request))
            return call;
    }
#endif
    CURL *easy = static_cast<CURL *>(takeEasy());
    call->m_easy = easy;
    call->m_url = request.url;
    call->m_body = request.body;
    call->m_proxy = request.proxyUrl.toUtf8();
    call->m_client = this;

    curl_easy_setopt(easy, CURLOPT_URL, call->m_url.constData());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, call.get());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
#ifdef Q_OS_LINUX
    if (m_epoll >= 0) {
        // A connection keeps the callbacks of the handle that opened it, and all are ours.
        curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &UpstreamSocketHooks::open);
        curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, this);
        curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &UpstreamSocketHooks::close);
        curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
    }
#endif
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(easy, CURLOPT_MAXAGE_CONN, long(qMax<qint64>(1, m_idleLimitMs / 1000)));
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(request.connectTimeoutMs));
    if (request.timeoutMs > 0)
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(request.timeoutMs));
    if (request.stallTimeoutSecs > 0) {
        curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, long(request.stallTimeoutSecs));
    }
    // Content coding is relayed untouched: no CURLOPT_ACCEPT_ENCODING.
    curl_easy_setopt(easy, CURLOPT_HTTP_CONTENT_DECODING, 0L);
    if (!call->m_proxy.isEmpty()) {
        curl_easy_setopt(easy, CURLOPT_PROXY, call->m_proxy.constData());
        curl_easy_setopt(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
        curl_easy_setopt(easy, CURLOPT_HTTPPROXYTUNNEL, 1L);
    } else {
        // Ignore http_proxy & co. from the environment: proxies are per account.
        curl_easy_setopt(easy, CURLOPT_PROXY, "");
    }

    curl_slist *list = nullptr;
    bool hasExpect = false;
    bool hasAccept = false;
    for (const auto &h : request.headers) {
        if (h.first.compare("expect", Qt::CaseInsensitive) == 0)
            hasExpect = true;
        if (h.first.compare("accept", Qt::CaseInsensitive) == 0)
            hasAccept = true;
        const QByteArray line = h.first + ": " + h.second;
        list = curl_slist_append(list, line.constData());
    }
    if (!hasExpect)
        list = curl_slist_append(list, "Expect:"); // no 100-continue round trip
    if (!hasAccept)
        list = curl_slist_append(list, "Accept:");
    call->m_headerList = list;
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, list);

    if (request.method == "GET") {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else {
        if (request.method != "POST")
            curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.constData());
        if (request.method == "POST" || !call->m_body.isEmpty()) {
            curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(call->m_body.size()));
            curl_easy_setopt(easy, CURLOPT_POSTFIELDS, call->m_body.constData());
        }
    }

    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &UpstreamClient::writeCallback);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, call.get());
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &UpstreamClient::headerCallback);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, call.get());
    auto *errorBuffer = &m_errors[call.get()];
    errorBuffer->fill('\0', CURL_ERROR_SIZE + 1);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, errorBuffer->data());

    m_calls.insert(call.get(), call);
    if (m_inAction) {
        // Called from one of curl's callbacks (e.g. a failover decided on the headers of another
        // transfer): curl refuses re-entrant multi calls, so add it from the event loop.
        QTimer::singleShot(0, this, [this, weak = std::weak_ptr<UpstreamCall>(call)] {
            auto c = weak.lock();
            if (c && !c->m_aborted && c->m_easy && m_calls.contains(c.get()))
                curl_multi_add_handle(multiOf(m_multi), static_cast<CURL *>(c->m_easy));
        });
    } else {
        curl_multi_add_handle(multiOf(m_multi), easy);
    }
    return call;
}

void UpstreamClient::abort(const UpstreamCallPtr &call)
{
#ifdef Q_OS_LINUX
    if (call && call->m_plain) {
        if (!call->m_finished && m_plain)
            m_plain->abort(call.get());
        return;
    }
#endif
    if (!call || call->m_finished || !m_calls.contains(call.get()))
        return;
    call->m_aborted = true;
    call->m_finished = true;
    // After abort no callback fires. Removing a handle from inside a curl callback is not
    // allowed, so defer while curl is running.
    if (m_inAction) {
        QTimer::singleShot(0, this, [this, weak = std::weak_ptr<UpstreamCall>(call)] {
            if (auto c = weak.lock())
                release(c.get());
        });
    } else {
        release(call.get());
    }
}

void UpstreamClient::resumeCall(UpstreamCall *call)
{
#ifdef Q_OS_LINUX
    if (call->m_plain) {
        if (m_plain)
            m_plain->resume(call);
        return;
    }
#endif
    if (m_inAction) {
        // Inside one of curl's callbacks: unpause from the event loop instead.
        QTimer::singleShot(0, this,
                           [this, weak = std::weak_ptr<UpstreamCall>(m_calls.value(call))] {
                               auto c = weak.lock();
                               if (c && !c->m_pauseRequested && m_calls.contains(c.get()))
                                   resumeCall(c.get());
                           });
        return;
    }
    if (!call->m_pausedInCurl || !call->m_easy || call->m_finished)
        return;
    call->m_pausedInCurl = false;
    // Held data may be delivered from inside curl_easy_pause(); callbacks that abort or start
    // transfers then defer their multi calls as they do inside socket actions.
    UpstreamCallPtr keep = m_calls.value(call);
    m_inAction = true;
    curl_easy_pause(static_cast<CURL *>(call->m_easy), CURLPAUSE_CONT);
    m_inAction = false;
    checkDone();
}

void UpstreamClient::release(UpstreamCall *call)
{
    if (!m_calls.contains(call))
        return;
    UpstreamCallPtr keep = m_calls.take(call);
    m_errors.remove(call);
    call->m_client = nullptr;
    if (call->m_easy) {
        curl_multi_remove_handle(multiOf(m_multi), static_cast<CURL *>(call->m_easy));
        // Only handles whose transfer ended by itself are reused; one removed mid-transfer (an
        // abort, possibly while paused) is freed, so no transfer state can carry over.
        if (call->m_aborted || call->m_pausedInCurl)
            curl_easy_cleanup(static_cast<CURL *>(call->m_easy));
        else
            recycleEasy(call->m_easy);
        call->m_easy = nullptr;
    }
    if (call->m_headerList) {
        curl_slist_free_all(static_cast<curl_slist *>(call->m_headerList));
        call->m_headerList = nullptr;
    }
}

void *UpstreamClient::takeEasy()
{
    if (!m_idleEasy.isEmpty())
        return m_idleEasy.takeLast();
    return curl_easy_init();
}

void UpstreamClient::recycleEasy(void *easy)
{
    // curl_easy_reset() clears every option (URL, headers, callbacks, private pointer, error
    // buffer) and keeps the caches; start() sets all options again.
    if (m_idleEasy.size() < MaxIdleHandles) {
        curl_easy_reset(static_cast<CURL *>(easy));
        m_idleEasy.append(easy);
    } else {
        curl_easy_cleanup(static_cast<CURL *>(easy));
    }
}

int UpstreamClient::socketCallback(void *, qintptr fd, int what, void *userp, void *)
{
    static_cast<UpstreamClient *>(userp)->watchSocket(fd, what);
    return 0;
}

int UpstreamClient::timerCallback(void *, long timeoutMs, void *userp)
{
    auto *self = static_cast<UpstreamClient *>(userp);
    if (timeoutMs < 0)
        self->m_timer.stop();
    else
        self->m_timer.start(int(qMin<long>(timeoutMs, 24L * 3600 * 1000)));
    return 0;
}

void UpstreamClient::watchSocket(qintptr fd, int what)
{
#ifdef Q_OS_LINUX
    if (m_epoll >= 0) {
        const int sock = int(fd);
        const bool own = m_ownSockets.contains(fd);
        if (what == CURL_POLL_REMOVE) {
            // After each transfer on a kept-alive connection, and before curl closes a socket
            // (socketClosing then takes it out). A connection's socket stays registered; if it
            // becomes readable meanwhile (the server closed the connection), onEpollReady
            // removes it, and curl checks the connection before it reuses it anyway.
            if (own) {
                const auto it = m_epollInterest.find(fd);
                if (it != m_epollInterest.end())
                    it.value() |= Parked;
            } else if (m_epollInterest.remove(fd)) {
                ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, sock, nullptr);
            }
            return;
        }
        epoll_event ev{};
        ev.events = (what == CURL_POLL_IN || what == CURL_POLL_INOUT ? EPOLLIN : 0u) |
                    (what == CURL_POLL_OUT || what == CURL_POLL_INOUT ? EPOLLOUT : 0u);
        ev.data.fd = sock;
        const auto it = m_epollInterest.find(fd);
        if (own && it != m_epollInterest.end() && (it.value() & ~Parked) == int(ev.events)) {
            it.value() = int(ev.events);
            return;
        }
        int op = it == m_epollInterest.end() ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
        int rc = ::epoll_ctl(m_epoll, op, sock, &ev);
        if (rc != 0 && op == EPOLL_CTL_ADD && errno == EEXIST)
            rc = ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, sock, &ev);
        else if (rc != 0 && op == EPOLL_CTL_MOD && errno == ENOENT)
            rc = ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, sock, &ev);
        if (rc == 0) {
            m_epollInterest.insert(fd, int(ev.events));
        } else {
            m_epollInterest.remove(fd);
            qWarning("upstream client: cannot watch socket %d (errno %d)", sock, errno);
        }
        return;
    }
#endif
    SocketWatch &w = m_sockets[fd];
    if (what == CURL_POLL_REMOVE) {
        // curl removes a kept-alive connection's socket after every transfer and adds it again
        // for the next one: keep its notifiers, disabled, for that (up to a bound). A disabled
        // notifier watches nothing, so a closed descriptor whose number is reused is harmless.
        for (QSocketNotifier *n : {w.read, w.write}) {
            if (n)
                n->setEnabled(false);
        }
        if (m_sockets.size() > MaxParkedSockets) {
            for (QSocketNotifier *n : {w.read, w.write}) {
                if (n)
                    n->deleteLater();
            }
            m_sockets.remove(fd);
        }
        return;
    }
    const bool wantRead = what == CURL_POLL_IN || what == CURL_POLL_INOUT;
    const bool wantWrite = what == CURL_POLL_OUT || what == CURL_POLL_INOUT;
    if (wantRead && !w.read) {
        w.read = new QSocketNotifier(fd, QSocketNotifier::Read, this);
        connect(w.read, &QSocketNotifier::activated, this,
                [this, fd] { socketAction(fd, CURL_CSELECT_IN); });
    }
    if (wantWrite && !w.write) {
        w.write = new QSocketNotifier(fd, QSocketNotifier::Write, this);
        connect(w.write, &QSocketNotifier::activated, this,
                [this, fd] { socketAction(fd, CURL_CSELECT_OUT); });
    }
    if (w.read)
        w.read->setEnabled(wantRead);
    if (w.write)
        w.write->setEnabled(wantWrite);
}

#ifdef Q_OS_LINUX
void UpstreamClient::onEpollReady()
{
    drainEpoll(m_epoll, [this](const epoll_event &event) {
        const uint32_t e = event.events;
        int mask = 0;
        if (e & (EPOLLIN | EPOLLHUP | EPOLLRDHUP))
            mask |= CURL_CSELECT_IN;
        if (e & EPOLLOUT)
            mask |= CURL_CSELECT_OUT;
        if (e & EPOLLERR)
            mask |= CURL_CSELECT_ERR;
        const int fd = event.data.fd;
        const auto it = m_epollInterest.find(fd);
        if (it == m_epollInterest.end()) {
            // Closed while this batch was handled, or left registered by an epoll_ctl() that
            // failed: not ours to report, and level-triggered it would come back.
            ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
            return;
        }
        if (it.value() & Parked) {
            // An idle kept-alive connection became readable or failed: stop watching it
            // (level-triggered, it would wake the loop again and again).
            ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
            m_epollInterest.erase(it);
            return;
        }
        socketAction(fd, mask);
    });
}
#endif

#ifdef Q_OS_LINUX

void UpstreamClient::socketOpened(int fd)
{
    // The number was free, so whatever is recorded under it belonged to a closed socket (the
    // kernel has already taken that one out of the set).
    m_epollInterest.remove(fd);
    m_ownSockets.insert(fd);
}

void UpstreamClient::socketClosing(int fd)
{
    m_ownSockets.remove(fd);
    if (m_epollInterest.remove(fd))
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}
#endif

void UpstreamClient::socketAction(qintptr fd, int eventMask)
{
    int running = 0;
    m_inAction = true;
    curl_multi_socket_action(multiOf(m_multi), curl_socket_t(fd), eventMask, &running);
    m_inAction = false;
    checkDone();
}

void UpstreamClient::checkDone()
{
    int pending = 0;
    while (CURLMsg *msg = curl_multi_info_read(multiOf(m_multi), &pending)) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        UpstreamCall *call = nullptr;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &call);
        if (!call || !m_calls.contains(call))
            continue;
        const int code = int(msg->data.result);
        const QByteArray errorText = m_errors.value(call);
        finishCall(call, code, errorText.constData());
    }
}

void UpstreamClient::finishCall(UpstreamCall *call, int curlCode, const char *errorBuffer)
{
    UpstreamCallPtr keep = m_calls.value(call);
    const bool aborted = call->m_aborted;
    release(call);
    if (aborted)
        return;
    call->m_finished = true;
    UpstreamCall::Error error = UpstreamCall::Error::None;
    QString message;
    const auto code = CURLcode(curlCode);
    if (code != CURLE_OK) {
        switch (code) {
        case CURLE_COULDNT_CONNECT:
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_PROXY:
            error = UpstreamCall::Error::Connect;
            break;
        case CURLE_OPERATION_TIMEDOUT:
            error = UpstreamCall::Error::Timeout;
            break;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
            error = UpstreamCall::Error::Tls;
            break;
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_PARTIAL_FILE:
        case CURLE_GOT_NOTHING:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
            error = call->m_headersDone || code == CURLE_GOT_NOTHING ? UpstreamCall::Error::Transfer
                                                                     : UpstreamCall::Error::Connect;
            break;
        default:
            error = UpstreamCall::Error::Other;
            break;
        }
        // curl's messages name hosts and errno text, never credentials from headers.
        message =
            QString::fromUtf8(errorBuffer && *errorBuffer ? errorBuffer : curl_easy_strerror(code));
    } else if (!call->m_headersDone) {
        // A response without a final header block (should not happen): report what we have.
        call->m_headersDone = true;
        if (call->onHeaders)
            call->onHeaders(call->m_status, call->m_responseHeaders);
    }
    if (call->onFinished)
        call->onFinished(error, message);
}

size_t UpstreamClient::headerCallback(char *data, size_t size, size_t count, void *userp)
{
    auto *call = static_cast<UpstreamCall *>(userp);
    const size_t n = size * count;
    if (call->m_aborted)
        return 0;
    QByteArrayView line(data, qsizetype(n));
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.startsWith("HTTP/")) {
        // A new status line: interim (1xx) responses and their headers are dropped.
        call->m_responseHeaders.clear();
        const qsizetype sp = line.indexOf(' ');
        call->m_status = sp > 0 ? line.sliced(sp + 1, qMin<qsizetype>(3, line.size() - sp - 1))
                                      .toByteArray()
                                      .toInt()
                                : 0;
        return n;
    }
    if (line.isEmpty()) {
        if (call->m_status >= 200 && !call->m_headersDone) {
            call->m_headersDone = true;
            if (call->onHeaders)
                call->onHeaders(call->m_status, call->m_responseHeaders);
        }
        return call->m_aborted ? 0 : n;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0) {
        call->m_responseHeaders.append({line.first(colon).toByteArray().trimmed().toLower(),
                                        line.sliced(colon + 1).toByteArray().trimmed()});
    }
    return n;
}

size_t UpstreamClient::writeCallback(char *data, size_t size, size_t count, void *userp)
{
    auto *call = static_cast<UpstreamCall *>(userp);
    const size_t n = size * count;
    if (call->m_aborted)
        return 0;
    if (call->m_pauseRequested && n > 0) {
        // The client is not keeping up: leave this data with curl until resume().
        call->m_pausedInCurl = true;
        return CURL_WRITEFUNC_PAUSE;
    }
    if (call->onData && n > 0)
        call->onData(QByteArray(data, qsizetype(n)));
    return call->m_aborted ? 0 : n;
}
