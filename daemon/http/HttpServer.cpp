// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpServer.h"

#include "http/HttpConnection.h"
#include "http/TlsContext.h"
#include "http/TlsServerSocket.h"

#include <QMutexLocker>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

HttpServer::HttpServer(QObject *parent) : QTcpServer(parent) {}

HttpServer::~HttpServer()
{
    close();
    stopWorkers();
    // Connections served on this thread are children; their responders see the end first.
    QMutexLocker lock(&m_mutex);
    const auto connections = m_connections;
    m_connections.clear();
    lock.unlock();
    qDeleteAll(connections);
}

void HttpServer::setWorkerThreads(int count)
{
    stopWorkers();
    for (int i = 0; i < count; ++i) {
        auto *worker = new Worker;
        worker->thread = new QThread;
        worker->thread->setObjectName(QStringLiteral("http-%1").arg(i));
        worker->home = new QObject;
        worker->home->moveToThread(worker->thread);
        worker->thread->start();
        m_workers.append(worker);
    }
}

void HttpServer::stopWorkers()
{
    for (Worker *worker : std::as_const(m_workers)) {
        // Delete the connections (children of `home`) on their own thread, then end it.
        QObject *home = worker->home;
        QMetaObject::invokeMethod(
            home,
            [this, home] {
                const auto children =
                    home->findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
                QMutexLocker lock(&m_mutex);
                for (HttpConnection *c : children)
                    m_connections.remove(c);
                lock.unlock();
                delete home;
            },
            Qt::BlockingQueuedConnection);
        worker->thread->quit();
        worker->thread->wait();
        delete worker->thread;
        delete worker;
    }
    m_workers.clear();
}

QTcpSocket *HttpServer::createSocket(qintptr socketDescriptor, QObject *parent) const
{
    QTcpSocket *socket = nullptr;
    if (m_tls)
        socket = new TlsServerSocket(m_tls->configuration(), m_limits.requestTimeoutMs, parent);
    else
        socket = new QTcpSocket(parent);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return nullptr;
    }
    return socket;
}

void HttpServer::incomingConnection(qintptr socketDescriptor)
{
    if (m_connectionCount.load() >= m_limits.maxConnections) {
        // Over the cap: answer 503 and close rather than letting the kernel queue grow.
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(socketDescriptor)) {
            delete socket;
            return;
        }
        if (m_tls) {
            // No handshake for a connection we will not serve: just close it.
            socket->abort();
            delete socket;
            return;
        }
        static const QByteArray body =
            R"({"error":{"type":"overloaded","message":"Too many open connections; retry shortly."}})";
        socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                      "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(2000, socket, &QObject::deleteLater);
        return;
    }
    ++m_connectionCount;
    if (m_workers.isEmpty()) {
        auto *connection = new HttpConnection(socketDescriptor, this, this);
        if (!connection->isValid()) {
            --m_connectionCount;
            delete connection;
            return;
        }
        QMutexLocker lock(&m_mutex);
        m_connections.insert(connection);
        return;
    }
    // The worker with the fewest connections (ties: rotate) takes it.
    Worker *chosen = m_workers.at(m_nextWorker % m_workers.size());
    for (int i = 1; i < m_workers.size(); ++i) {
        Worker *w = m_workers.at((m_nextWorker + i) % m_workers.size());
        if (w->connections.load() < chosen->connections.load())
            chosen = w;
    }
    m_nextWorker = (m_nextWorker + 1) % m_workers.size();
    ++chosen->connections;
    QMetaObject::invokeMethod(
        chosen->home,
        [this, chosen, socketDescriptor] {
            auto *connection = new HttpConnection(socketDescriptor, this, chosen->home);
            if (!connection->isValid()) {
                --chosen->connections;
                --m_connectionCount;
                delete connection;
                return;
            }
            connection->setProperty("aicarpoolWorker", QVariant::fromValue<void *>(chosen));
            QMutexLocker lock(&m_mutex);
            m_connections.insert(connection);
        },
        Qt::QueuedConnection);
}

void HttpServer::connectionClosed(HttpConnection *connection)
{
    QMutexLocker lock(&m_mutex);
    if (!m_connections.remove(connection))
        return;
    lock.unlock();
    --m_connectionCount;
    if (auto *worker =
            static_cast<Worker *>(connection->property("aicarpoolWorker").value<void *>()))
        --worker->connections;
    connection->deleteLater();
}

void HttpServer::dispatch(const HttpRequest &request, const HttpResponderPtr &responder)
{
    if (m_handler)
        m_handler(request, responder);
    else
        responder->sendError(404, QStringLiteral("not_found"), QStringLiteral("No handler."));
}
