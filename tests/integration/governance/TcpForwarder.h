// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <memory>

// A TCP forwarder on a thread of its own, so a test can take a database away from one daemon
// (close) and give it back (open) without touching the database server others use.
class TcpForwarder
{
public:
    TcpForwarder(QString targetHost, quint16 targetPort)
        : m_host(std::move(targetHost)), m_target(targetPort)
    {
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
    }
    ~TcpForwarder()
    {
        run([this] {
            closeAll();
            delete m_context;
        });
        m_thread.quit();
        m_thread.wait();
    }

    quint16 port() const { return m_port; }

    // Listens (on the same port as before when reopened).
    bool open()
    {
        bool ok = false;
        run([this, &ok] {
            if (!m_server) {
                m_server = new QTcpServer(m_context);
                QObject::connect(m_server, &QTcpServer::newConnection, m_context,
                                 [this] { accept(); });
            }
            ok = m_server->listen(QHostAddress::LocalHost, m_port);
            if (ok)
                m_port = m_server->serverPort();
        });
        return ok;
    }

    // Stops listening and cuts every forwarded connection.
    void close()
    {
        run([this] { closeAll(); });
    }

private:
    template <class F> void run(F fn)
    {
        QMetaObject::invokeMethod(m_context, fn, Qt::BlockingQueuedConnection);
    }

    void closeAll()
    {
        if (m_server)
            m_server->close();
        for (const QPointer<QTcpSocket> &s : std::as_const(m_sockets)) {
            if (s) {
                s->abort();
                s->deleteLater();
            }
        }
        m_sockets.clear();
    }

    void accept()
    {
        while (QTcpSocket *client = m_server->nextPendingConnection()) {
            auto *upstream = new QTcpSocket(m_context);
            client->setParent(m_context);
            m_sockets << client << upstream;
            QObject::connect(client, &QTcpSocket::readyRead, upstream,
                             [client, upstream] { upstream->write(client->readAll()); });
            QObject::connect(upstream, &QTcpSocket::readyRead, client,
                             [client, upstream] { client->write(upstream->readAll()); });
            QObject::connect(upstream, &QTcpSocket::connected, client, [client, upstream] {
                if (client->bytesAvailable())
                    upstream->write(client->readAll());
            });
            QObject::connect(client, &QTcpSocket::disconnected, upstream,
                             [upstream] { upstream->disconnectFromHost(); });
            QObject::connect(upstream, &QTcpSocket::disconnected, client,
                             [client] { client->disconnectFromHost(); });
            QObject::connect(upstream, &QTcpSocket::errorOccurred, client,
                             [client](QAbstractSocket::SocketError) { client->abort(); });
            upstream->connectToHost(m_host, m_target);
        }
    }

    QString m_host;
    quint16 m_target;
    quint16 m_port = 0;
    QThread m_thread;
    QObject *m_context = nullptr;
    QTcpServer *m_server = nullptr;
    QList<QPointer<QTcpSocket>> m_sockets;
};
