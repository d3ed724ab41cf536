// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QTcpServer>

// A local HTTP receiver for alert deliveries: records every request (method, target, headers,
// body) and answers each with the configured status and body. Serves on the test's event loop.
class AlertReceiver : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;                     // path and query
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };

    explicit AlertReceiver(QObject *parent = nullptr);
    bool listen();
    QString url(const QString &path) const;

    void answerWith(int status, const QByteArray &body = "{}")
    {
        m_status = status;
        m_body = body;
    }
    const QList<Request> &requests() const { return m_requests; }
    // Processes events until at least `count` requests arrived (false after `timeoutMs`).
    bool waitFor(int count, int timeoutMs = 20000);

private:
    void serve(QTcpSocket *socket);

    QTcpServer m_server;
    int m_status = 200;
    QByteArray m_body = "{}";
    QList<Request> m_requests;
};
