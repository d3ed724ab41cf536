// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

class UpstreamClient;

// "Test connection" for proxies: one GET through the proxy with a short timeout.
class ProxyTester : public QObject
{
    Q_OBJECT
public:
    // `client` must live on the same thread as this object.
    explicit ProxyTester(UpstreamClient *client, QObject *parent = nullptr);

    // Callable from any thread; `done` runs on the calling thread with
    // {"ok", "latencyMs", "status"?, "error"?}. ok means an HTTP answer (any status) came back
    // through the proxy. Errors never contain the proxy's password.
    void test(const QString &proxyUrl, const QString &targetUrl, int timeoutMs,
              std::function<void(QJsonObject)> done);

    // A curl error text as an operator reads it: "proxy authentication failed: ..." when the
    // proxy refused the credentials; the password is scrubbed.
    static QString describeError(const QString &curlMessage, const QString &proxyUrl);

private:
    void run(const QString &proxyUrl, const QString &targetUrl, int timeoutMs,
             std::function<void(QJsonObject)> done);

    UpstreamClient *m_client;
};
