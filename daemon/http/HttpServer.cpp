// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpServer.h"

#include "HttpConnection.h"

#include <QTcpSocket>
#include <QTimer>

HttpServer::HttpServer(QObject *parent) : QTcpServer(parent) {}

HttpServer::~HttpServer()
{
    close();
    // Connections are children; make sure their responders see the end first.
    const auto connections = m_connections;
    m_connections.clear();
    qDeleteAll(connections);
}

void HttpServer::incomingConnection(qintptr socketDescriptor)
{
    if (m_connections.size() >= m_limits.maxConnections) {
        // Over the cap: answer 503 and close rather than letting the kernel queue grow.
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(socketDescriptor)) {
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
    auto *connection = new HttpConnection(socketDescriptor, this);
    if (!connection->isValid()) {
        delete connection;
        return;
    }
    m_connections.insert(connection);
}

void HttpServer::connectionClosed(HttpConnection *connection)
{
    if (m_connections.remove(connection))
        connection->deleteLater();
}

void HttpServer::dispatch(const HttpRequest &request, const HttpResponderPtr &responder)
{
    if (m_handler)
        m_handler(request, responder);
    else
        responder->sendError(404, QStringLiteral("not_found"), QStringLiteral("No handler."));
}
