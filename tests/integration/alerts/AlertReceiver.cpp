// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlertReceiver.h"

#include <QDeadlineTimer>
#include <QTcpSocket>
#include <QTest>

AlertReceiver::AlertReceiver(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { serve(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool AlertReceiver::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString AlertReceiver::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
}

bool AlertReceiver::waitFor(int count, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_requests.size() < count && !deadline.hasExpired())
        QTest::qWait(20);
    return m_requests.size() >= count;
}

void AlertReceiver::serve(QTcpSocket *socket)
{
    // The whole request is buffered on the socket until its body is complete (small bodies).
    QByteArray data = socket->peek(1024 * 1024);
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return;
    Request r;
    const QList<QByteArray> lines = data.left(headEnd).split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    r.method = first.value(0);
    r.target = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            r.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const qsizetype length = r.headers.value("content-length").toLongLong();
    if (data.size() < headEnd + 4 + length)
        return; // more to come
    r.body = data.mid(headEnd + 4, length);
    socket->read(headEnd + 4 + length);
    m_requests.append(r);
    const QByteArray answer = "HTTP/1.1 " + QByteArray::number(m_status) +
                              " X\r\nContent-Type: application/json\r\nContent-Length: " +
                              QByteArray::number(m_body.size()) + "\r\nConnection: close\r\n\r\n" +
                              m_body;
    socket->write(answer);
    socket->disconnectFromHost();
}
