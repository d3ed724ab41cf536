// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpServer.h"

#include "base/CoreSpreader.h"
#include "http/HttpConnection.h"
#include "http/TlsContext.h"
#include "http/TlsServerSocket.h"

#include <QMutexLocker>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

HttpServer::HttpServer(QObject *parent) : QTcpServer(parent) {}

HttpServer::~HttpServer()
{
    shutDown();
}

void HttpServer::shutDown()
{
    close();
    stopWorkers();
    // Connections served on this thread: each ends as if its client had gone, then goes.
    QMutexLocker lock(&m_mutex);
    const auto connections = m_connections;
    lock.unlock();
    for (HttpConnection *c : connections)
        c->shutDown();
    lock.relock();
    m_connections.clear();
    lock.unlock();
    qDeleteAll(connections);
}

void HttpServer::setWorkerThreads(int count, bool spreadOverCores)
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
    if (spreadOverCores && count >= 2) {
        m_spreader = std::make_unique<CoreSpreader>(count);
        bool attached = true;
        for (int i = 0; i < count; ++i)
            QMetaObject::invokeMethod(
                m_workers.at(i)->home,
                [this, i, &attached] { attached = m_spreader->attachCurrentThread(i) && attached; },
                Qt::BlockingQueuedConnection);
        if (!attached)
            qInfo("spread_workers has no effect here (not Linux, no /proc, or fewer usable CPU "
                  "cores than the %d HTTP threads): the kernel alone places them",
                  count);
    }
}

quint64 HttpServer::workerMoves() const
{
    return m_spreader ? m_spreader->moves() : 0;
}

void HttpServer::stopWorkers()
{
    int index = 0;
    for (Worker *worker : std::as_const(m_workers)) {
        // Leave the spreader, then delete the connections (children of `home`) on their own
        // thread, then end it.
        QObject *home = worker->home;
        QMetaObject::invokeMethod(
            home,
            [this, home, index] {
                if (m_spreader)
                    m_spreader->detachCurrentThread(index);
                const auto children =
                    home->findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
                // Each ends as if its client had gone (a call in flight is recorded), then
                // goes with `home`.
                for (HttpConnection *c : children)
                    c->shutDown();
                QMutexLocker lock(&m_mutex);
                for (HttpConnection *c : children)
                    m_connections.remove(c);
                lock.unlock();
                delete home;
            },
            Qt::BlockingQueuedConnection);
        ++index;
        worker->thread->quit();
        worker->thread->wait();
        delete worker->thread;
        delete worker;
    }
    m_workers.clear();
    m_spreader.reset();
}

namespace {

QHostAddress peerOf(qintptr socketDescriptor)
{
#ifdef Q_OS_UNIX
    sockaddr_storage storage{};
    socklen_t length = sizeof(storage);
    if (::getpeername(int(socketDescriptor), reinterpret_cast<sockaddr *>(&storage), &length) == 0)
        return QHostAddress(reinterpret_cast<const sockaddr *>(&storage));
#else
    Q_UNUSED(socketDescriptor);
#endif
    return {};
}

} // namespace

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

void HttpServer::refuseConnection(qintptr socketDescriptor, const QByteArray &message)
{
    // Answer 503 and close rather than letting the kernel queue grow.
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
    const QByteArray body = R"({"error":{"type":"overloaded","message":")" + message + R"("}})";
    socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                  "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(2000, socket, &QObject::deleteLater);
}

void HttpServer::incomingConnection(qintptr socketDescriptor)
{
    if (m_connectionCount.load() >= m_limits.maxConnections) {
        refuseConnection(socketDescriptor, "Too many open connections; retry shortly.");
        return;
    }
    const QHostAddress peer = peerOf(socketDescriptor);
    if (m_limits.maxConnectionsPerAddress > 0) {
        QMutexLocker lock(&m_mutex);
        int &count = m_perAddress[peer];
        if (count >= m_limits.maxConnectionsPerAddress) {
            if (count == 0)
                m_perAddress.remove(peer);
            lock.unlock();
            refuseConnection(socketDescriptor,
                             "Too many open connections from your address (the limit is " +
                                 QByteArray::number(m_limits.maxConnectionsPerAddress) +
                                 "); close idle connections or reuse them, then retry.");
            return;
        }
        ++count;
    }
    ++m_connectionCount;
    if (m_workers.isEmpty()) {
        auto *connection = new HttpConnection(socketDescriptor, peer, this, this);
        if (!connection->isValid()) {
            --m_connectionCount;
            forgetAddress(peer);
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
        [this, chosen, socketDescriptor, peer] {
            auto *connection = new HttpConnection(socketDescriptor, peer, this, chosen->home);
            if (!connection->isValid()) {
                --chosen->connections;
                --m_connectionCount;
                forgetAddress(peer);
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
    forgetAddress(connection->peer());
    --m_connectionCount;
    if (auto *worker =
            static_cast<Worker *>(connection->property("aicarpoolWorker").value<void *>()))
        --worker->connections;
    connection->deleteLater();
}

void HttpServer::forgetAddress(const QHostAddress &address)
{
    if (m_limits.maxConnectionsPerAddress <= 0)
        return;
    QMutexLocker lock(&m_mutex);
    auto it = m_perAddress.find(address);
    if (it != m_perAddress.end() && --it.value() <= 0)
        m_perAddress.erase(it);
}

bool HttpServer::reserveBody(qint64 bytes)
{
    qint64 current = m_inflightBody.load();
    do {
        if (bytes > m_limits.maxInflightBodyBytes - current)
            return false;
    } while (!m_inflightBody.compare_exchange_weak(current, current + bytes));
    return true;
}

void HttpServer::releaseBody(qint64 bytes)
{
    if (bytes > 0)
        m_inflightBody -= bytes;
}

std::optional<HttpGuardRefusal> HttpServer::checkHead(const HttpRequest &head) const
{
    if (!m_headGuard)
        return std::nullopt;
    return m_headGuard(head);
}

void HttpServer::dispatch(const HttpRequest &request, const HttpResponderPtr &responder)
{
    if (m_handler)
        m_handler(request, responder);
    else
        responder->sendError(404, QStringLiteral("not_found"), QStringLiteral("No handler."));
}
