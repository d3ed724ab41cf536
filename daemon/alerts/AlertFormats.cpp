// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/AlertFormats.h"

#include "crypto/Crypto.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUrl>

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject textContent(const QString &key, const AlertMessage &message)
{
    return QJsonObject{{key, message.text()}};
}

QPair<QByteArray, QByteArray> header(const char *name, const QByteArray &value)
{
    return qMakePair(QByteArray(name), value);
}

} // namespace

bool AlertFormats::isKnownType(const QString &type)
{
    return type == QLatin1String("email") || isHttpType(type);
}

bool AlertFormats::isHttpType(const QString &type)
{
    return type == QLatin1String("webhook") || type == QLatin1String("slack") ||
           type == QLatin1String("feishu") || type == QLatin1String("dingtalk") ||
           type == QLatin1String("wecom");
}

QByteArray AlertFormats::webhookBody(const AlertMessage &message, qint64 nowMs)
{
    QJsonObject incident{{QStringLiteral("id"), message.incidentId},
                         {QStringLiteral("ruleId"), message.ruleId},
                         {QStringLiteral("ruleName"), message.ruleName},
                         {QStringLiteral("kind"), message.kind},
                         {QStringLiteral("subject"), message.subject},
                         {QStringLiteral("title"), message.title},
                         {QStringLiteral("summary"), message.summary},
                         {QStringLiteral("details"), message.details},
                         {QStringLiteral("openedAt"), iso(message.atMs)}};
    return compact(QJsonObject{{QStringLiteral("event"), message.event},
                               {QStringLiteral("incident"), incident},
                               {QStringLiteral("text"), message.text()},
                               {QStringLiteral("sentAt"), iso(nowMs)}});
}

QByteArray AlertFormats::webhookSignature(const QByteArray &secret, const QByteArray &body)
{
    return "sha256=" + Crypto::hmacSha256(secret, body).toHex();
}

QByteArray AlertFormats::slackBody(const AlertMessage &message)
{
    return compact(textContent(QStringLiteral("text"), message));
}

// Feishu custom bot security setting "signature verification": the string to sign is
// timestamp + "\n" + secret, used as the HMAC-SHA256 key over an empty message, then Base64;
// the body carries "timestamp" (seconds) and "sign"
// (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot, "Signature verification").
QByteArray AlertFormats::feishuSign(const QByteArray &secret, qint64 timestampSecs)
{
    const QByteArray key = QByteArray::number(timestampSecs) + '\n' + secret;
    return Crypto::hmacSha256(key, QByteArray()).toBase64();
}

QByteArray AlertFormats::feishuBody(const AlertMessage &message, const QByteArray &secret,
                                    qint64 nowMs)
{
    QJsonObject o{{QStringLiteral("msg_type"), QStringLiteral("text")},
                  {QStringLiteral("content"), textContent(QStringLiteral("text"), message)}};
    if (!secret.isEmpty()) {
        const qint64 ts = nowMs / 1000;
        o.insert(QStringLiteral("timestamp"), QString::number(ts));
        o.insert(QStringLiteral("sign"), QString::fromLatin1(feishuSign(secret, ts)));
    }
    return compact(o);
}

QByteArray AlertFormats::dingtalkBody(const AlertMessage &message)
{
    return compact(
        QJsonObject{{QStringLiteral("msgtype"), QStringLiteral("text")},
                    {QStringLiteral("text"), textContent(QStringLiteral("content"), message)}});
}

// DingTalk custom robot security setting "sign": HMAC-SHA256 keyed with the secret over
// timestamp (ms) + "\n" + secret, Base64, then URL-encoded into "&timestamp=...&sign=..."
// (https://open.dingtalk.com/document/robots/customize-robot-security-settings).
QByteArray AlertFormats::dingtalkSign(const QByteArray &secret, qint64 timestampMs)
{
    return Crypto::hmacSha256(secret, QByteArray::number(timestampMs) + '\n' + secret).toBase64();
}

QByteArray AlertFormats::dingtalkUrl(const QByteArray &url, const QByteArray &secret,
                                     qint64 timestampMs)
{
    if (secret.isEmpty())
        return url;
    const QByteArray sep = url.contains('?') ? "&" : "?";
    return url + sep + "timestamp=" + QByteArray::number(timestampMs) + "&sign=" +
           QUrl::toPercentEncoding(QString::fromLatin1(dingtalkSign(secret, timestampMs)));
}

QByteArray AlertFormats::wecomBody(const AlertMessage &message)
{
    return compact(
        QJsonObject{{QStringLiteral("msgtype"), QStringLiteral("text")},
                    {QStringLiteral("text"), textContent(QStringLiteral("content"), message)}});
}

AlertFormats::HttpPost AlertFormats::buildPost(const QString &type, const QByteArray &url,
                                               const QByteArray &secret,
                                               const AlertMessage &message, qint64 nowMs)
{
    HttpPost post;
    post.url = url;
    post.headers.append(header("Content-Type", "application/json; charset=utf-8"));
    if (type == QLatin1String("webhook")) {
        post.body = webhookBody(message, nowMs);
        post.headers.append(header("X-Aicarpool-Event", message.event.toLatin1()));
        post.headers.append(header("X-Aicarpool-Timestamp", QByteArray::number(nowMs / 1000)));
        if (!secret.isEmpty())
            post.headers.append(
                header("X-Aicarpool-Signature", webhookSignature(secret, post.body)));
    } else if (type == QLatin1String("slack")) {
        post.body = slackBody(message);
    } else if (type == QLatin1String("feishu")) {
        post.body = feishuBody(message, secret, nowMs);
    } else if (type == QLatin1String("dingtalk")) {
        post.body = dingtalkBody(message);
        post.url = dingtalkUrl(url, secret, nowMs);
    } else {
        post.body = wecomBody(message);
    }
    return post;
}

QString AlertFormats::answerError(const QString &type, int status, const QByteArray &body)
{
    if (status < 200 || status > 299)
        return QStringLiteral("the receiver answered HTTP %1").arg(status);
    if (type == QLatin1String("webhook") || type == QLatin1String("slack"))
        return {};
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    // DingTalk and WeCom: {"errcode":0,"errmsg":"ok"}; Feishu: {"code":0,"msg":"success"}
    // (older Feishu bots answer {"StatusCode":0}).
    for (const auto &[codeKey, messageKey] :
         {std::pair<const char *, const char *>{"errcode", "errmsg"},
          {"code", "msg"},
          {"StatusCode", "StatusMessage"}}) {
        const QJsonValue code = o.value(QLatin1String(codeKey));
        if (code.isDouble() && code.toInteger() != 0)
            return QStringLiteral("the receiver refused the message: %1 %2")
                .arg(code.toInteger())
                .arg(o.value(QLatin1String(messageKey)).toString().left(200));
    }
    return {};
}

QString AlertFormats::emailSubject(const AlertMessage &message)
{
    return message.title;
}

QString AlertFormats::emailBody(const AlertMessage &message)
{
    QString body = message.summary.isEmpty() ? message.title : message.summary;
    body += QStringLiteral("\n\n");
    if (!message.ruleName.isEmpty())
        body += QStringLiteral("Rule: %1 (%2)\n").arg(message.ruleName, message.kind);
    if (message.incidentId > 0)
        body += QStringLiteral("Incident: %1 (acknowledge with POST /api/incidents/%1/ack)\n")
                    .arg(message.incidentId);
    body += QStringLiteral("Time: %1\n").arg(iso(message.atMs));
    return body;
}
