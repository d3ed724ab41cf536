// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpResponder.h"

#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QTcpServer>

#include <atomic>
#include <memory>

class QThread;
class TlsContext;

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
// request bodies, Expect: 100-continue, and the limits above. Connections are accepted on the
// server's thread and served either there or, with setWorkerThreads(n), spread over n threads
// of their own; a handler runs on the thread that serves its connection, so handlers must be
// thread-safe when workers are used.
class HttpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setLimits(const HttpServerLimits &limits) { m_limits = limits; }
    const HttpServerLimits &limits() const { return m_limits; }
    void setHandler(HttpHandler handler) { m_handler = std::move(handler); }
    // Call before listen(); 0 serves every connection on the server's own thread.
    void setWorkerThreads(int count);
    int workerThreads() const { return m_workers.size(); }

    int connectionCount() const { return m_connectionCount.load(); }

    // Call before listen(): with a context every connection speaks TLS (HTTPS only), each new
    // one with the context's configuration at the time it is accepted.
    void setTls(std::shared_ptr<const TlsContext> tls) { m_tls = std::move(tls); }
    bool isTls() const { return m_tls != nullptr; }
    // The socket for an accepted connection, on the thread that will serve it: a QSslSocket
    // that runs the server handshake when TLS is on, else a plain QTcpSocket. nullptr if the
    // descriptor cannot be taken.
    QTcpSocket *createSocket(qintptr socketDescriptor, QObject *parent) const;

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class HttpConnection;
    void connectionClosed(HttpConnection *connection);
    void dispatch(const HttpRequest &request, const HttpResponderPtr &responder);

    void stopWorkers();

    struct Worker
    {
        QThread *thread = nullptr;
        QObject *home = nullptr; // lives in `thread`; parent of its connections
        std::atomic<int> connections{0};
    };

    HttpServerLimits m_limits;
    HttpHandler m_handler;
    std::shared_ptr<const TlsContext> m_tls;
    QMutex m_mutex; // guards m_connections
    QSet<HttpConnection *> m_connections;
    std::atomic<int> m_connectionCount{0};
    QList<Worker *> m_workers;
    int m_nextWorker = 0;
};
