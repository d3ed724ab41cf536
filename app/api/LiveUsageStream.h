// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ApiClient;
class QNetworkReply;

// The client of GET /api/usage/live (Server-Sent Events): emits call() for each completed call
// as the daemon records it. Reconnects on its own (after a refreshed session when the token
// expired) until stop().
class LiveUsageStream : public QObject
{
    Q_OBJECT
public:
    // A single event larger than this is a broken stream: it is dropped and reconnected.
    static constexpr qsizetype MaxEventBytes = 1024 * 1024;

    explicit LiveUsageStream(ApiClient *api, QObject *parent = nullptr);
    ~LiveUsageStream() override;

    void start();
    void stop();
    bool isConnected() const { return m_connected; }

signals:
    void call(const QJsonObject &usageRow);
    void connectedChanged(bool connected);

private:
    void open();
    void onReadyRead();
    void onFinished();
    void setConnected(bool connected);

    ApiClient *m_api;
    QPointer<QNetworkReply> m_reply;
    QByteArray m_buffer;
    QTimer m_retry;
    bool m_running = false;
    bool m_connected = false;
};
