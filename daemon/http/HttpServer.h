// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpResponder.h"
#include "http/HttpRouteOptions.h"

#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QTcpServer>

#include <atomic>
#include <memory>

class QThread;
class QTcpSocket;
class TlsContext;
class CoreSpreader;

// Limits that protect the daemon from slow, large or too many clients.
struct HttpServerLimits
{
    qint64 maxBodyBytes = 32LL * 1024 * 1024; // 413 above this
    int maxHeaderBytes = 64 * 1024;           // 431 above this
    int maxConnections = 4096;                // 503 and close above this
    int maxConnectionsPerAddress = 64;        // 503 and close above this; 0 = no cap
    int idleTimeoutMs = 60 * 1000;            // keep-alive connection with no request
    int requestTimeoutMs = 30 * 1000;         // a started request must fully arrive in this time
    // Request bodies being received or held by requests in progress, over all connections;
    // a request whose body does not fit gets 503.
    qint64 maxInflightBodyBytes = 256LL * 1024 * 1024;
    // Bytes queued for one client above which its responder reports isBackedUp().
    qint64 clientBufferLimit = 1024 * 1024;
    // A connection whose queued bytes make no progress this long is aborted.
    int clientWriteTimeoutMs = 300 * 1000;
    // After the last byte of a "Connection: close" answer is handed to the kernel, how long
    // to wait for the client to close before closing anyway.
    int lingerMs = 10 * 1000;
    // What one connection reads ahead from its socket; it reads nothing while a request is
    // being answered, so a client cannot push more than this into the daemon's memory.
    qint64 readBufferBytes = 64 * 1024;
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
    // Runs for every request head before its body is read (e.g. HttpRouter::checkHead).
    void setHeadGuard(HttpHeadGuard guard) { m_headGuard = std::move(guard); }
    // Call before listen(); 0 serves every connection on the server's own thread. With
    // spreadOverCores (Linux), a worker that finds a sibling waiting behind it on its core moves
    // that sibling to another core (see CoreSpreader).
    void setWorkerThreads(int count, bool spreadOverCores = false);
    // How many times a worker was moved off a core by a sibling.
    quint64 workerMoves() const;

    // Call before listen(): with a context every connection speaks TLS (HTTPS only), each new
    // one with the context's configuration at the time it is accepted.
    void setTls(std::shared_ptr<const TlsContext> tls) { m_tls = std::move(tls); }
    bool isTls() const { return m_tls != nullptr; }
    // The socket for an accepted connection, on the thread that will serve it: a QSslSocket
    // that runs the server handshake when TLS is on, else a plain QTcpSocket. nullptr if the
    // descriptor cannot be taken.
    QTcpSocket *createSocket(qintptr socketDescriptor, QObject *parent) const;
    int workerThreads() const { return m_workers.size(); }

    // Stops listening, ends every connection as if its client had gone (handlers see the
    // disconnect), and ends the worker threads. Call on the server's thread; the destructor
    // does it too. Serves nothing afterwards.
    void shutDown();

    int connectionCount() const { return m_connectionCount.load(); }
    qint64 inflightBodyBytes() const { return m_inflightBody.load(); }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    friend class HttpConnection;
    void connectionClosed(HttpConnection *connection);
    void dispatch(const HttpRequest &request, const HttpResponderPtr &responder);
    std::optional<HttpGuardRefusal> checkHead(const HttpRequest &head) const;
    bool reserveBody(qint64 bytes);
    void releaseBody(qint64 bytes);
    void refuseConnection(qintptr socketDescriptor, const QByteArray &message);
    void forgetAddress(const QHostAddress &address);

    void stopWorkers();

    struct Worker
    {
        QThread *thread = nullptr;
        QObject *home = nullptr; // lives in `thread`; parent of its connections
        std::atomic<int> connections{0};
    };

    HttpServerLimits m_limits;
    std::shared_ptr<const TlsContext> m_tls;
    HttpHandler m_handler;
    HttpHeadGuard m_headGuard;
    QMutex m_mutex; // guards m_connections and m_perAddress
    QSet<HttpConnection *> m_connections;
    QHash<QHostAddress, int> m_perAddress;
    std::atomic<qint64> m_inflightBody{0};
    std::atomic<int> m_connectionCount{0};
    QList<Worker *> m_workers;
    int m_nextWorker = 0;
    std::unique_ptr<CoreSpreader> m_spreader;
};
