// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpResponder.h"

#include <QHostAddress>
#include <QSet>
#include <QTcpServer>

// Limits that protect the daemon from slow, large or too many clients.
struct HttpServerLimits
{
    qint64 maxBodyBytes = 32LL * 1024 * 1024; // 413 above this
    int maxHeaderBytes = 64 * 1024;           // 431 above this
    int maxConnections = 4096;                // 503 and close above this
    int idleTimeoutMs = 60 * 1000;            // keep-alive connection with no request
    int requestTimeoutMs = 30 * 1000;         // a started request must fully arrive in this time
};

// A small HTTP/1.1 server on QTcpServer: keep-alive, pipelining answered in order, chunked
// request bodies, Expect: 100-continue, and the limits above. Single-threaded: every handler
// runs on the thread that owns the server.
class HttpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setLimits(const HttpServerLimits &limits) { m_limits = limits; }
    const HttpServerLimits &limits() const { return m_limits; }
    void setHandler(HttpHandler handler) { m_handler = std::move(handler); }

    int connectionCount() const { return m_connections.size(); }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class HttpConnection;
    void connectionClosed(HttpConnection *connection);
    void dispatch(const HttpRequest &request, const HttpResponderPtr &responder);

    HttpServerLimits m_limits;
    HttpHandler m_handler;
    QSet<HttpConnection *> m_connections;
};
