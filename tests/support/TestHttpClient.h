// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QSslCertificate>
#include <QString>

#include <memory>

class QNetworkAccessManager;
class DaemonProcess;

// A synchronous HTTP client for tests: each call runs an event loop until the answer is
// complete or the timeout passes. URLs starting with "/" are relative to baseUrl().
class TestHttpClient
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    struct Reply
    {
        int status = 0;                        // 0 when no HTTP answer arrived
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
        QString error; // transport error or "timeout"; empty when an answer arrived

        QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
        QJsonObject json() const;
        QJsonArray jsonArray() const;
        // A value by dotted path into the JSON body: "error.type", "content.0.text".
        QJsonValue value(const QString &path) const;
    };

    explicit TestHttpClient(const QString &baseUrl = QString());
    ~TestHttpClient();
    TestHttpClient(const TestHttpClient &) = delete;
    TestHttpClient &operator=(const TestHttpClient &) = delete;

    void setBaseUrl(const QString &baseUrl) { m_baseUrl = baseUrl; }
    QString baseUrl() const { return m_baseUrl; }
    void setTimeout(int ms) { m_timeoutMs = ms; }
    // Sent as "Authorization: Bearer <token>" unless the call passes its own Authorization.
    void setBearerToken(const QByteArray &token) { m_token = token; }
    QByteArray bearerToken() const { return m_token; }
    // For https:// URLs: trust these certificate authorities in addition to the system's.
    void setCaCertificates(const QList<QSslCertificate> &cas) { m_cas = cas; }

    Reply get(const QString &url, const Headers &headers = {});
    Reply post(const QString &url, const QJsonObject &json, const Headers &headers = {});
    Reply post(const QString &url, const QByteArray &body, const Headers &headers = {});
    Reply put(const QString &url, const QJsonObject &json, const Headers &headers = {});
    Reply put(const QString &url, const QByteArray &body, const Headers &headers = {});
    Reply patch(const QString &url, const QJsonObject &json, const Headers &headers = {});
    Reply del(const QString &url, const Headers &headers = {});
    Reply request(const QByteArray &method, const QString &url, const QByteArray &body,
                  const Headers &headers = {});

    // POST /api/auth/login; on success stores the token as the bearer token.
    bool loginAsAdmin(const QString &email, const QString &password, QString *error = nullptr);
    bool loginAsAdmin(const DaemonProcess &daemon, QString *error = nullptr);

private:
    QString m_baseUrl;
    QByteArray m_token;
    QList<QSslCertificate> m_cas;
    int m_timeoutMs = 30000;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};
