// SPDX-License-Identifier: GPL-3.0-or-later
// Alerts through the real daemon on SQLite and MariaDB: the channel and rule API (validation,
// secrets never shown back), test messages signed for a generic webhook, DingTalk and Feishu
// and checked by a local receiver, a failing receiver recorded on the channel, and an
// error-rate rule fired by relayed calls through the mock upstream, delivered to the receiver
// and by email to the real SMTP sink (tests/support/services.sh), then acknowledged and
// resolved through /api/incidents.
#include "AlertReceiver.h"
#include "RelayFixture.h"
#include "TestEnv.h"
#include "crypto/Crypto.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

namespace {

QString env(const char *name)
{
    return QProcessEnvironment::systemEnvironment().value(QLatin1String(name));
}

} // namespace

class TestAlertsApi final : public QObject
{
    Q_OBJECT

    std::unique_ptr<RelayFixture> m_f;
    std::unique_ptr<AlertReceiver> m_receiver;
    QString m_smtp;
    QString m_maildir;

    TestHttpClient &admin() { return m_f->admin(); }

    qint64 createChannel(const QJsonObject &body)
    {
        const auto r = admin().post(QStringLiteral("/api/alert-channels"), body);
        if (r.status != 201)
            qWarning() << r.status << r.body;
        return r.status == 201 ? r.json().value(QLatin1String("id")).toInteger() : 0;
    }

    QJsonObject testChannel(qint64 id)
    {
        const auto r =
            admin().post(QStringLiteral("/api/alert-channels/%1/test").arg(id), QJsonObject{});
        if (r.status != 200)
            qWarning() << r.status << r.body;
        return r.json();
    }

    // The Maildir message to `email`, decoded, once it arrived.
    QString waitForMail(const QString &email)
    {
        for (int i = 0; i < 300; ++i) {
            QDir dir(m_maildir + QStringLiteral("/new"));
            for (const QString &name : dir.entryList(QDir::Files)) {
                QFile f(dir.filePath(name));
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                QByteArray raw = f.readAll();
                raw.replace("\r\n", "\n");
                const qsizetype split = raw.indexOf("\n\n");
                if (split < 0 || !raw.left(split).contains("To: " + email.toUtf8()))
                    continue;
                return QString::fromUtf8(raw.left(split)) + QStringLiteral("\n\n") +
                       QString::fromUtf8(QByteArray::fromBase64(raw.mid(split + 2)));
            }
            QTest::qWait(100);
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void init()
    {
        m_smtp = env("AICARPOOL_TEST_SMTP");
        m_maildir = env("AICARPOOL_TEST_SMTP_MAILDIR");
        if (m_smtp.isEmpty() || m_maildir.isEmpty()) {
            if (TestEnv::servicesRequired())
                QFAIL("AICARPOOL_TEST_SMTP / AICARPOOL_TEST_SMTP_MAILDIR are not set");
            QSKIP("start tests/support/services.sh for the SMTP sink");
        }
        m_receiver = std::make_unique<AlertReceiver>();
        QVERIFY(m_receiver->listen());
        m_f = std::make_unique<RelayFixture>();
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_SMTP_HOST"),
                          m_smtp.section(QLatin1Char(':'), 0, 0));
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_SMTP_PORT"),
                          m_smtp.section(QLatin1Char(':'), 1));
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_SMTP_SECURITY"), QStringLiteral("none"));
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_SMTP_FROM"),
                          QStringLiteral("aicarpool <alerts@example.com>"));
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_ALERT_INTERVAL_MS"), QStringLiteral("200"));
        QFETCH_GLOBAL(QString, backend);
        QString error;
        bool skip = false;
        if (!m_f->setUp(backend, &error, &skip)) {
            if (skip)
                QSKIP(qPrintable(error));
            QFAIL(qPrintable(error));
        }
    }

    void cleanup()
    {
        m_f.reset();
        m_receiver.reset();
    }

    void channelsAreValidatedAndKeepTheirSecret()
    {
        auto r = admin().post(QStringLiteral("/api/alert-channels"),
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("ops")},
                                          {QStringLiteral("type"), QStringLiteral("pager")},
                                          {QStringLiteral("url"), QStringLiteral("https://x")}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.json()
                    .value(QLatin1String("error"))
                    .toObject()
                    .value(QLatin1String("message"))
                    .toString()
                    .contains(QStringLiteral("webhook")));
        r = admin().post(QStringLiteral("/api/alert-channels"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("ops")},
                                     {QStringLiteral("type"), QStringLiteral("webhook")},
                                     {QStringLiteral("url"), QStringLiteral("ftp://h/x")}});
        QCOMPARE(r.status, 400);
        r = admin().post(QStringLiteral("/api/alert-channels"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("mail")},
                                     {QStringLiteral("type"), QStringLiteral("email")}});
        QCOMPARE(r.status, 400);
        r = admin().post(
            QStringLiteral("/api/alert-channels"),
            QJsonObject{{QStringLiteral("name"), QStringLiteral("mail")},
                        {QStringLiteral("type"), QStringLiteral("email")},
                        {QStringLiteral("emails"), QJsonArray{QStringLiteral("a b@c")}}});
        QCOMPARE(r.status, 400);
        r = admin().post(QStringLiteral("/api/alert-channels"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("chat")},
                                     {QStringLiteral("type"), QStringLiteral("slack")},
                                     {QStringLiteral("url"), QStringLiteral("https://h/x")},
                                     {QStringLiteral("secret"), QStringLiteral("s")}});
        QCOMPARE(r.status, 400);

        const QString secret = QStringLiteral("whsec-never-shown-7731");
        const QString urlToken = QStringLiteral("url-token-never-shown-5521");
        const qint64 id = createChannel(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("ops hook")},
            {QStringLiteral("type"), QStringLiteral("webhook")},
            {QStringLiteral("url"), m_receiver->url(QStringLiteral("/hook?token=") + urlToken)},
            {QStringLiteral("secret"), secret}});
        QVERIFY(id > 0);
        r = admin().get(QStringLiteral("/api/alert-channels/%1").arg(id));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("hasSecret")).toBool(), true);
        QVERIFY(!r.body.contains(secret.toUtf8()));
        // The URL (a robot's credential) is shown as its scheme, host and port only.
        QVERIFY(!r.body.contains(urlToken.toUtf8()));
        QCOMPARE(r.json().value(QLatin1String("url")).toString(),
                 m_receiver->url(QString()) + QStringLiteral("/..."));
        QVERIFY(r.json().value(QLatin1String("lastStatus")).isNull());
        // Sealed at rest.
        QSqlQuery q(m_f->database().db());
        QVERIFY(
            q.exec(QStringLiteral("SELECT secret_enc FROM alert_channels WHERE id = %1").arg(id)));
        QVERIFY(q.next());
        QVERIFY(!q.value(0).toByteArray().isEmpty());
        QVERIFY(!q.value(0).toByteArray().contains(secret.toUtf8()));
        // Nor in the audit log.
        const auto audit = admin().get(QStringLiteral("/api/audit"));
        QVERIFY(audit.body.contains("alert-channel.create"));
        QVERIFY(!audit.body.contains(secret.toUtf8()));
        QVERIFY(!audit.body.contains(urlToken.toUtf8()));

        r = admin().patch(QStringLiteral("/api/alert-channels/%1").arg(id),
                          QJsonObject{{QStringLiteral("name"), QStringLiteral("renamed")}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("name")).toString(), QStringLiteral("renamed"));
        QCOMPARE(r.json().value(QLatin1String("hasSecret")).toBool(), true);
        r = admin().patch(QStringLiteral("/api/alert-channels/%1").arg(id),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("slack")}});
        QCOMPARE(r.status, 400);
        r = admin().patch(QStringLiteral("/api/alert-channels/%1").arg(id),
                          QJsonObject{{QStringLiteral("secret"), QJsonValue::Null}});
        QCOMPARE(r.json().value(QLatin1String("hasSecret")).toBool(), false);
        QCOMPARE(admin()
                     .get(QStringLiteral("/api/alert-channels"))
                     .json()
                     .value(QLatin1String("total"))
                     .toInt(),
                 1);

        // Rules: validated against their kind and their channels.
        r = admin().post(QStringLiteral("/api/alert-rules"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                     {QStringLiteral("kind"), QStringLiteral("moon_phase")},
                                     {QStringLiteral("channelIds"), QJsonArray{id}}});
        QCOMPARE(r.status, 400);
        r = admin().post(QStringLiteral("/api/alert-rules"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("slow")},
                                     {QStringLiteral("kind"), QStringLiteral("latency_p95")},
                                     {QStringLiteral("channelIds"), QJsonArray{id}}});
        QCOMPARE(r.status, 400);
        r = admin().post(QStringLiteral("/api/alert-rules"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("slow")},
                                     {QStringLiteral("kind"), QStringLiteral("latency_p95")},
                                     {QStringLiteral("thresholdMs"), 20000},
                                     {QStringLiteral("channelIds"), QJsonArray{id + 100}}});
        QCOMPARE(r.status, 400);
        r = admin().post(QStringLiteral("/api/alert-rules"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("slow")},
                                     {QStringLiteral("kind"), QStringLiteral("latency_p95")},
                                     {QStringLiteral("thresholdMs"), 20000},
                                     {QStringLiteral("bogus"), 1},
                                     {QStringLiteral("channelIds"), QJsonArray{id}}});
        QCOMPARE(r.status, 400);
        r = admin().post(QStringLiteral("/api/alert-rules"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("slow")},
                                     {QStringLiteral("kind"), QStringLiteral("latency_p95")},
                                     {QStringLiteral("thresholdMs"), 20000},
                                     {QStringLiteral("channelIds"), QJsonArray{id}}});
        QCOMPARE(r.status, 201);
        const qint64 ruleId = r.json().value(QLatin1String("id")).toInteger();
        QCOMPARE(r.json().value(QLatin1String("windowSeconds")).toInt(), 300);
        QCOMPARE(r.json().value(QLatin1String("cooldownSeconds")).toInt(), 900);
        r = admin().patch(
            QStringLiteral("/api/alert-rules/%1").arg(ruleId),
            QJsonObject{{QStringLiteral("thresholdMs"), 9000}, {QStringLiteral("enabled"), false}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("thresholdMs")).toInt(), 9000);
        QCOMPARE(r.json().value(QLatin1String("enabled")).toBool(), false);
        // A channel in use by a rule stays.
        r = admin().del(QStringLiteral("/api/alert-channels/%1").arg(id));
        QCOMPARE(r.status, 409);
        QVERIFY2(r.body.contains("slow"), r.body.constData());
        QCOMPARE(admin().del(QStringLiteral("/api/alert-rules/%1").arg(ruleId)).status, 204);
        QCOMPARE(admin().get(QStringLiteral("/api/alert-rules/%1").arg(ruleId)).status, 404);
        QCOMPARE(admin().del(QStringLiteral("/api/alert-channels/%1").arg(id)).status, 204);
        QCOMPARE(admin().get(QStringLiteral("/api/alert-channels/%1").arg(id)).status, 404);
    }

    void channelsAndRulesStayInTheirTenant()
    {
        auto r = admin().post(QStringLiteral("/api/enterprises"),
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("acme")}});
        QCOMPARE(r.status, 201);
        const qint64 acme = r.json().value(QLatin1String("id")).toInteger();
        const qint64 system = createChannel(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("system hook")},
                        {QStringLiteral("type"), QStringLiteral("slack")},
                        {QStringLiteral("url"), m_receiver->url(QStringLiteral("/s"))}});
        const qint64 own = createChannel(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("acme hook")},
                        {QStringLiteral("type"), QStringLiteral("wecom")},
                        {QStringLiteral("url"), m_receiver->url(QStringLiteral("/w"))},
                        {QStringLiteral("enterpriseId"), acme}});
        QVERIFY(system > 0 && own > 0);
        QCOMPARE(admin()
                     .get(QStringLiteral("/api/alert-channels/%1").arg(own))
                     .json()
                     .value(QLatin1String("enterpriseId"))
                     .toInteger(),
                 acme);
        const QJsonObject base{{QStringLiteral("name"), QStringLiteral("acme errors")},
                               {QStringLiteral("kind"), QStringLiteral("error_rate")},
                               {QStringLiteral("enterpriseId"), acme}};
        QJsonObject body = base;
        body.insert(QStringLiteral("channelIds"), QJsonArray{system});
        r = admin().post(QStringLiteral("/api/alert-rules"), body);
        QCOMPARE(r.status, 400);
        QVERIFY(r.body.contains("another enterprise"));
        body.insert(QStringLiteral("channelIds"), QJsonArray{own});
        r = admin().post(QStringLiteral("/api/alert-rules"), body);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(QLatin1String("enterpriseId")).toInteger(), acme);
        // A system-wide rule cannot use the enterprise's channel.
        r = admin().post(QStringLiteral("/api/alert-rules"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("all errors")},
                                     {QStringLiteral("kind"), QStringLiteral("error_rate")},
                                     {QStringLiteral("channelIds"), QJsonArray{own}}});
        QCOMPARE(r.status, 400);
        // Account alerts are system-wide.
        body = base;
        body.insert(QStringLiteral("kind"), QStringLiteral("account_cooldown"));
        body.insert(QStringLiteral("channelIds"), QJsonArray{own});
        r = admin().post(QStringLiteral("/api/alert-rules"), body);
        QCOMPARE(r.status, 400);
        QVERIFY(r.body.contains("system-wide"));

        // The enterprise's administrator sees its own channel only.
        QCOMPARE(
            admin()
                .post(QStringLiteral("/api/users"),
                      QJsonObject{{QStringLiteral("email"), QStringLiteral("boss@acme.example")},
                                  {QStringLiteral("password"), QStringLiteral("acme-pass-1234")},
                                  {QStringLiteral("enterpriseId"), acme}})
                .status,
            201);
        const auto users = admin().get(QStringLiteral("/api/users")).json();
        qint64 boss = 0;
        for (const QJsonValue &u : users.value(QLatin1String("items")).toArray()) {
            if (u.toObject().value(QLatin1String("email")).toString() ==
                QLatin1String("boss@acme.example"))
                boss = u.toObject().value(QLatin1String("id")).toInteger();
        }
        QVERIFY(boss > 0);
        QCOMPARE(admin()
                     .post(QStringLiteral("/api/users/%1/roles").arg(boss),
                           QJsonObject{{QStringLiteral("role"), QStringLiteral("enterprise_admin")},
                                       {QStringLiteral("scope"), QStringLiteral("enterprise")},
                                       {QStringLiteral("scopeId"), acme}})
                     .status,
                 201);
        TestHttpClient tenant(m_f->daemon().baseUrl());
        const auto login = tenant.post(
            QStringLiteral("/api/auth/login"),
            QJsonObject{{QStringLiteral("email"), QStringLiteral("boss@acme.example")},
                        {QStringLiteral("password"), QStringLiteral("acme-pass-1234")}});
        QCOMPARE(login.status, 200);
        tenant.setBearerToken(login.json().value(QLatin1String("token")).toString().toLatin1());
        const auto list = tenant.get(QStringLiteral("/api/alert-channels")).json();
        QCOMPARE(list.value(QLatin1String("total")).toInt(), 1);
        QCOMPARE(list.value(QLatin1String("items"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("id"))
                     .toInteger(),
                 own);
        QCOMPARE(tenant.get(QStringLiteral("/api/alert-channels/%1").arg(system)).status, 404);
        QCOMPARE(tenant
                     .post(QStringLiteral("/api/alert-channels"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("sneaky")},
                                       {QStringLiteral("type"), QStringLiteral("slack")},
                                       {QStringLiteral("url"), QStringLiteral("https://h/x")}})
                     .status,
                 403);
        QCOMPARE(tenant.get(QStringLiteral("/api/alert-rules"))
                     .json()
                     .value(QLatin1String("total"))
                     .toInt(),
                 1);

        // The enterprise's channel may not reach a loopback address (the daemon's host): the
        // test post is refused before connecting, and says why; the system-wide channel may.
        const auto refused =
            tenant.post(QStringLiteral("/api/alert-channels/%1/test").arg(own), QJsonObject{});
        QCOMPARE(refused.status, 200);
        QCOMPARE(refused.json().value(QLatin1String("sent")).toBool(), false);
        QVERIFY2(refused.json()
                     .value(QLatin1String("error"))
                     .toString()
                     .contains(QStringLiteral("loopback, private or link-local")),
                 refused.body.constData());
        QVERIFY(m_receiver->requests().isEmpty());
        QCOMPARE(testChannel(system).value(QLatin1String("sent")).toBool(), true);
        QCOMPARE(m_receiver->requests().size(), 1);
        QCOMPARE(m_receiver->requests().at(0).target, QByteArray("/s"));
    }

    void testMessagesAreSignedPerChannelType()
    {
        // Generic webhook: HMAC-SHA256 of the body.
        const qint64 hook = createChannel(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("hook")},
                        {QStringLiteral("type"), QStringLiteral("webhook")},
                        {QStringLiteral("url"), m_receiver->url(QStringLiteral("/hook?x=1"))},
                        {QStringLiteral("secret"), QStringLiteral("whsec-1")}});
        QJsonObject result = testChannel(hook);
        QCOMPARE(result.value(QLatin1String("sent")).toBool(), true);
        QCOMPARE(result.value(QLatin1String("status")).toInt(), 200);
        QCOMPARE(m_receiver->requests().size(), 1);
        AlertReceiver::Request req = m_receiver->requests().at(0);
        QCOMPARE(req.target, QByteArray("/hook?x=1"));
        QCOMPARE(req.headers.value("x-aicarpool-signature"),
                 "sha256=" + Crypto::hmacSha256("whsec-1", req.body).toHex());
        QCOMPARE(
            QJsonDocument::fromJson(req.body).object().value(QLatin1String("event")).toString(),
            QStringLiteral("channel.test"));
        auto channel = admin().get(QStringLiteral("/api/alert-channels/%1").arg(hook)).json();
        QCOMPARE(channel.value(QLatin1String("lastStatus")).toString(), QStringLiteral("sent"));
        QCOMPARE(channel.value(QLatin1String("sentCount")).toInt(), 1);

        // DingTalk: timestamp (ms) and sign in the URL.
        m_receiver->answerWith(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        const qint64 ding = createChannel(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("ding")},
                        {QStringLiteral("type"), QStringLiteral("dingtalk")},
                        {QStringLiteral("url"),
                         m_receiver->url(QStringLiteral("/robot/send?access_token=tok"))},
                        {QStringLiteral("secret"), QStringLiteral("SEC-ding-1")}});
        result = testChannel(ding);
        QCOMPARE(result.value(QLatin1String("sent")).toBool(), true);
        req = m_receiver->requests().at(1);
        const QUrlQuery query(QString::fromLatin1(req.target.mid(req.target.indexOf('?') + 1)));
        QCOMPARE(query.queryItemValue(QStringLiteral("access_token")), QStringLiteral("tok"));
        const QByteArray ts = query.queryItemValue(QStringLiteral("timestamp")).toLatin1();
        QVERIFY(ts.size() == 13); // milliseconds
        const QByteArray sign =
            QUrl::fromPercentEncoding(
                query.queryItemValue(QStringLiteral("sign"), QUrl::FullyEncoded).toLatin1())
                .toLatin1();
        QCOMPARE(sign, Crypto::hmacSha256("SEC-ding-1", ts + "\nSEC-ding-1").toBase64());
        QJsonObject body = QJsonDocument::fromJson(req.body).object();
        QCOMPARE(body.value(QLatin1String("msgtype")).toString(), QStringLiteral("text"));
        QVERIFY(body.value(QLatin1String("text"))
                    .toObject()
                    .value(QLatin1String("content"))
                    .toString()
                    .contains(QStringLiteral("ding")));

        // Feishu: timestamp (s) and sign in the body.
        m_receiver->answerWith(200, "{\"code\":0,\"msg\":\"success\"}");
        const qint64 feishu = createChannel(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("lark")},
                        {QStringLiteral("type"), QStringLiteral("feishu")},
                        {QStringLiteral("url"), m_receiver->url(QStringLiteral("/bot"))},
                        {QStringLiteral("secret"), QStringLiteral("SEC-lark")}});
        result = testChannel(feishu);
        QCOMPARE(result.value(QLatin1String("sent")).toBool(), true);
        body = QJsonDocument::fromJson(m_receiver->requests().at(2).body).object();
        QCOMPARE(body.value(QLatin1String("msg_type")).toString(), QStringLiteral("text"));
        const QByteArray secs = body.value(QLatin1String("timestamp")).toString().toLatin1();
        QCOMPARE(secs.size(), 10);
        QCOMPARE(body.value(QLatin1String("sign")).toString().toLatin1(),
                 Crypto::hmacSha256(secs + "\nSEC-lark", QByteArray()).toBase64());

        // A robot that refuses the message in its answer, and a receiver that fails: both are
        // failures recorded on the channel.
        m_receiver->answerWith(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
        result = testChannel(ding);
        QCOMPARE(result.value(QLatin1String("sent")).toBool(), false);
        QVERIFY(result.value(QLatin1String("error")).toString().contains(QStringLiteral("310000")));
        m_receiver->answerWith(500, "{}");
        result = testChannel(hook);
        QCOMPARE(result.value(QLatin1String("sent")).toBool(), false);
        QCOMPARE(result.value(QLatin1String("status")).toInt(), 500);
        channel = admin().get(QStringLiteral("/api/alert-channels/%1").arg(hook)).json();
        QCOMPARE(channel.value(QLatin1String("lastStatus")).toString(), QStringLiteral("failed"));
        QCOMPARE(channel.value(QLatin1String("failureCount")).toInt(), 1);
        QVERIFY(
            channel.value(QLatin1String("lastError")).toString().contains(QStringLiteral("500")));
        QVERIFY(!channel.value(QLatin1String("lastSuccessAt")).isNull());
        const QByteArray metrics = admin().get(QStringLiteral("/metrics")).body;
        QVERIFY2(metrics.contains("aicarpool_alert_deliveries_sent_total 3"), metrics.constData());
        QVERIFY(metrics.contains("aicarpool_alert_deliveries_failed_total 2"));
    }

    void errorRateFromRelayedCallsIsDeliveredAndHandled()
    {
        const QString email = QStringLiteral("oncall-%1@example.com")
                                  .arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
        const qint64 mail =
            createChannel(QJsonObject{{QStringLiteral("name"), QStringLiteral("on call")},
                                      {QStringLiteral("type"), QStringLiteral("email")},
                                      {QStringLiteral("emails"), QJsonArray{email}}});
        const qint64 hook = createChannel(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("hook")},
                        {QStringLiteral("type"), QStringLiteral("webhook")},
                        {QStringLiteral("url"), m_receiver->url(QStringLiteral("/incidents"))},
                        {QStringLiteral("secret"), QStringLiteral("whsec-2")}});
        QVERIFY(mail > 0 && hook > 0);
        auto r =
            admin().post(QStringLiteral("/api/alert-rules"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("upstream errors")},
                                     {QStringLiteral("kind"), QStringLiteral("error_rate")},
                                     {QStringLiteral("windowSeconds"), 600},
                                     {QStringLiteral("thresholdPercent"), 50},
                                     {QStringLiteral("minRequests"), 4},
                                     {QStringLiteral("channelIds"), QJsonArray{mail, hook}}});
        QCOMPARE(r.status, 201);
        const qint64 ruleId = r.json().value(QLatin1String("id")).toInteger();
        // The engine subscribes to the calls once it has seen the rule.
        QTest::qWait(600);

        TestHttpClient client(m_f->daemon().baseUrl());
        for (int i = 0; i < 4; ++i) {
            const auto reply =
                client.post(QStringLiteral("/v1/messages"),
                            RelayFixture::anthropicBody(QStringLiteral("x mock:status=500")),
                            {{"x-api-key", m_f->key()}, {"anthropic-version", "2023-06-01"}});
            QVERIFY2(reply.status >= 500, qPrintable(QString::number(reply.status)));
        }
        QVERIFY2(m_receiver->waitFor(1), "no incident reached the webhook");
        const AlertReceiver::Request req = m_receiver->requests().at(0);
        QCOMPARE(req.headers.value("x-aicarpool-signature"),
                 "sha256=" + Crypto::hmacSha256("whsec-2", req.body).toHex());
        const QJsonObject incident =
            QJsonDocument::fromJson(req.body).object().value(QLatin1String("incident")).toObject();
        QCOMPARE(incident.value(QLatin1String("kind")).toString(), QStringLiteral("error_rate"));
        QCOMPARE(incident.value(QLatin1String("ruleId")).toInteger(), ruleId);
        const qint64 incidentId = incident.value(QLatin1String("id")).toInteger();

        const QString delivered = waitForMail(email);
        QVERIFY2(!delivered.isEmpty(), "no alert email arrived in the sink's Maildir");
        QVERIFY2(delivered.contains(QStringLiteral("upstream errors")), qPrintable(delivered));
        QVERIFY(delivered.contains(QStringLiteral("/api/incidents/%1/ack").arg(incidentId)));

        // One incident while it lasts, listed and filtered.
        QTest::qWait(600);
        auto list = admin().get(QStringLiteral("/api/incidents?state=open&ruleId=%1").arg(ruleId));
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value(QLatin1String("total")).toInt(), 1);
        QCOMPARE(list.json()
                     .value(QLatin1String("items"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("ruleName"))
                     .toString(),
                 QStringLiteral("upstream errors"));
        QCOMPARE(m_receiver->requests().size(), 1);
        QCOMPARE(admin().get(QStringLiteral("/api/incidents?state=bogus")).status, 400);

        r = admin().post(QStringLiteral("/api/incidents/%1/ack").arg(incidentId), QJsonObject{});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("state")).toString(), QStringLiteral("acknowledged"));
        QVERIFY(!r.json().value(QLatin1String("acknowledgedBy")).isNull());
        QCOMPARE(admin()
                     .post(QStringLiteral("/api/incidents/%1/ack").arg(incidentId), QJsonObject{})
                     .status,
                 409);
        r = admin().post(QStringLiteral("/api/incidents/%1/resolve").arg(incidentId),
                         QJsonObject{});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(QLatin1String("state")).toString(), QStringLiteral("resolved"));
        QCOMPARE(r.json().value(QLatin1String("autoResolved")).toBool(), false);
        QCOMPARE(admin()
                     .get(QStringLiteral("/api/incidents/%1").arg(incidentId))
                     .json()
                     .value(QLatin1String("state"))
                     .toString(),
                 QStringLiteral("resolved"));
        const auto audit = admin().get(QStringLiteral("/api/audit"));
        QVERIFY(audit.body.contains("incident.ack"));
        QVERIFY(audit.body.contains("incident.resolve"));
        // Both channels show the delivery.
        QTRY_COMPARE_WITH_TIMEOUT(admin()
                                      .get(QStringLiteral("/api/alert-channels/%1").arg(mail))
                                      .json()
                                      .value(QLatin1String("lastStatus"))
                                      .toString(),
                                  QStringLiteral("sent"), 20000);
    }
};

QTEST_GUILESS_MAIN(TestAlertsApi)
#include "TestAlertsApi.moc"
