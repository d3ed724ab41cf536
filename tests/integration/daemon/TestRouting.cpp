// SPDX-License-Identifier: GPL-3.0-or-later
// Routing through the real daemon: failover, cooldowns, sticky sessions, pools and strategies,
// and accounts behind real HTTP and SOCKS5 proxies (tinyproxy, microsocks started here).
#include "RelayFixture.h"
#include "TestEnv.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

// A proxy server process of our own, so a test may stop it.
class ProxyProcess
{
public:
    ~ProxyProcess() { stop(); }
    bool startTinyproxy(QString *error)
    {
        m_port = TestEnv::freePort();
        const QString conf = m_dir.filePath(QStringLiteral("tinyproxy.conf"));
        QFile f(conf);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write(QStringLiteral("Port %1\nListen 127.0.0.1\nTimeout 60\nMaxClients 100\n"
                               "Allow 127.0.0.1\nLogFile \"%2\"\nLogLevel Connect\n"
                               "DisableViaHeader Yes\n")
                    .arg(m_port)
                    .arg(m_dir.filePath(QStringLiteral("tinyproxy.log")))
                    .toUtf8());
        f.close();
        // -d: stay in the foreground, so QProcess owns it.
        return start(QStringLiteral("tinyproxy"),
                     {QStringLiteral("-d"), QStringLiteral("-c"), conf}, error);
    }
    bool startMicrosocks(const QString &user, const QString &password, QString *error)
    {
        m_port = TestEnv::freePort();
        return start(QStringLiteral("microsocks"),
                     {QStringLiteral("-i"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                      QString::number(m_port), QStringLiteral("-u"), user, QStringLiteral("-P"),
                      password},
                     error);
    }
    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    quint16 port() const { return m_port; }
    QString log() const
    {
        QFile f(m_dir.filePath(QStringLiteral("tinyproxy.log")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

private:
    bool start(const QString &program, const QStringList &args, QString *error)
    {
        const QString path = QStandardPaths::findExecutable(
            program,
            {QStringLiteral("/usr/bin"), QStringLiteral("/usr/sbin"), QStringLiteral("/bin")});
        if (path.isEmpty()) {
            *error = program + QStringLiteral(" is not installed");
            return false;
        }
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(path, args);
        if (!m_process.waitForStarted(5000)) {
            *error = program + QStringLiteral(" did not start");
            return false;
        }
        for (int i = 0; i < 100; ++i) {
            QTcpSocket s;
            s.connectToHost(QStringLiteral("127.0.0.1"), m_port);
            if (s.waitForConnected(100))
                return true;
            QTest::qWait(50);
        }
        *error = program + QStringLiteral(" is not listening: ") +
                 QString::fromUtf8(m_process.readAll());
        return false;
    }

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace

class TestRouting final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;

    qint64 addAccount(const QJsonObject &fields)
    {
        QJsonObject body{{QStringLiteral("provider"), QStringLiteral("anthropic")},
                         {QStringLiteral("baseUrl"), m_f->mock().baseUrl()},
                         {QStringLiteral("apiKey"), QStringLiteral("sk-ant-other")}};
        for (auto it = fields.begin(); it != fields.end(); ++it)
            body.insert(it.key(), it.value());
        const auto r = m_f->admin().post(QStringLiteral("/api/accounts"), body);
        return r.status == 201 ? r.json().value(QLatin1String("id")).toInteger() : 0;
    }
    TestHttpClient::Reply message(const QString &text, const QByteArray &session = {},
                                  const QByteArray &key = {})
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        TestHttpClient::Headers h = {{"x-api-key", key.isEmpty() ? m_f->key() : key}};
        if (!session.isEmpty())
            h.push_back({"x-session-id", session});
        return client.post(QStringLiteral("/v1/messages"), RelayFixture::anthropicBody(text), h);
    }
    // The newest ledger row (waits for `count` rows in total).
    QJsonObject lastRow(int count)
    {
        const QJsonArray rows = m_f->waitForUsage(count);
        return rows.isEmpty() ? QJsonObject() : rows.first().toObject();
    }
    static qint64 servedBy(const QJsonObject &row)
    {
        return row.value(QLatin1String("accountId")).toInteger();
    }

private Q_SLOTS:
    void init()
    {
        m_f = std::make_unique<RelayFixture>();
        QString error;
        bool skip = false;
        QVERIFY2(m_f->setUp(QStringLiteral("sqlite"), &error, &skip), qPrintable(error));
    }

    void cleanup() { m_f.reset(); }

    void rateLimitedAccountFailsOverAndCoolsDownBriefly()
    {
        const qint64 first = m_f->anthropicAccountId(); // priority 50
        const qint64 second = addAccount(
            {{QStringLiteral("name"), QStringLiteral("backup")}, {QStringLiteral("priority"), 60}});
        QVERIFY(second);
        m_f->mock().failNext(1, 429);
        const auto reply = message(QStringLiteral("hello"));
        QCOMPARE(reply.status, 200); // the client never saw the 429
        const QJsonObject row = lastRow(1);
        QCOMPARE(row.value(QLatin1String("attempts")).toInt(), 2);
        const QJsonArray log = row.value(QLatin1String("attemptLog")).toArray();
        QCOMPARE(log.size(), 2);
        QCOMPARE(log.at(0).toObject().value(QLatin1String("accountId")).toInteger(), first);
        QCOMPARE(log.at(0).toObject().value(QLatin1String("status")).toInt(), 429);
        QCOMPARE(log.at(1).toObject().value(QLatin1String("accountId")).toInteger(), second);
        QCOMPARE(servedBy(row), second);

        // A single 429 benches the account for its retry-after (2 s), not for hours.
        const auto health =
            m_f->admin().get(QStringLiteral("/api/accounts/%1/health").arg(first)).json();
        const qint64 until = health.value(QLatin1String("cooldownUntilMs")).toInteger();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY2(until > now && until - now <= 5000,
                 qPrintable(QString::fromUtf8(QJsonDocument(health).toJson())));
        // While it cools down the next request goes straight to the backup...
        QCOMPARE(message(QStringLiteral("again")).status, 200);
        QCOMPARE(lastRow(2).value(QLatin1String("attempts")).toInt(), 1);
        QCOMPARE(servedBy(lastRow(2)), second);
        // ...and afterwards the preferred account is back.
        QTest::qWait(int(until - QDateTime::currentMSecsSinceEpoch()) + 100);
        QCOMPARE(message(QStringLiteral("later")).status, 200);
        QCOMPARE(servedBy(lastRow(3)), first);
    }

    void clientErrorsAreReturnedNotRetried()
    {
        QVERIFY(addAccount({{QStringLiteral("name"), QStringLiteral("backup")}}));
        const auto reply = message(QStringLiteral("bad mock:status=400"));
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.value(QStringLiteral("error.type")).toString(),
                 QStringLiteral("invalid_request_error"));
        QCOMPARE(lastRow(1).value(QLatin1String("attempts")).toInt(), 1);
    }

    void everyAccountCoolingDownIs503WithRetryTime()
    {
        const qint64 only = m_f->anthropicAccountId();
        m_f->mock().failNext(1, 529);
        QCOMPARE(message(QStringLiteral("x")).status, 529); // no other account: relayed as is
        const auto reply = message(QStringLiteral("y"));
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.value(QStringLiteral("error.type")).toString(),
                 QStringLiteral("overloaded_error"));
        QVERIFY(reply.value(QStringLiteral("error.message"))
                    .toString()
                    .contains(QLatin1String("cooling down")));
        const int retryAfter = reply.header("retry-after").toInt();
        QVERIFY2(retryAfter > 30 && retryAfter <= 60, reply.header("retry-after").constData());
        // An administrator can put it back at once.
        QCOMPARE(m_f->admin().del(QStringLiteral("/api/accounts/%1/cooldown").arg(only)).status,
                 204);
        QCOMPARE(message(QStringLiteral("z")).status, 200);
    }

    void stickySessionsStayAndMoveWhenTheirAccountFails()
    {
        const qint64 a = m_f->anthropicAccountId();
        const qint64 b = addAccount({{QStringLiteral("name"), QStringLiteral("peer")}});
        QVERIFY(b);
        // Without a session, load is spread over the tier.
        QSet<qint64> spread;
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(message(QStringLiteral("question %1").arg(i)).status, 200);
            spread.insert(servedBy(lastRow(i + 1)));
        }
        QCOMPARE(spread, (QSet<qint64>{a, b}));
        // One conversation stays on one account.
        QSet<qint64> bound;
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(message(QStringLiteral("turn %1").arg(i), "conv-1").status, 200);
            bound.insert(servedBy(lastRow(5 + i)));
        }
        QCOMPARE(bound.size(), 1);
        const qint64 home = *bound.begin();
        const qint64 other = home == a ? b : a;
        // Its account fails: the request moves, and the conversation follows.
        m_f->mock().failNext(1, 503);
        QCOMPARE(message(QStringLiteral("turn 5"), "conv-1").status, 200);
        QCOMPARE(lastRow(9).value(QLatin1String("attempts")).toInt(), 2);
        QCOMPARE(servedBy(lastRow(9)), other);
        QCOMPARE(message(QStringLiteral("turn 6"), "conv-1").status, 200);
        QCOMPARE(servedBy(lastRow(10)), other);
        QCOMPARE(lastRow(10).value(QLatin1String("attempts")).toInt(), 1);
    }

    void keysBoundToPoolsUseThePoolAndItsStrategy()
    {
        const qint64 a = m_f->anthropicAccountId();
        const qint64 b = addAccount(
            {{QStringLiteral("name"), QStringLiteral("b")}, {QStringLiteral("weight"), 3}});
        const auto pool =
            m_f->admin().post(QStringLiteral("/api/pools"),
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("weighted")},
                                          {QStringLiteral("strategy"), QStringLiteral("weighted")},
                                          {QStringLiteral("accountIds"), QJsonArray{a, b}}});
        QCOMPARE(pool.status, 201);
        const QJsonObject key = m_f->createKey(
            {{QStringLiteral("poolId"), pool.json().value(QLatin1String("id")).toInteger()}});
        const QByteArray k = key.value(QLatin1String("key")).toString().toLatin1();
        QVERIFY(!k.isEmpty());
        QHash<qint64, int> counts;
        for (int i = 0; i < 40; ++i) {
            QCOMPARE(message(QStringLiteral("w %1").arg(i), {}, k).status, 200);
        }
        for (const QJsonValue &v : m_f->waitForUsage(40))
            ++counts[servedBy(v.toObject())];
        // weight 1 : 3, 40 picks: expect about 10 : 30.
        QVERIFY2(counts.value(b) >= 22 && counts.value(a) >= 3,
                 qPrintable(QStringLiteral("a=%1 b=%2").arg(counts.value(a)).arg(counts.value(b))));

        // A pool of one account: the key never reaches another.
        const auto single =
            m_f->admin().post(QStringLiteral("/api/pools"),
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("only-b")},
                                          {QStringLiteral("strategy"), QStringLiteral("priority")},
                                          {QStringLiteral("accountIds"), QJsonArray{b}}});
        const QJsonObject bKey = m_f->createKey(
            {{QStringLiteral("poolId"), single.json().value(QLatin1String("id")).toInteger()}});
        const QByteArray kb = bKey.value(QLatin1String("key")).toString().toLatin1();
        for (int i = 0; i < 5; ++i)
            QCOMPARE(message(QStringLiteral("b %1").arg(i), {}, kb).status, 200);
        const QJsonArray rows = m_f->waitForUsage(45);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(servedBy(rows.at(i).toObject()), b);
    }

    void refusedCredentialsFlagTheAccount()
    {
        const qint64 first = m_f->anthropicAccountId();
        const qint64 second = addAccount(
            {{QStringLiteral("name"), QStringLiteral("backup")}, {QStringLiteral("priority"), 60}});
        m_f->mock().failNext(1, 401);
        QCOMPARE(message(QStringLiteral("x")).status, 200); // served by the backup
        const QJsonObject row = lastRow(1);
        QCOMPARE(servedBy(row), second);
        // The administrator sees the flag on the account, and its long cooldown.
        QTRY_VERIFY_WITH_TIMEOUT(m_f->admin()
                                     .get(QStringLiteral("/api/accounts/%1").arg(first))
                                     .json()
                                     .value(QLatin1String("needsAttention"))
                                     .toBool(),
                                 3000);
        const auto health =
            m_f->admin().get(QStringLiteral("/api/accounts/%1/health").arg(first)).json();
        QVERIFY(health.value(QLatin1String("needsAttention")).toBool());
        QVERIFY(health.value(QLatin1String("cooldownRemainingMs")).toInteger() > 20 * 60 * 1000);
        // Back in service (by hand here) and successful: the flag clears.
        QCOMPARE(m_f->admin().del(QStringLiteral("/api/accounts/%1/cooldown").arg(first)).status,
                 204);
        QCOMPARE(message(QStringLiteral("y")).status, 200);
        QCOMPARE(servedBy(lastRow(2)), first);
        QTRY_VERIFY_WITH_TIMEOUT(!m_f->admin()
                                      .get(QStringLiteral("/api/accounts/%1").arg(first))
                                      .json()
                                      .value(QLatin1String("needsAttention"))
                                      .toBool(),
                                 3000);
    }

    void healthProbesBringAccountsBack()
    {
        // A daemon that probes every second.
        m_f = std::make_unique<RelayFixture>();
        m_f->setDaemonEnv(QStringLiteral("AICARPOOL_PROBE_INTERVAL"), QStringLiteral("1"));
        QString error;
        bool skip = false;
        QVERIFY2(m_f->setUp(QStringLiteral("sqlite"), &error, &skip), qPrintable(error));
        m_f->mock().failNext(1, 529); // 60 s cooldown
        QCOMPARE(message(QStringLiteral("x")).status, 529);
        QCOMPARE(message(QStringLiteral("y")).status, 503);
        // The probe (a free count_tokens call) succeeds and ends the cooldown early.
        QTRY_COMPARE_WITH_TIMEOUT(message(QStringLiteral("z")).status, 200, 6000);
        bool probed = false;
        for (const QJsonValue &r : m_f->mock().requests())
            probed |= r.toObject().value(QLatin1String("path")).toString() ==
                      QLatin1String("/v1/messages/count_tokens");
        QVERIFY(probed);
    }

    void untranslatableRequestsAndForeignModelsGoToTheRightAccount()
    {
        // An Anthropic account that takes gpt-4o (translated) is preferred...
        QCOMPARE(
            m_f->admin()
                .patch(QStringLiteral("/api/accounts/%1").arg(m_f->anthropicAccountId()),
                       QJsonObject{{QStringLiteral("models"), QJsonArray{QStringLiteral("gpt-4o")}},
                                   {QStringLiteral("priority"), 1}})
                .status,
            200);
        TestHttpClient client(m_f->daemon().baseUrl());
        const TestHttpClient::Headers h = {{"authorization", "Bearer " + m_f->key()}};
        // ...but "n": 2 cannot be expressed for Anthropic: the native OpenAI account takes it.
        QJsonObject body = RelayFixture::openaiBody(QStringLiteral("two please"));
        body.insert(QStringLiteral("n"), 2);
        QCOMPARE(client.post(QStringLiteral("/v1/chat/completions"), body, h).status, 200);
        QJsonObject row = lastRow(1);
        QCOMPARE(servedBy(row), m_f->openaiAccountId());
        QCOMPARE(row.value(QLatin1String("attempts")).toInt(), 2);
        // A Claude model is never sent to a generic OpenAI-compatible account.
        const auto foreign = client.post(
            QStringLiteral("/v1/chat/completions"),
            RelayFixture::openaiBody(QStringLiteral("x"), false, QStringLiteral("claude-opus-4-1")),
            h);
        QCOMPARE(foreign.status, 404);
        QVERIFY(foreign.value(QStringLiteral("error.message"))
                    .toString()
                    .contains(QLatin1String("claude-opus-4-1")));
    }

    void accountsBehindProxiesFailOverWhenTheProxyStops()
    {
        QString error;
        ProxyProcess http;
        if (!http.startTinyproxy(&error)) {
            if (TestEnv::servicesRequired())
                QFAIL(qPrintable(error));
            QSKIP(qPrintable(error));
        }
        ProxyProcess socks;
        QVERIFY2(socks.startMicrosocks(QStringLiteral("relay"), QStringLiteral("s3cret"), &error),
                 qPrintable(error));
        const qint64 direct = m_f->anthropicAccountId(); // priority 50
        const qint64 viaHttp = addAccount(
            {{QStringLiteral("name"), QStringLiteral("via-http")},
             {QStringLiteral("priority"), 10},
             {QStringLiteral("proxy"), QStringLiteral("http://127.0.0.1:%1").arg(http.port())}});
        QVERIFY(viaHttp);
        QCOMPARE(message(QStringLiteral("through tinyproxy")).status, 200);
        QCOMPARE(servedBy(lastRow(1)), viaHttp);
        QTRY_VERIFY_WITH_TIMEOUT(http.log().contains(QLatin1String("CONNECT")), 3000);

        // The proxy goes away: the account fails (connect error) and the request moves on.
        http.stop();
        QCOMPARE(message(QStringLiteral("proxy down")).status, 200);
        QJsonObject row = lastRow(2);
        QCOMPARE(row.value(QLatin1String("attempts")).toInt(), 2);
        QCOMPARE(row.value(QLatin1String("attemptLog"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("accountId"))
                     .toInteger(),
                 viaHttp);
        QCOMPARE(servedBy(row), direct);

        // SOCKS5 with a password (remote DNS); a wrong password fails over too.
        const qint64 viaSocks =
            addAccount({{QStringLiteral("name"), QStringLiteral("via-socks")},
                        {QStringLiteral("priority"), 5},
                        {QStringLiteral("proxy"),
                         QStringLiteral("socks5h://relay:s3cret@127.0.0.1:%1").arg(socks.port())}});
        QVERIFY(viaSocks);
        QCOMPARE(message(QStringLiteral("through socks")).status, 200);
        QCOMPARE(servedBy(lastRow(3)), viaSocks);
        QCOMPARE(m_f->admin()
                     .patch(QStringLiteral("/api/accounts/%1").arg(viaSocks),
                            QJsonObject{{QStringLiteral("proxy"),
                                         QStringLiteral("socks5h://relay:wrong@127.0.0.1:%1")
                                             .arg(socks.port())}})
                     .status,
                 200);
        QCOMPARE(message(QStringLiteral("bad password")).status, 200);
        row = lastRow(4);
        QCOMPARE(row.value(QLatin1String("attempts")).toInt(), 2);
        QCOMPARE(servedBy(row), direct);
        // No proxy password in the ledger or the log.
        QVERIFY(!QJsonDocument(row).toJson().contains("s3cret"));
        QVERIFY(!m_f->daemon().log().contains(QLatin1String("s3cret")));
    }
};

QTEST_GUILESS_MAIN(TestRouting)
#include "TestRouting.moc"
