// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/AlertMessage.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// The message formats and signatures of every channel type, as pure functions (no I/O, the
// time passed in), so each can be checked against known answers.
namespace AlertFormats {

// One HTTP POST to make.
struct HttpPost
{
    QByteArray url;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    // Refuse to connect to loopback, private, link-local, multicast or unspecified addresses
    // (checked on the address connected to, after name resolution).
    bool publicAddressesOnly = false;
};

// The channel types: email, webhook, slack, feishu, dingtalk, wecom.
bool isKnownType(const QString &type);
bool isHttpType(const QString &type);

// Generic webhook: the JSON document (event, incident, text, sentAt) that is signed.
QByteArray webhookBody(const AlertMessage &message, qint64 nowMs);
// "sha256=" + lower-case hex HMAC-SHA256 of `body` with `secret` (X-Aicarpool-Signature).
QByteArray webhookSignature(const QByteArray &secret, const QByteArray &body);

// Slack incoming webhook: {"text": ...}.
QByteArray slackBody(const AlertMessage &message);

// Feishu (Lark) custom bot: {"msg_type":"text","content":{"text":...}} and, with a secret,
// "timestamp" (Unix seconds, as a string) and "sign".
QByteArray feishuBody(const AlertMessage &message, const QByteArray &secret, qint64 nowMs);
// base64(HMAC-SHA256 with the key "<timestamp>\n<secret>" over an empty message).
QByteArray feishuSign(const QByteArray &secret, qint64 timestampSecs);

// DingTalk custom robot: {"msgtype":"text","text":{"content":...}}.
QByteArray dingtalkBody(const AlertMessage &message);
// base64(HMAC-SHA256 with the key <secret> over "<timestamp>\n<secret>"), not yet URL-encoded.
QByteArray dingtalkSign(const QByteArray &secret, qint64 timestampMs);
// The webhook URL with "&timestamp=<ms>&sign=<url-encoded sign>" appended ("?" when the URL has
// no query yet).
QByteArray dingtalkUrl(const QByteArray &url, const QByteArray &secret, qint64 timestampMs);

// WeCom (WeChat Work) group robot: {"msgtype":"text","text":{"content":...}}.
QByteArray wecomBody(const AlertMessage &message);

// The POST for an HTTP channel of `type` (not email).
HttpPost buildPost(const QString &type, const QByteArray &url, const QByteArray &secret,
                   const AlertMessage &message, qint64 nowMs);

// Whether a receiver's answer means the message was accepted: empty when it was, else the
// reason. Chat robots answer 200 with an error code in the body (errcode / code).
QString answerError(const QString &type, int status, const QByteArray &body);

// The subject and body of the email of a message.
QString emailSubject(const AlertMessage &message);
QString emailBody(const AlertMessage &message);

} // namespace AlertFormats
