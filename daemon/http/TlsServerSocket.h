// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslSocket>
#include <QTimer>

// The server side of one TLS connection. It waits for the client's first bytes: a TLS
// handshake record starts the handshake; a plain-HTTP request gets a short plain-text 400 that
// says to use https (nginx does the same) and the connection is closed; anything else is
// dropped. A handshake that fails or does not finish within the timeout aborts the socket, so
// the connection ends through the ordinary disconnect path. Until encrypted() the socket holds
// no request bytes for its reader: readers check isReadyForHttp() on readyRead.
// (Not QSslServer, new in Qt 6.4: it creates its sockets on the accepting thread and hands them
// out through nextPendingConnection(), whereas HttpServer passes raw descriptors to worker
// threads; a socket made on the worker from the descriptor needs no thread hand-over.)
class TlsServerSocket : public QSslSocket
{
    Q_OBJECT
public:
    TlsServerSocket(const QSslConfiguration &configuration, int handshakeTimeoutMs,
                    QObject *parent = nullptr);

    // Helpers for code that holds a QTcpSocket that may be TLS.
    // True when request bytes may be read: a plain socket, or a TLS one after the handshake.
    static bool isReadyForHttp(const QTcpSocket *socket);
    // Bytes not yet on the wire: for TLS both the plaintext and the encrypted queue.
    static qint64 pendingBytes(const QTcpSocket *socket);

private:
    void onFirstBytes();
    void onError(QAbstractSocket::SocketError error);
    void refusePlainHttp();

    QTimer m_handshakeTimer;
    bool m_started = false;
};
