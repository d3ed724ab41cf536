// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/TlsServerSocket.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcTls, "aicarpool.tls", QtInfoMsg)

namespace {
constexpr char TlsHandshakeRecord = 0x16;
} // namespace

TlsServerSocket::TlsServerSocket(const QSslConfiguration &configuration, int handshakeTimeoutMs,
                                 QObject *parent)
    : QSslSocket(parent)
{
    setSslConfiguration(configuration);
    // Connected before any reader: this slot sees the first bytes first.
    connect(this, &QSslSocket::readyRead, this, &TlsServerSocket::onFirstBytes);
    connect(this, &QSslSocket::encrypted, this, [this] { m_handshakeTimer.stop(); });
    connect(this, &QSslSocket::errorOccurred, this, &TlsServerSocket::onError);
    m_handshakeTimer.setSingleShot(true);
    connect(&m_handshakeTimer, &QTimer::timeout, this, [this] {
        if (!isEncrypted()) {
            qCDebug(lcTls) << "TLS handshake timed out; closing";
            abort();
        }
    });
    m_handshakeTimer.start(handshakeTimeoutMs);
}

bool TlsServerSocket::isReadyForHttp(const QTcpSocket *socket)
{
    const auto *tls = qobject_cast<const QSslSocket *>(socket);
    return !tls || tls->isEncrypted();
}

qint64 TlsServerSocket::pendingBytes(const QTcpSocket *socket)
{
    if (const auto *tls = qobject_cast<const QSslSocket *>(socket))
        return tls->bytesToWrite() + tls->encryptedBytesToWrite();
    return socket->bytesToWrite();
}

void TlsServerSocket::onFirstBytes()
{
    if (m_started)
        return;
    char first = 0;
    // Before startServerEncryption() peek() looks at the raw bytes without taking them.
    if (peek(&first, 1) != 1)
        return;
    m_started = true;
    disconnect(this, &QSslSocket::readyRead, this, &TlsServerSocket::onFirstBytes);
    if (first == TlsHandshakeRecord) {
        startServerEncryption();
        return;
    }
    if (first >= 'A' && first <= 'Z') {
        refusePlainHttp();
        return;
    }
    qCDebug(lcTls) << "not a TLS handshake; closing";
    abort();
}

void TlsServerSocket::refusePlainHttp()
{
    static const QByteArray body = R"({"error":{"type":"invalid_request","message":"This port )"
                                   R"(speaks HTTPS only; use an https:// URL."}})";
    qCDebug(lcTls) << "plain HTTP on the TLS port; answering 400 and closing";
    m_handshakeTimer.stop();
    readAll(); // what the client sent so far, so closing does not reset the connection
    write("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n"
          "Content-Length: " +
          QByteArray::number(body.size()) + "\r\n\r\n" + body);
    disconnectFromHost();
    // A client that keeps the connection open is cut off after the handshake timeout.
    QTimer::singleShot(2000, this, [this] { abort(); });
}

void TlsServerSocket::onError(QAbstractSocket::SocketError error)
{
    if (isEncrypted() || state() == QAbstractSocket::UnconnectedState)
        return;
    // A failed handshake (a client that refuses our protocol versions, a scanner, ...): these
    // are routine on a public port, so only at debug level.
    qCDebug(lcTls).noquote() << "TLS handshake failed:" << int(error) << errorString();
    // Qt has queued the TLS alert that tells the client why (e.g. protocol_version): close once
    // Qt's error handling is done, which sends the queued bytes first. The handshake timer
    // still aborts a client that never closes its side.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (state() == QAbstractSocket::ConnectedState && !isEncrypted())
                disconnectFromHost();
        },
        Qt::QueuedConnection);
}
