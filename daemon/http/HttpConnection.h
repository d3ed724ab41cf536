// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/LazyTimer.h"
#include "http/HttpRequestParser.h"
#include "http/HttpResponder.h"
#include "http/HttpServer.h"

#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <memory>

class QTcpSocket;

// One client connection. It only moves bytes: what it reads goes through an
// HttpRequestParser, a complete request goes to the server, and answers from the request's
// responder go to the socket. One request at a time (pipelined requests are answered in
// order); while a request is being answered nothing more is read from the socket, so its read
// buffer (HttpServerLimits::readBufferBytes) bounds what a client can push meanwhile.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(qintptr socketDescriptor, const QHostAddress &peer, HttpServer *server,
                   QObject *parent);
    ~HttpConnection() override;

    // Ends the connection now, as if the client had gone: the disconnect handler of a request
    // being answered runs (a relayed call ends and is recorded). For shutting down.
    void shutDown();

    bool isValid() const { return m_socket != nullptr; }
    // The address counted against the per-address cap.
    const QHostAddress &peer() const { return m_peer; }

    // Used by HttpResponder; each call names the request it answers.
    bool writeData(quint64 serial, const QByteArray &data);
    void finishResponse(quint64 serial, bool closeAfter);
    qint64 bytesToWrite() const;
    bool isBackedUp() const;
    bool isCurrent(quint64 serial) const { return m_busy && serial == m_serial; }
    bool currentWantsClose() const { return m_closeAfterResponse; }
    bool currentIsHttp10() const { return m_currentHttp10; }

private:
    void onReadyRead();
    void onBytesWritten();
    void onDisconnected();
    void onTimeout();
    void onWriteStalled();
    void pump();
    bool send(const QByteArray &data);
    void onWriteFailed();
    void onHead();
    void dispatchCurrent();
    void failAndClose(int status, const QString &type, const QString &message);
    void refuse(const HttpGuardRefusal &refusal);
    void armTimer();
    void closeConnection();
    void shutdownWhenFlushed();
    void discardInput();
    void abortConnection();
    void releaseBody();

    HttpServer *m_server;
    QTcpSocket *m_socket = nullptr;
    QHostAddress m_peer;
    HttpRequestParser m_parser;
    LazyTimer m_timer;   // idle / request timeout: moved after every answer, so lazy
    QTimer m_writeTimer; // no progress on queued bytes
    QTimer m_lingerTimer;
    QByteArray m_in; // read from the socket, not yet given to the parser (from m_inPos)
    qsizetype m_inPos = 0;
    bool m_plain = false; // not TLS: answers go to the kernel with send(2) when nothing is queued
    qint64 m_reservedBody = 0; // bytes of the server's body budget held by this connection
    bool m_busy = false;
    bool m_processing = false;
    bool m_closing = false;
    bool m_shutdownSent = false;
    bool m_backedUp = false;
    bool m_closeAfterResponse = false;
    bool m_currentHttp10 = false;
    bool m_readingRequest = false;
    quint64 m_serial = 0;
    std::weak_ptr<HttpResponder> m_current;
};
