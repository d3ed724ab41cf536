// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestHttpClient.h"

#include "DaemonProcess.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

QJsonObject TestHttpClient::Reply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QJsonArray TestHttpClient::Reply::jsonArray() const
{
    return QJsonDocument::fromJson(body).array();
}

QJsonValue TestHttpClient::Reply::value(const QString &path) const
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    QJsonValue v = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    const QStringList parts = path.split(QLatin1Char('.'), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        bool isIndex = false;
        const int index = part.toInt(&isIndex);
        if (v.isArray() && isIndex)
            v = v.toArray().at(index);
        else if (v.isObject())
            v = v.toObject().value(part);
        else
            return QJsonValue(QJsonValue::Undefined);
    }
    return v;
}

TestHttpClient::TestHttpClient(const QString &baseUrl)
    : m_baseUrl(baseUrl), m_nam(std::make_unique<QNetworkAccessManager>())
{
    m_nam->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

TestHttpClient::~TestHttpClient() = default;

TestHttpClient::Reply TestHttpClient::get(const QString &url, const Headers &headers)
{
    return request("GET", url, {}, headers);
}

TestHttpClient::Reply TestHttpClient::post(const QString &url, const QJsonObject &json,
                                           const Headers &headers)
{
    return request("POST", url, QJsonDocument(json).toJson(QJsonDocument::Compact), headers);
}

TestHttpClient::Reply TestHttpClient::post(const QString &url, const QByteArray &body,
                                           const Headers &headers)
{
    return request("POST", url, body, headers);
}

TestHttpClient::Reply TestHttpClient::put(const QString &url, const QJsonObject &json,
                                          const Headers &headers)
{
    return request("PUT", url, QJsonDocument(json).toJson(QJsonDocument::Compact), headers);
}

TestHttpClient::Reply TestHttpClient::put(const QString &url, const QByteArray &body,
                                          const Headers &headers)
{
    return request("PUT", url, body, headers);
}

TestHttpClient::Reply TestHttpClient::patch(const QString &url, const QJsonObject &json,
                                            const Headers &headers)
{
    return request("PATCH", url, QJsonDocument(json).toJson(QJsonDocument::Compact), headers);
}

TestHttpClient::Reply TestHttpClient::del(const QString &url, const Headers &headers)
{
    return request("DELETE", url, {}, headers);
}

TestHttpClient::Reply TestHttpClient::request(const QByteArray &method, const QString &url,
                                              const QByteArray &body, const Headers &headers)
{
    Reply result;
    const QUrl target(url.startsWith(QLatin1Char('/')) ? m_baseUrl + url : url);
    QNetworkRequest req(target);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!m_cas.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_cas);
        req.setSslConfiguration(ssl);
    }
    bool hasAuth = false;
    bool hasType = false;
    bool hasEncoding = false;
    for (const auto &h : headers) {
        req.setRawHeader(h.first, h.second);
        hasAuth = hasAuth || h.first.compare("authorization", Qt::CaseInsensitive) == 0;
        hasType = hasType || h.first.compare("content-type", Qt::CaseInsensitive) == 0;
        hasEncoding = hasEncoding || h.first.compare("accept-encoding", Qt::CaseInsensitive) == 0;
    }
    if (!hasAuth && !m_token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_token);
    if (!hasType && !body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!hasEncoding)
        req.setRawHeader("Accept-Encoding", "identity"); // bodies exactly as sent

    QNetworkReply *reply = m_nam->sendCustomRequest(req, method, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        reply->abort();
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(m_timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    timer.stop();

    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    const auto pairs = reply->rawHeaderPairs();
    for (const auto &p : pairs)
        result.headers.insert(p.first.toLower(), p.second);
    if (timedOut)
        result.error = QStringLiteral("timeout after %1 ms").arg(m_timeoutMs);
    else if (result.status == 0)
        result.error = reply->errorString();
    reply->deleteLater();
    return result;
}

bool TestHttpClient::loginAsAdmin(const QString &email, const QString &password, QString *error)
{
    m_token.clear();
    const Reply r =
        post(QStringLiteral("/api/auth/login"),
             QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    const QString token = r.json().value(QLatin1String("token")).toString();
    if (r.status != 200 || token.isEmpty()) {
        if (error) {
            *error = QStringLiteral("login failed: status %1 %2 %3")
                         .arg(r.status)
                         .arg(r.error, QString::fromUtf8(r.body.left(300)));
        }
        return false;
    }
    m_token = token.toUtf8();
    return true;
}

bool TestHttpClient::loginAsAdmin(const DaemonProcess &daemon, QString *error)
{
    if (m_baseUrl.isEmpty())
        m_baseUrl = daemon.baseUrl();
    return loginAsAdmin(daemon.adminEmail(), daemon.adminPassword(), error);
}
