// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpConnection.h"

#include "http/TlsServerSocket.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <cerrno>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

HttpConnection::HttpConnection(qintptr socketDescriptor, const QHostAddress &peer,
                               HttpServer *server, QObject *parent)
    : QObject(parent), m_server(server), m_peer(peer)
{
    m_socket = server->createSocket(socketDescriptor, this); // TLS when the server has it
    if (!m_socket)
        return;
    const HttpServerLimits &limits = m_server->limits();
    // Qt stops reading from the kernel once this much is buffered and we do not read it.
    m_socket->setReadBufferSize(limits.readBufferBytes);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_plain = qobject_cast<QSslSocket *>(m_socket) == nullptr;

    HttpParserLimits parserLimits;
    parserLimits.maxBodyBytes = limits.maxBodyBytes;
    parserLimits.maxHeaderBytes = limits.maxHeaderBytes;
    m_parser.setLimits(parserLimits);
    m_parser.setBodyReservation([this](qint64 bytes) {
        if (!m_server->reserveBody(bytes))
            return false;
        m_reservedBody += bytes;
        return true;
    });

    connect(&m_timer, &LazyTimer::timeout, this, &HttpConnection::onTimeout);
    m_writeTimer.setSingleShot(true);
    connect(&m_writeTimer, &QTimer::timeout, this, &HttpConnection::onWriteStalled);
    m_lingerTimer.setSingleShot(true);
    connect(&m_lingerTimer, &QTimer::timeout, this, &HttpConnection::abortConnection);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::onBytesWritten);
    // TLS: the encrypted queue drains after the plaintext one; both count as pending.
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
        connect(ssl, &QSslSocket::encryptedBytesWritten, this, &HttpConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    // A reset or other socket error ends the connection like a disconnect.
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket && m_socket->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });
    armTimer();
}

HttpConnection::~HttpConnection()
{
    releaseBody();
}

void HttpConnection::releaseBody()
{
    m_server->releaseBody(m_reservedBody);
    m_reservedBody = 0;
}

void HttpConnection::armTimer()
{
    const HttpServerLimits &limits = m_server->limits();
    if (m_busy) {
        // The handler owns the time; upstream calls can take minutes.
        m_timer.stop();
    } else if (m_readingRequest) {
        if (!m_timer.isActive())
            m_timer.start(limits.requestTimeoutMs);
    } else {
        m_timer.start(limits.idleTimeoutMs);
    }
}

void HttpConnection::onTimeout()
{
    if (m_busy || m_closing)
        return;
    if (m_readingRequest)
        failAndClose(408, QStringLiteral("request_timeout"),
                     QStringLiteral("The request was not received completely in time."));
    else
        closeConnection();
}

void HttpConnection::onReadyRead()
{
    if (!m_socket || !TlsServerSocket::isReadyForHttp(m_socket))
        return; // TLS handshake still running
    if (m_closing) {
        discardInput();
        return;
    }
    // While a request is being answered the bytes stay in the socket: once its read buffer is
    // full Qt stops reading and TCP flow control holds the client back.
    if (!m_busy)
        pump();
}

void HttpConnection::pump()
{
    if (m_processing || !m_socket)
        return;
    m_processing = true;
    const qint64 chunk = m_server->limits().readBufferBytes * 2;
    while (!m_busy && !m_closing && m_socket) {
        if (m_inPos >= m_in.size()) {
            m_in.clear();
            m_inPos = 0;
            // What Qt holds, and no more: QIODevice::read(n) sizes its result to n before it
            // copies, so asking for a chunk cost a 128 KB allocation per read, two per call.
            // Copied out, not taken: when the size matches Qt's block, read(n) hands that 16 KB
            // block over and Qt allocates another, and a busy daemon kept some 50 MB more
            // after load. A read that empties Qt's buffer re-arms its read notification either
            // way. With nothing buffered on plain TCP there is nothing to re-arm (Qt stops
            // reading only with a full buffer); a TLS socket may still hold undecrypted bytes,
            // which a read of any size makes it decrypt.
            const qint64 available = m_socket->bytesAvailable();
            if (available <= 0 && m_plain)
                break;
            m_in.resize(available > 0 ? qMin(available, chunk) : 4096);
            const qint64 n = m_socket->read(m_in.data(), m_in.size());
            if (n <= 0) {
                m_in.clear();
                break;
            }
            m_in.resize(n);
        }
        qsizetype used = 0;
        const auto result = m_parser.feed(QByteArrayView(m_in).sliced(m_inPos), &used);
        m_inPos += used;
        if (!m_readingRequest && !m_parser.isIdle()) {
            m_readingRequest = true;
            m_timer.stop();
        }
        if (result == HttpRequestParser::Result::NeedMore)
            continue;
        if (result == HttpRequestParser::Result::HeadReady) {
            onHead(); // guards, body budget, 100 Continue; may answer at once
            continue;
        }
        if (result == HttpRequestParser::Result::Complete) {
            dispatchCurrent();
            continue; // the loop ends unless the handler answered at once
        }
        const HttpRequestParser::Failure &f = m_parser.failure();
        failAndClose(f.status, f.type, f.message);
        break;
    }
    if (m_inPos >= m_in.size()) {
        m_in.clear();
        m_inPos = 0;
    }
    m_processing = false;
    if (m_socket && !m_closing)
        armTimer();
}

void HttpConnection::onHead()
{
    const HttpRequest &head = m_parser.head();
    m_closeAfterResponse = m_parser.wantsClose();
    m_currentHttp10 = head.http10;
    if (auto refusal = m_server->checkHead(head)) {
        refuse(*refusal);
        return;
    }
    const auto result = m_parser.continueBody();
    if (result == HttpRequestParser::Result::Error) {
        const HttpRequestParser::Failure &f = m_parser.failure();
        failAndClose(f.status, f.type, f.message);
        return;
    }
    if (result == HttpRequestParser::Result::Complete) {
        dispatchCurrent(); // no body
        return;
    }
    if (m_parser.expectsContinue() && !m_currentHttp10)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
}

void HttpConnection::refuse(const HttpGuardRefusal &refusal)
{
    // The body (if any) was never read: the connection cannot carry another request.
    const bool hasBody = m_parser.hasBody();
    const bool head = m_parser.head().method == "HEAD";
    m_parser.reset();
    m_readingRequest = false;
    m_busy = true;
    if (hasBody)
        m_closeAfterResponse = true;
    ++m_serial;
    auto responder = std::make_shared<HttpResponder>(this, m_serial, head);
    m_current = responder;
    responder->send(refusal.status, refusal.body, refusal.contentType, refusal.headers);
}

void HttpConnection::dispatchCurrent()
{
    m_readingRequest = false;
    m_busy = true;
    m_timer.stop();
    ++m_serial;
    HttpRequest request = m_parser.takeRequest();
    request.peerAddress = m_socket->peerAddress();
    request.peerPort = m_socket->peerPort();
    const bool head = request.method == "HEAD";
    auto responder = std::make_shared<HttpResponder>(this, m_serial, head);
    m_current = responder;
    m_server->dispatch(request, responder);
}

bool HttpConnection::writeData(quint64 serial, const QByteArray &data)
{
    if (!m_socket || !isCurrent(serial) || m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    const bool ok = send(data);
    if (!m_socket)
        return false;
    const qint64 pending = TlsServerSocket::pendingBytes(m_socket);
    if (pending > m_server->limits().clientBufferLimit)
        m_backedUp = true;
    if (pending > 0 && !m_writeTimer.isActive())
        m_writeTimer.start(m_server->limits().clientWriteTimeoutMs);
    return ok;
}

bool HttpConnection::send(const QByteArray &data)
{
#ifdef Q_OS_UNIX
    // Plain TCP with nothing queued in Qt: write straight to the (non-blocking) socket. Through
    // QTcpSocket::write() every answer would arm and then disarm the socket's write notifier, two
    // wake-ups of the event loop per answer. Whatever the kernel does not take now is queued in
    // QTcpSocket as before, and everything after it follows through there, so order holds.
    if (m_plain && m_socket->bytesToWrite() == 0) {
        const int fd = int(m_socket->socketDescriptor());
        qsizetype done = 0;
        while (done < data.size()) {
            const ssize_t n = ::send(fd, data.constData() + done, size_t(data.size() - done),
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n > 0) {
                done += qsizetype(n);
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                break;
            onWriteFailed(); // reset or closed by the client
            return false;
        }
        if (done == data.size())
            return true;
        const qint64 rest = data.size() - done;
        return m_socket->write(data.constData() + done, rest) == rest;
    }
#endif
    return m_socket->write(data) == data.size();
}

void HttpConnection::onWriteFailed()
{
    // Not from inside the responder's write: end the connection from the event loop, as
    // QTcpSocket would after a failed write.
    QTimer::singleShot(0, this, [this] {
        if (m_socket)
            abortConnection();
    });
}

qint64 HttpConnection::bytesToWrite() const
{
    return m_socket ? TlsServerSocket::pendingBytes(m_socket) : 0;
}

bool HttpConnection::isBackedUp() const
{
    return m_socket &&
           TlsServerSocket::pendingBytes(m_socket) > m_server->limits().clientBufferLimit;
}

void HttpConnection::onBytesWritten()
{
    if (!m_socket)
        return;
    const qint64 pending = TlsServerSocket::pendingBytes(m_socket);
    // Progress: the stall clock starts again (or stops when everything is out).
    if (pending > 0)
        m_writeTimer.start(m_server->limits().clientWriteTimeoutMs);
    else
        m_writeTimer.stop();
    if (m_closing) {
        shutdownWhenFlushed();
        return;
    }
    if (m_backedUp && pending <= m_server->limits().clientBufferLimit / 2) {
        m_backedUp = false;
        if (auto responder = m_current.lock())
            responder->notifyWritable();
    }
}

void HttpConnection::onWriteStalled()
{
    if (!m_socket || TlsServerSocket::pendingBytes(m_socket) == 0)
        return;
    // The client has not taken a byte for client_write_timeout: give up on it.
    abortConnection();
}

void HttpConnection::finishResponse(quint64 serial, bool closeAfter)
{
    if (!isCurrent(serial))
        return;
    m_busy = false;
    m_current.reset();
    releaseBody();
    if (closeAfter || m_closeAfterResponse) {
        closeConnection();
        return;
    }
    // Resume reading: the next pipelined request may already be buffered.
    if (!m_processing)
        pump();
}

void HttpConnection::failAndClose(int status, const QString &type, const QString &message)
{
    if (!m_socket)
        return;
    // Answer through a responder so framing and headers are written in one place.
    m_readingRequest = false;
    m_busy = true;
    m_closeAfterResponse = true;
    ++m_serial;
    auto responder = std::make_shared<HttpResponder>(this, m_serial, false);
    m_current = responder;
    HttpHeaderList headers;
    if (status == 503)
        headers.append(qMakePair(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")));
    responder->sendError(status, type, message, headers);
}

void HttpConnection::closeConnection()
{
    if (m_closing || !m_socket)
        return;
    m_closing = true;
    m_timer.stop();
    m_busy = true; // accept no further requests
    releaseBody();
    m_in.clear();
    m_inPos = 0;
    // Lingering close: send everything queued (however slowly the client reads; a client that
    // takes nothing at all is cut off by the write timeout), then shut down our side and read
    // until the client closes. Closing with unread input would reset the connection and could
    // destroy the answer (e.g. a 413 sent while the client is still uploading).
    if (qobject_cast<QSslSocket *>(m_socket)) {
        // TLS: never from inside the socket's own read processing (this may run in a handler
        // called from readyRead); QSslSocket is not re-entrant there.
        QMetaObject::invokeMethod(this, &HttpConnection::shutdownWhenFlushed, Qt::QueuedConnection);
        return;
    }
    shutdownWhenFlushed();
}

void HttpConnection::shutdownWhenFlushed()
{
    if (!m_socket || m_shutdownSent)
        return;
    const bool tls = qobject_cast<QSslSocket *>(m_socket) != nullptr;
    if (!tls) // TLS sockets write from the event loop; flushing one here is not safe
        m_socket->flush();
    if (!m_socket || TlsServerSocket::pendingBytes(m_socket) > 0)
        return;
    m_shutdownSent = true;
    if (tls) {
        // TLS: close_notify, then close once the encrypted bytes are out.
        m_socket->disconnectFromHost();
        if (m_socket)
            m_lingerTimer.start(m_server->limits().lingerMs);
        return;
    }
#ifdef Q_OS_UNIX
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
#else
    m_socket->disconnectFromHost();
#endif
    discardInput();
    m_lingerTimer.start(m_server->limits().lingerMs);
}

void HttpConnection::discardInput()
{
    if (!m_socket)
        return;
    char sink[16384];
    while (m_socket->bytesAvailable() > 0) {
        if (m_socket->read(sink, sizeof sink) <= 0)
            break;
    }
}

void HttpConnection::abortConnection()
{
    if (!m_socket)
        return;
    discardInput();
#ifdef Q_OS_UNIX
    // Drain what the kernel already holds so closing does not answer it with a reset.
    if (m_shutdownSent) {
        char sink[16384];
        const int fd = int(m_socket->socketDescriptor());
        for (int i = 0; i < 64 && ::recv(fd, sink, sizeof sink, MSG_DONTWAIT) > 0; ++i) {
        }
    }
#endif
    m_socket->abort();
    onDisconnected();
}

void HttpConnection::shutDown()
{
    QTcpSocket *socket = m_socket;
    if (!socket)
        return;
    onDisconnected(); // detaches from the socket first, so the abort below calls nothing back
    socket->abort();
}

void HttpConnection::onDisconnected()
{
    if (!m_socket)
        return;
    m_timer.stop();
    m_writeTimer.stop();
    m_lingerTimer.stop();
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->deleteLater();
    releaseBody();
    if (auto responder = m_current.lock()) {
        m_current.reset();
        responder->notifyDisconnected();
    }
    m_server->connectionClosed(this);
}
