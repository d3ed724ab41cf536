// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/LiveUsageStream.h"

#include "api/ApiClient.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

LiveUsageStream::LiveUsageStream(ApiClient *api, QObject *parent) : QObject(parent), m_api(api)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(3000);
    connect(&m_retry, &QTimer::timeout, this, &LiveUsageStream::open);
}

LiveUsageStream::~LiveUsageStream()
{
    stop();
}

void LiveUsageStream::start()
{
    if (m_running)
        return;
    m_running = true;
    open();
}

void LiveUsageStream::stop()
{
    m_running = false;
    m_retry.stop();
    if (m_reply) {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    setConnected(false);
}

void LiveUsageStream::open()
{
    if (!m_running || m_reply || !m_api->isSignedIn())
        return;
    QNetworkRequest req = m_api->request(QStringLiteral("/api/usage/live"));
    req.setRawHeader("Accept", "text/event-stream");
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    // The daemon sends a keep-alive every 15 s; silence for longer means the stream is gone.
    req.setTransferTimeout(45000);
    m_buffer.clear();
    m_reply = m_api->network()->get(req);
    m_api->watchTls(m_reply);
    connect(m_reply, &QNetworkReply::readyRead, this, &LiveUsageStream::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &LiveUsageStream::onFinished);
}

void LiveUsageStream::onReadyRead()
{
    if (!m_reply)
        return;
    if (m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return; // the error body is read in onFinished()
    setConnected(true);
    m_buffer += m_reply->readAll();
    for (;;) {
        const qsizetype end = m_buffer.indexOf("\n\n");
        if (end < 0)
            break;
        const QByteArray event = m_buffer.left(end);
        m_buffer.remove(0, end + 2);
        QByteArray data;
        for (const QByteArray &line : event.split('\n')) {
            if (line.startsWith("data:"))
                data += line.mid(5).trimmed();
        }
        if (data.isEmpty())
            continue; // a comment (keep-alive) or another event type
        const QJsonDocument doc = QJsonDocument::fromJson(data);
        if (doc.isObject() && !doc.object().contains(QLatin1String("error")))
            emit call(doc.object());
    }
    if (m_buffer.size() > MaxEventBytes) {
        m_buffer.clear();
        m_reply->abort();
    }
}

void LiveUsageStream::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    setConnected(false);
    if (!m_running)
        return;
    if (status == 401) {
        m_api->refreshSession(this, [this](const ApiResult &r) {
            if (r.ok() && m_running)
                open();
        });
        return;
    }
    if (status == 403)
        return; // not an administrator: no live feed
    m_retry.start();
}

void LiveUsageStream::setConnected(bool connected)
{
    if (m_connected == connected)
        return;
    m_connected = connected;
    emit connectedChanged(connected);
}
