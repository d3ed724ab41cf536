// SPDX-License-Identifier: GPL-3.0-or-later
#include "upstream/ProxyTester.h"

#include "base/ProxyUrl.h"
#include "base/ThreadContext.h"
#include "upstream/UpstreamClient.h"

#include <QElapsedTimer>

#include <memory>

ProxyTester::ProxyTester(UpstreamClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
}

QString ProxyTester::describeError(const QString &curlMessage, const QString &proxyUrl)
{
    QString message = curlMessage.trimmed();
    const QString password = ProxyUrl::password(proxyUrl);
    if (!password.isEmpty())
        message.replace(password, QStringLiteral("***"));
    const QString lower = message.toLower();
    if (lower.contains(QLatin1String("rejected by the socks5 server")) ||
        lower.contains(QLatin1String("socks5 authentication")) ||
        lower.contains(QLatin1String("no authentication method was acceptable")) ||
        lower.contains(QLatin1String("407")) ||
        lower.contains(QLatin1String("proxy authentication")))
        return QStringLiteral("proxy authentication failed: %1 (check the user name and "
                              "password in the proxy URL)")
            .arg(message);
    return message;
}

void ProxyTester::test(const QString &proxyUrl, const QString &targetUrl, int timeoutMs,
                       std::function<void(QJsonObject)> done)
{
    auto result = std::make_shared<QJsonObject>();
    std::function<void()> back = ThreadContext::bindToCurrent([done, result] {
        if (done)
            done(*result);
    });
    ThreadContext::post(this, [this, proxyUrl, targetUrl, timeoutMs, back, result] {
        run(proxyUrl, targetUrl, timeoutMs, [back, result](QJsonObject answer) {
            *result = std::move(answer);
            back();
        });
    });
}

void ProxyTester::run(const QString &proxyUrl, const QString &targetUrl, int timeoutMs,
                      std::function<void(QJsonObject)> done)
{
    UpstreamRequest request;
    request.method = "GET";
    request.url = targetUrl.toUtf8();
    request.proxyUrl = ProxyUrl::forCurl(proxyUrl);
    request.connectTimeoutMs = qMin(timeoutMs, 5000);
    request.timeoutMs = timeoutMs;
    request.stallTimeoutSecs = qMax(1, timeoutMs / 1000);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    auto status = std::make_shared<int>(0);
    UpstreamCallPtr call = m_client->start(request);
    // The body is not needed: the answer's headers prove the path works.
    call->onHeaders = [status, timer](int code, const HttpHeaderList &) { *status = code; };
    call->onFinished = [done, status, timer, proxyUrl](UpstreamCall::Error error,
                                                       const QString &message) {
        QJsonObject answer;
        const bool ok = *status > 0 && (error == UpstreamCall::Error::None ||
                                        error == UpstreamCall::Error::Transfer);
        answer.insert(QStringLiteral("ok"), ok);
        answer.insert(QStringLiteral("latencyMs"), timer->elapsed());
        if (*status > 0)
            answer.insert(QStringLiteral("status"), *status);
        if (!ok)
            answer.insert(
                QStringLiteral("error"),
                describeError(message.isEmpty() ? UpstreamCall::errorName(error) : message,
                              proxyUrl));
        done(answer);
    };
}
