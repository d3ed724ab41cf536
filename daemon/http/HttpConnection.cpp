// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpConnection.h"

#include "http/TlsServerSocket.h"

#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace {

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

QByteArray toLowerAscii(QByteArray s)
{
    for (char &c : s) {
        if (c >= 'A' && c <= 'Z')
            c = char(c + 32);
    }
    return s;
}

bool headerHasToken(const QByteArray &value, const QByteArray &token)
{
    const QList<QByteArray> parts = value.split(',');
    for (const QByteArray &p : parts) {
        if (p.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

HttpConnection::HttpConnection(qintptr socketDescriptor, HttpServer *server, QObject *parent)
    : QObject(parent), m_server(server)
{
    m_socket = server->createSocket(socketDescriptor, this); // TLS when the server has it
    if (!m_socket)
        return;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    // Flow control for streamed answers: tell the responder when its backlog has drained.
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this](qint64) {
        if (auto responder = m_current.lock())
            responder->notifyBytesWritten(bytesToWrite());
    });
    // A reset or other socket error ends the connection like a disconnect.
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket && m_socket->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });
    armTimer();
}

HttpConnection::~HttpConnection() = default;

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
        m_socket->readAll(); // discard: we are closing this connection
        return;
    }
    m_in.append(m_socket->readAll());
    if (!m_busy)
        processInput();
}

void HttpConnection::processInput()
{
    if (m_processing)
        return;
    m_processing = true;
    while (!m_busy && !m_closing && m_socket) {
        if (m_state == State::Head) {
            if (m_in.isEmpty())
                break;
            if (!m_readingRequest) {
                m_readingRequest = true;
                m_timer.stop();
            }
            // Tolerate stray CRLFs between requests (RFC 9112 2.2).
            while (m_in.startsWith("\r\n"))
                m_in.remove(0, 2);
            const qsizetype from = qMax<qsizetype>(0, m_scanFrom - 3);
            const qsizetype end = m_in.indexOf("\r\n\r\n", from);
            if (end < 0) {
                if (m_in.size() > m_server->limits().maxHeaderBytes) {
                    failAndClose(431, QStringLiteral("request_header_too_large"),
                                 QStringLiteral("The request headers are larger than %1 bytes.")
                                     .arg(m_server->limits().maxHeaderBytes));
                    break;
                }
                m_scanFrom = m_in.size();
                break;
            }
            m_scanFrom = 0;
            if (end + 4 > m_server->limits().maxHeaderBytes) {
                failAndClose(431, QStringLiteral("request_header_too_large"),
                             QStringLiteral("The request headers are larger than %1 bytes.")
                                 .arg(m_server->limits().maxHeaderBytes));
                break;
            }
            if (!parseHead(end))
                break;
            m_in.remove(0, end + 4);
            continue;
        }
        if (!readBody())
            break;
    }
    m_processing = false;
    if (m_socket && !m_closing)
        armTimer();
}

bool HttpConnection::parseHead(qsizetype headEnd)
{
    m_request = HttpRequest();
    m_request.peerAddress = m_socket->peerAddress();
    m_request.peerPort = m_socket->peerPort();
    const QByteArrayView head(m_in.constData(), headEnd);

    qsizetype lineEnd = head.indexOf("\r\n");
    if (lineEnd < 0)
        lineEnd = head.size();
    const QByteArrayView requestLine = head.first(lineEnd);
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = requestLine.lastIndexOf(' ');
    if (sp1 <= 0 || sp2 <= sp1) {
        failAndClose(400, QStringLiteral("invalid_request"),
                     QStringLiteral("Malformed HTTP request line."));
        return false;
    }
    m_request.method = requestLine.first(sp1).toByteArray();
    m_request.target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1).toByteArray();
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (version == "HTTP/1.1") {
        m_request.http10 = false;
    } else if (version == "HTTP/1.0") {
        m_request.http10 = true;
    } else {
        failAndClose(505, QStringLiteral("http_version_not_supported"),
                     QStringLiteral("Only HTTP/1.0 and HTTP/1.1 are supported."));
        return false;
    }
    for (char c : std::as_const(m_request.method)) {
        if (!isTokenChar(c)) {
            failAndClose(400, QStringLiteral("invalid_request"),
                         QStringLiteral("Malformed HTTP method."));
            return false;
        }
    }
    if (!m_request.target.startsWith('/')) {
        // Absolute-form targets are for proxies; this is an origin server.
        failAndClose(400, QStringLiteral("invalid_request"),
                     QStringLiteral("The request target must be a path starting with '/'."));
        return false;
    }
    const qsizetype q = m_request.target.indexOf('?');
    if (q >= 0) {
        m_request.path = m_request.target.left(q);
        m_request.query = m_request.target.mid(q + 1);
    } else {
        m_request.path = m_request.target;
    }

    qsizetype pos = lineEnd + 2;
    qint64 contentLength = -1;
    bool chunked = false;
    bool expectContinue = false;
    bool connClose = m_request.http10;
    m_request.headers.reserve(16);
    while (pos < head.size()) {
        qsizetype e = head.indexOf("\r\n", pos);
        if (e < 0)
            e = head.size();
        const QByteArrayView line = head.sliced(pos, e - pos);
        pos = e + 2;
        if (line.isEmpty())
            continue;
        if (line.front() == ' ' || line.front() == '\t') {
            failAndClose(400, QStringLiteral("invalid_request"),
                         QStringLiteral("Folded header lines are not accepted."));
            return false;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            failAndClose(400, QStringLiteral("invalid_request"),
                         QStringLiteral("Malformed header line."));
            return false;
        }
        QByteArray name = toLowerAscii(line.first(colon).toByteArray());
        for (char c : std::as_const(name)) {
            if (!isTokenChar(c)) {
                failAndClose(400, QStringLiteral("invalid_request"),
                             QStringLiteral("Malformed header name."));
                return false;
            }
        }
        QByteArray value = line.sliced(colon + 1).toByteArray().trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < 0 || (contentLength >= 0 && contentLength != n)) {
                failAndClose(400, QStringLiteral("invalid_request"),
                             QStringLiteral("Invalid Content-Length header."));
                return false;
            }
            contentLength = n;
        } else if (name == "transfer-encoding") {
            if (!headerHasToken(value, "chunked")) {
                failAndClose(501, QStringLiteral("not_implemented"),
                             QStringLiteral("Only the chunked transfer coding is supported."));
                return false;
            }
            chunked = true;
        } else if (name == "expect") {
            if (value.compare("100-continue", Qt::CaseInsensitive) != 0) {
                failAndClose(417, QStringLiteral("expectation_failed"),
                             QStringLiteral("Only 'Expect: 100-continue' is supported."));
                return false;
            }
            expectContinue = true;
        } else if (name == "connection") {
            if (headerHasToken(value, "close"))
                connClose = true;
            else if (headerHasToken(value, "keep-alive"))
                connClose = false;
        }
        m_request.headers.append({std::move(name), std::move(value)});
    }

    m_closeAfterResponse = connClose;
    m_currentHttp10 = m_request.http10;
    m_sentContinue = false;
    const qint64 maxBody = m_server->limits().maxBodyBytes;
    if (chunked) {
        // A message with both framings is a smuggling risk: use chunked and close afterwards.
        if (contentLength >= 0)
            m_closeAfterResponse = true;
        m_state = State::ChunkSize;
    } else if (contentLength > 0) {
        if (contentLength > maxBody) {
            // Refuse before reading (or buffering) the body.
            failAndClose(413, QStringLiteral("request_too_large"),
                         QStringLiteral("The request body is %1 bytes; the limit is %2 bytes.")
                             .arg(contentLength)
                             .arg(maxBody));
            return false;
        }
        m_bodyRemaining = contentLength;
        m_request.body.reserve(contentLength);
        m_state = State::Body;
    } else {
        m_state = State::Body;
        m_bodyRemaining = 0;
    }
    if (expectContinue && (chunked || contentLength > 0) && !m_request.http10) {
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        m_sentContinue = true;
    }
    return true;
}

bool HttpConnection::readBody()
{
    const qint64 maxBody = m_server->limits().maxBodyBytes;
    for (;;) {
        switch (m_state) {
        case State::Head:
            return true;
        case State::Body: {
            const qint64 take = qMin<qint64>(m_bodyRemaining, m_in.size());
            if (take > 0) {
                m_request.body.append(m_in.constData(), take);
                m_in.remove(0, take);
                m_bodyRemaining -= take;
            }
            if (m_bodyRemaining > 0)
                return false;
            m_state = State::Head;
            dispatchCurrent();
            return true;
        }
        case State::ChunkSize: {
            const qsizetype e = m_in.indexOf("\r\n");
            if (e < 0) {
                if (m_in.size() > 1024) {
                    failAndClose(400, QStringLiteral("invalid_request"),
                                 QStringLiteral("Malformed chunked request body."));
                }
                return false;
            }
            QByteArray sizeLine = m_in.left(e);
            const qsizetype semi = sizeLine.indexOf(';');
            if (semi >= 0)
                sizeLine.truncate(semi);
            bool ok = false;
            const qint64 size = sizeLine.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                failAndClose(400, QStringLiteral("invalid_request"),
                             QStringLiteral("Malformed chunked request body."));
                return false;
            }
            m_in.remove(0, e + 2);
            if (size == 0) {
                m_state = State::ChunkTrailer;
                break;
            }
            if (m_request.body.size() + size > maxBody) {
                failAndClose(
                    413, QStringLiteral("request_too_large"),
                    QStringLiteral("The request body exceeds the limit of %1 bytes.").arg(maxBody));
                return false;
            }
            m_bodyRemaining = size;
            m_state = State::ChunkData;
            break;
        }
        case State::ChunkData: {
            if (m_bodyRemaining > 0) {
                const qint64 take = qMin<qint64>(m_bodyRemaining, m_in.size());
                m_request.body.append(m_in.constData(), take);
                m_in.remove(0, take);
                m_bodyRemaining -= take;
                if (m_bodyRemaining > 0)
                    return false;
            }
            if (m_in.size() < 2)
                return false;
            if (!m_in.startsWith("\r\n")) {
                failAndClose(400, QStringLiteral("invalid_request"),
                             QStringLiteral("Malformed chunked request body."));
                return false;
            }
            m_in.remove(0, 2);
            m_state = State::ChunkSize;
            break;
        }
        case State::ChunkTrailer: {
            // Trailer fields are read and ignored up to the empty line.
            const qsizetype e = m_in.indexOf("\r\n");
            if (e < 0) {
                if (m_in.size() > m_server->limits().maxHeaderBytes)
                    failAndClose(431, QStringLiteral("request_header_too_large"),
                                 QStringLiteral("The request trailer is too large."));
                return false;
            }
            m_in.remove(0, e + 2);
            if (e == 0) {
                m_state = State::Head;
                dispatchCurrent();
                return true;
            }
            break;
        }
        }
    }
}

void HttpConnection::dispatchCurrent()
{
    m_readingRequest = false;
    m_busy = true;
    m_timer.stop();
    ++m_serial;
    const bool head = m_request.method == "HEAD";
    auto responder = std::make_shared<HttpResponder>(this, m_serial, head);
    m_current = responder;
    const HttpRequest request = std::move(m_request);
    m_request = HttpRequest();
    m_server->dispatch(request, responder);
}

bool HttpConnection::writeData(quint64 serial, const QByteArray &data)
{
    if (!m_socket || !isCurrent(serial) || m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    return m_socket->write(data) == data.size();
}

qint64 HttpConnection::bytesToWrite() const
{
    return m_socket ? TlsServerSocket::pendingBytes(m_socket) : 0;
}

void HttpConnection::finishResponse(quint64 serial, bool closeAfter)
{
    if (!isCurrent(serial))
        return;
    m_busy = false;
    m_current.reset();
    if (closeAfter || m_closeAfterResponse) {
        closeConnection();
        return;
    }
    if (!m_processing) {
        processInput();
    }
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
    responder->sendError(status, type, message);
}

void HttpConnection::closeConnection()
{
    if (m_closing || !m_socket)
        return;
    m_closing = true;
    m_timer.stop();
    m_busy = true; // accept no further requests
    // Lingering close: send what is queued, then shut down our side and read until the client
    // closes. Closing with unread input would reset the connection and could destroy the
    // response (e.g. a 413 sent while the client is still uploading).
    auto shutdownWrite = [this] {
        if (!m_socket)
            return;
        m_socket->flush(); // TLS: may find the peer gone and end the connection right here
        if (!m_socket || m_socket->bytesToWrite() > 0)
            return;
        if (qobject_cast<QSslSocket *>(m_socket)) {
            // TLS: close_notify, then close once the encrypted bytes are out.
            m_socket->disconnectFromHost();
            return;
        }
#ifdef Q_OS_UNIX
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
#else
        m_socket->disconnectFromHost();
#endif
    };
    connect(m_socket, &QTcpSocket::bytesWritten, this, shutdownWrite);
    shutdownWrite();
    QTimer::singleShot(2000, this, [this] {
        if (m_socket)
            m_socket->abort();
    });
}

void HttpConnection::onDisconnected()
{
    if (!m_socket)
        return;
    m_timer.stop();
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->deleteLater();
    if (auto responder = m_current.lock()) {
        m_current.reset();
        responder->notifyDisconnected();
    }
    m_server->connectionClosed(this);
}
