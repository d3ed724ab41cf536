// SPDX-License-Identifier: GPL-3.0-or-later
// The alert message formats and signatures, against answers computed independently:
//   python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec-test", b"{\"text\":\"hello\"}",
//               hashlib.sha256).hexdigest())'
//   -> 7151b35aff6238d233bab52109a69a22f9f02b698457344b6acf3b493fef9cbe
//   Feishu: base64(hmac.new(b"1700000000\nSEC-feishu", b"", sha256).digest())
//   -> RWwVl8ny//K/ygVTfkc3pG6B3yRqkGsck9yzDxW+2b0=
//   DingTalk: base64(hmac.new(b"SEC-ding", b"1700000000123\nSEC-ding", sha256).digest())
//   -> dpfQxPdO6KE2bPTNfuZpVFBVp5TalkJB9xN0HQ0GtVE=  (URL-encoded: ...GtVE%3D)
#include "alerts/AlertFormats.h"
#include "alerts/CallWindow.h"
#include "crypto/Crypto.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <QtTest>

class TestAlertFormats final : public QObject
{
    Q_OBJECT

    static AlertMessage message()
    {
        AlertMessage m;
        m.incidentId = 42;
        m.ruleId = 7;
        m.ruleName = QStringLiteral("spend");
        m.kind = QStringLiteral("budget_threshold");
        m.subject = QStringLiteral("budget:3:80");
        m.title = QStringLiteral("[aicarpool] spend: budget 'research' reached 80%");
        m.summary = QStringLiteral("Budget 'research' has spent 40.00 of 50.00 USD.");
        m.atMs = 1700000000000;
        return m;
    }

    static QJsonObject json(const QByteArray &body)
    {
        return QJsonDocument::fromJson(body).object();
    }

private Q_SLOTS:
    void webhookSignatureKnownAnswer()
    {
        QCOMPARE(
            AlertFormats::webhookSignature("whsec-test", "{\"text\":\"hello\"}"),
            QByteArray("sha256=7151b35aff6238d233bab52109a69a22f9f02b698457344b6acf3b493fef9cbe"));
        // A different body or secret gives another signature.
        QVERIFY(AlertFormats::webhookSignature("whsec-test", "{\"text\":\"hellO\"}") !=
                AlertFormats::webhookSignature("whsec-test", "{\"text\":\"hello\"}"));
    }

    void webhookPostIsSignedOverItsBody()
    {
        const auto post =
            AlertFormats::buildPost(QStringLiteral("webhook"), "https://hooks.example.com/a?b=c",
                                    "whsec-test", message(), 1700000005000);
        QCOMPARE(post.url, QByteArray("https://hooks.example.com/a?b=c"));
        QByteArray signature, timestamp;
        for (const auto &h : post.headers) {
            if (h.first == "X-Aicarpool-Signature")
                signature = h.second;
            if (h.first == "X-Aicarpool-Timestamp")
                timestamp = h.second;
        }
        QCOMPARE(signature, "sha256=" + Crypto::hmacSha256("whsec-test", post.body).toHex());
        QCOMPARE(timestamp, QByteArray("1700000005"));
        const QJsonObject o = json(post.body);
        QCOMPARE(o.value(QLatin1String("event")).toString(), QStringLiteral("incident.opened"));
        const QJsonObject incident = o.value(QLatin1String("incident")).toObject();
        QCOMPARE(incident.value(QLatin1String("id")).toInteger(), 42);
        QCOMPARE(incident.value(QLatin1String("kind")).toString(),
                 QStringLiteral("budget_threshold"));
        QCOMPARE(o.value(QLatin1String("sentAt")).toString(),
                 QStringLiteral("2023-11-14T22:13:25.000Z"));
        // Without a secret there is no signature header.
        const auto unsigned_ = AlertFormats::buildPost(QStringLiteral("webhook"), "http://h/x", {},
                                                       message(), 1700000005000);
        for (const auto &h : unsigned_.headers)
            QVERIFY(h.first != "X-Aicarpool-Signature");
    }

    void slackAndWecomFormats()
    {
        const QJsonObject slack = json(AlertFormats::slackBody(message()));
        QCOMPARE(slack.keys(), QStringList{QStringLiteral("text")});
        QVERIFY(slack.value(QLatin1String("text")).toString().startsWith(message().title));
        QVERIFY(slack.value(QLatin1String("text")).toString().contains(message().summary));
        const QJsonObject wecom = json(AlertFormats::wecomBody(message()));
        QCOMPARE(wecom.value(QLatin1String("msgtype")).toString(), QStringLiteral("text"));
        QCOMPARE(wecom.value(QLatin1String("text"))
                     .toObject()
                     .value(QLatin1String("content"))
                     .toString(),
                 message().text());
    }

    void feishuSignKnownAnswer()
    {
        QCOMPARE(AlertFormats::feishuSign("SEC-feishu", 1700000000),
                 QByteArray("RWwVl8ny//K/ygVTfkc3pG6B3yRqkGsck9yzDxW+2b0="));
        const QJsonObject o =
            json(AlertFormats::feishuBody(message(), "SEC-feishu", 1700000000999));
        QCOMPARE(o.value(QLatin1String("msg_type")).toString(), QStringLiteral("text"));
        QCOMPARE(
            o.value(QLatin1String("content")).toObject().value(QLatin1String("text")).toString(),
            message().text());
        QCOMPARE(o.value(QLatin1String("timestamp")).toString(), QStringLiteral("1700000000"));
        QCOMPARE(o.value(QLatin1String("sign")).toString(),
                 QStringLiteral("RWwVl8ny//K/ygVTfkc3pG6B3yRqkGsck9yzDxW+2b0="));
        // No secret: no timestamp, no sign.
        const QJsonObject plain = json(AlertFormats::feishuBody(message(), {}, 1700000000999));
        QVERIFY(!plain.contains(QLatin1String("sign")));
        QVERIFY(!plain.contains(QLatin1String("timestamp")));
    }

    void dingtalkSignKnownAnswer()
    {
        QCOMPARE(AlertFormats::dingtalkSign("SEC-ding", 1700000000123),
                 QByteArray("dpfQxPdO6KE2bPTNfuZpVFBVp5TalkJB9xN0HQ0GtVE="));
        QCOMPARE(AlertFormats::dingtalkUrl("https://oapi.dingtalk.com/robot/send?access_token=T",
                                           "SEC-ding", 1700000000123),
                 QByteArray("https://oapi.dingtalk.com/robot/send?access_token=T"
                            "&timestamp=1700000000123"
                            "&sign=dpfQxPdO6KE2bPTNfuZpVFBVp5TalkJB9xN0HQ0GtVE%3D"));
        QCOMPARE(AlertFormats::dingtalkUrl("http://h/robot", "SEC-ding", 1700000000123).left(31),
                 QByteArray("http://h/robot?timestamp=170000"));
        QCOMPARE(AlertFormats::dingtalkUrl("http://h/robot?a=1", {}, 1),
                 QByteArray("http://h/robot?a=1"));
        const QJsonObject o = json(AlertFormats::dingtalkBody(message()));
        QCOMPARE(o.value(QLatin1String("msgtype")).toString(), QStringLiteral("text"));
        QCOMPARE(
            o.value(QLatin1String("text")).toObject().value(QLatin1String("content")).toString(),
            message().text());
        // The whole POST: the signed URL and the same body.
        const auto post = AlertFormats::buildPost(QStringLiteral("dingtalk"), "http://h/r?t=1",
                                                  "SEC-ding", message(), 1700000000123);
        QVERIFY(post.url.endsWith("&sign=dpfQxPdO6KE2bPTNfuZpVFBVp5TalkJB9xN0HQ0GtVE%3D"));
    }

    void answerErrors()
    {
        QVERIFY(AlertFormats::answerError(QStringLiteral("webhook"), 204, {}).isEmpty());
        QVERIFY(AlertFormats::answerError(QStringLiteral("webhook"), 500, {}).contains("500"));
        QVERIFY(AlertFormats::answerError(QStringLiteral("dingtalk"), 200,
                                          "{\"errcode\":0,\"errmsg\":\"ok\"}")
                    .isEmpty());
        const QString refused = AlertFormats::answerError(
            QStringLiteral("dingtalk"), 200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        QVERIFY2(refused.contains(QStringLiteral("310000")) &&
                     refused.contains(QStringLiteral("sign not match")),
                 qPrintable(refused));
        QVERIFY(!AlertFormats::answerError(QStringLiteral("feishu"), 200,
                                           "{\"code\":19021,\"msg\":\"sign match fail\"}")
                     .isEmpty());
        QVERIFY(AlertFormats::answerError(QStringLiteral("feishu"), 200,
                                          "{\"code\":0,\"msg\":\"success\"}")
                    .isEmpty());
    }

    void emailText()
    {
        QCOMPARE(AlertFormats::emailSubject(message()), message().title);
        const QString body = AlertFormats::emailBody(message());
        QVERIFY(body.startsWith(message().summary));
        QVERIFY(body.contains(QStringLiteral("POST /api/incidents/42/ack")));
    }

    void callWindowStatsAndFeedEvents()
    {
        CallWindow w(5);
        for (int i = 1; i <= 7; ++i) {
            CallOutcome c;
            c.atMs = 1000 * i;
            c.latencyMs = i * 100;
            c.error = i % 2 == 0;
            c.accountId = i <= 4 ? 1 : 2;
            w.add(c);
        }
        QCOMPARE(w.size(), 5); // bounded: calls 3..7 remain
        CallWindow::Filter all;
        auto s = w.stats(10000, all, 7000);
        QCOMPARE(s.calls, 5);
        QCOMPARE(s.errors, 2); // 4 and 6
        QCOMPARE(s.p95LatencyMs, qint64(700));
        s = w.stats(2500, all, 7000); // calls at 5000, 6000, 7000
        QCOMPARE(s.calls, 3);
        CallWindow::Filter account;
        account.accountId = 1;
        QCOMPARE(w.stats(10000, account, 7000).calls, 2);

        QVERIFY(CallWindow::isFailure(502, false));
        QVERIFY(CallWindow::isFailure(0, false));
        QVERIFY(!CallWindow::isFailure(0, true));
        QVERIFY(!CallWindow::isFailure(429, false));
        QVERIFY(!CallWindow::isFailure(200, false));
        const auto call = CallWindow::fromFeedEvent(
            "{\"createdAt\":\"2026-01-01T00:00:00.000Z\",\"status\":503,\"latencyMs\":1234,"
            "\"accountId\":9,\"enterpriseId\":4,\"provider\":\"anthropic\",\"model\":\"m\"}");
        QVERIFY(call);
        QVERIFY(call->error);
        QCOMPARE(call->latencyMs, qint64(1234));
        QCOMPARE(call->enterpriseId, qint64(4));
        QVERIFY(!CallWindow::fromFeedEvent("{\"hello\":1}"));
    }
};

QTEST_GUILESS_MAIN(TestAlertFormats)
#include "TestAlertFormats.moc"
