// SPDX-License-Identifier: GPL-3.0-or-later
// /api/pools, /api/proxies, account proxies and key binding through the real daemon, on SQLite
// and MariaDB; the proxy test endpoint through real tinyproxy and microsocks servers
// (tests/support/services.sh).
#include "RelayFixture.h"
#include "TestEnv.h"

#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QTest>
#include <QUrl>

class TestPoolProxyApi final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;

    TestHttpClient &admin() { return m_f->admin(); }

    static QString env(const char *name)
    {
        return QProcessEnvironment::systemEnvironment().value(QLatin1String(name));
    }

    // The proxy URL from the environment, or skips (fails under CI=true) when it is not set.
    static bool proxyFromEnv(const char *name, QString *url)
    {
        *url = env(name);
        return !url->isEmpty();
    }

    qint64 count(const QString &path)
    {
        return admin().get(path).json().value(QLatin1String("total")).toInteger(-1);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_f = std::make_unique<RelayFixture>();
        QString error;
        bool skip = false;
        if (!m_f->setUp(backend, &error, &skip)) {
            if (skip)
                QSKIP(qPrintable(error));
            QFAIL(qPrintable(error));
        }
    }

    void cleanup() { m_f.reset(); }

    void poolsCrudAndValidation()
    {
        const qint64 a1 = m_f->anthropicAccountId();
        const qint64 a2 = m_f->openaiAccountId();
        auto created =
            admin().post(QStringLiteral("/api/pools"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("team-a")},
                                     {QStringLiteral("strategy"), QStringLiteral("weighted")},
                                     {QStringLiteral("accountIds"), QJsonArray{a2, a1}}});
        QCOMPARE(created.status, 201);
        const qint64 id = created.json().value(QLatin1String("id")).toInteger();
        QCOMPARE(created.json().value(QLatin1String("strategy")).toString(),
                 QStringLiteral("weighted"));
        QCOMPARE(created.json().value(QLatin1String("accountIds")).toArray(),
                 (QJsonArray{qMin(a1, a2), qMax(a1, a2)}));

        // Bad input: each a 400 naming what is wrong, and nothing saved.
        auto bad = admin().post(QStringLiteral("/api/pools"),
                                QJsonObject{{QStringLiteral("name"), QStringLiteral("team-b")},
                                            {QStringLiteral("strategy"), QStringLiteral("fast")}});
        QCOMPARE(bad.status, 400);
        for (const char *s :
             {"priority", "weighted", "round_robin", "least_busy", "lowest_latency", "lowest_cost"})
            QVERIFY2(bad.body.contains(s), bad.body.constData());
        bad = admin().post(QStringLiteral("/api/pools"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("team-b")},
                                       {QStringLiteral("accountIds"), QJsonArray{a1, 987654}}});
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.body.contains("987654"), bad.body.constData());
        bad = admin().post(QStringLiteral("/api/pools"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("team-a")}});
        QCOMPARE(bad.status, 409);
        QCOMPARE(count(QStringLiteral("/api/pools")), 1);

        // A failed update leaves the pool as it was.
        bad = admin().patch(QStringLiteral("/api/pools/%1").arg(id),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("renamed")},
                                        {QStringLiteral("accountIds"), QJsonArray{a1, 55555}}});
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.body.contains("55555"));
        auto got = admin().get(QStringLiteral("/api/pools/%1").arg(id));
        QCOMPARE(got.json().value(QLatin1String("name")).toString(), QStringLiteral("team-a"));
        QCOMPARE(got.json().value(QLatin1String("accountIds")).toArray().size(), 2);

        auto patched =
            admin().patch(QStringLiteral("/api/pools/%1").arg(id),
                          QJsonObject{{QStringLiteral("strategy"), QStringLiteral("least_busy")},
                                      {QStringLiteral("accountIds"), QJsonArray{a1}}});
        QCOMPARE(patched.status, 200);
        QCOMPARE(patched.json().value(QLatin1String("accountIds")).toArray(), QJsonArray{a1});
        QCOMPARE(patched.json().value(QLatin1String("name")).toString(), QStringLiteral("team-a"));

        // Keys bind to pools; a bound pool cannot be deleted.
        auto key = admin().post(QStringLiteral("/api/keys"),
                                QJsonObject{{QStringLiteral("name"), QStringLiteral("pooled")},
                                            {QStringLiteral("poolId"), id}});
        QCOMPARE(key.status, 201);
        QCOMPARE(key.json().value(QLatin1String("poolId")).toInteger(), id);
        const qint64 keyId = key.json().value(QLatin1String("id")).toInteger();
        QCOMPARE(admin()
                     .post(QStringLiteral("/api/keys"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                       {QStringLiteral("poolId"), 424242}})
                     .status,
                 400);
        auto del = admin().del(QStringLiteral("/api/pools/%1").arg(id));
        QCOMPARE(del.status, 409);
        QVERIFY2(del.body.contains("pooled"), del.body.constData());
        auto unbind = admin().patch(QStringLiteral("/api/keys/%1").arg(keyId),
                                    QJsonObject{{QStringLiteral("poolId"), QJsonValue()}});
        QCOMPARE(unbind.status, 200);
        QVERIFY(unbind.json().value(QLatin1String("poolId")).isNull());
        QCOMPARE(admin()
                     .patch(QStringLiteral("/api/keys/%1").arg(keyId),
                            QJsonObject{{QStringLiteral("poolId"), 31337}})
                     .status,
                 400);
        QCOMPARE(admin().del(QStringLiteral("/api/pools/%1").arg(id)).status, 204);
        QCOMPARE(admin().get(QStringLiteral("/api/pools/%1").arg(id)).status, 404);
        QCOMPARE(count(QStringLiteral("/api/pools")), 0);
    }

    void accountProxyFieldsAndRedaction()
    {
        const qint64 id = m_f->anthropicAccountId();
        const QString path = QStringLiteral("/api/accounts/%1").arg(id);
        auto bad = admin().patch(
            path, QJsonObject{{QStringLiteral("proxy"), QStringLiteral("socks5://u:pw@host")},
                              {QStringLiteral("maxConcurrency"), 5}});
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.body.contains("\\\"proxy\\\"") && bad.body.contains("socks5://"),
                 bad.body.constData());
        QVERIFY(!bad.body.contains("pw@"));
        // Nothing half-saved: maxConcurrency was not applied either.
        QCOMPARE(admin().get(path).json().value(QLatin1String("maxConcurrency")).toInt(), 0);

        auto ok = admin().patch(
            path,
            QJsonObject{{QStringLiteral("proxy"),
                         QStringLiteral("socks5://alice:s3cret-pw@proxy.example:1080")},
                        {QStringLiteral("maxConcurrency"), 5},
                        {QStringLiteral("modelMap"),
                         QJsonObject{{QStringLiteral("fast"), QStringLiteral("claude-haiku")}}}});
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json().value(QLatin1String("proxy")).toString(),
                 QStringLiteral("socks5://alice:***@proxy.example:1080"));
        QCOMPARE(ok.json().value(QLatin1String("maxConcurrency")).toInt(), 5);
        QCOMPARE(ok.json()
                     .value(QLatin1String("modelMap"))
                     .toObject()
                     .value(QLatin1String("fast"))
                     .toString(),
                 QStringLiteral("claude-haiku"));
        const auto list = admin().get(QStringLiteral("/api/accounts"));
        QVERIFY(!list.body.contains("s3cret-pw"));
        QVERIFY(list.body.contains("alice:***@"));
        QCOMPARE(admin().patch(path, QJsonObject{{QStringLiteral("maxConcurrency"), 10001}}).status,
                 400);
        QCOMPARE(admin().patch(path, QJsonObject{{QStringLiteral("proxyId"), 999}}).status, 400);

        auto cleared = admin().patch(path, QJsonObject{{QStringLiteral("proxy"), QJsonValue()}});
        QCOMPARE(cleared.status, 200);
        QVERIFY(cleared.json().value(QLatin1String("proxy")).isNull());

        // New providers; anthropic-oauth only through the OAuth flow.
        auto gemini =
            admin().post(QStringLiteral("/api/accounts"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("g")},
                                     {QStringLiteral("provider"), QStringLiteral("gemini")},
                                     {QStringLiteral("apiKey"), QStringLiteral("k")}});
        QCOMPARE(gemini.status, 201);
        QCOMPARE(gemini.json().value(QLatin1String("baseUrl")).toString(),
                 QStringLiteral("https://generativelanguage.googleapis.com"));
        auto oauth = admin().post(
            QStringLiteral("/api/accounts"),
            QJsonObject{{QStringLiteral("name"), QStringLiteral("o")},
                        {QStringLiteral("provider"), QStringLiteral("anthropic-oauth")},
                        {QStringLiteral("apiKey"), QStringLiteral("k")}});
        QCOMPARE(oauth.status, 400);
        QVERIFY(oauth.body.contains("oauth/start"));
        QVERIFY(!m_f->daemon().log().contains(QLatin1String("s3cret-pw")));
    }

    void proxiesCrudRedactionAndInUse()
    {
        auto bad = admin().post(QStringLiteral("/api/proxies"),
                                QJsonObject{{QStringLiteral("name"), QStringLiteral("p")},
                                            {QStringLiteral("url"), QStringLiteral("ftp://h:1")}});
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.body.contains("\\\"url\\\""));
        auto created =
            admin().post(QStringLiteral("/api/proxies"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("egress")},
                                     {QStringLiteral("url"),
                                      QStringLiteral("http://bob:hunter2-x@10.1.2.3:3128")}});
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json().value(QLatin1String("url")).toString(),
                 QStringLiteral("http://bob:***@10.1.2.3:3128"));
        const qint64 id = created.json().value(QLatin1String("id")).toInteger();
        QCOMPARE(count(QStringLiteral("/api/proxies")), 1);
        QVERIFY(!admin().get(QStringLiteral("/api/proxies")).body.contains("hunter2"));

        const QString account = QStringLiteral("/api/accounts/%1").arg(m_f->openaiAccountId());
        auto use = admin().patch(account, QJsonObject{{QStringLiteral("proxyId"), id}});
        QCOMPARE(use.status, 200);
        QCOMPARE(use.json().value(QLatin1String("proxyId")).toInteger(), id);
        auto del = admin().del(QStringLiteral("/api/proxies/%1").arg(id));
        QCOMPARE(del.status, 409);
        QVERIFY2(del.body.contains("openai"), del.body.constData());

        auto renamed =
            admin().put(QStringLiteral("/api/proxies/%1").arg(id),
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("egress-2")}});
        QCOMPARE(renamed.status, 200);
        QCOMPARE(renamed.json().value(QLatin1String("url")).toString(),
                 QStringLiteral("http://bob:***@10.1.2.3:3128"));

        QCOMPARE(
            admin().patch(account, QJsonObject{{QStringLiteral("proxyId"), QJsonValue()}}).status,
            200);
        QCOMPARE(admin().del(QStringLiteral("/api/proxies/%1").arg(id)).status, 204);
        QCOMPARE(admin().get(QStringLiteral("/api/proxies/%1").arg(id)).status, 404);
        QVERIFY(!m_f->daemon().log().contains(QLatin1String("hunter2")));
    }

    void proxyTestThroughRealProxies()
    {
        QString http;
        QString socks;
        if (!proxyFromEnv("AICARPOOL_TEST_HTTP_PROXY", &http) ||
            !proxyFromEnv("AICARPOOL_TEST_SOCKS5_PROXY", &socks)) {
            if (TestEnv::servicesRequired())
                QFAIL("AICARPOOL_TEST_HTTP_PROXY / AICARPOOL_TEST_SOCKS5_PROXY are not set");
            QSKIP("start tests/support/services.sh for the proxy servers");
        }
        const QString target = m_f->mock().baseUrl() + QStringLiteral("/__mock/stats");
        const QString socksPassword = QUrl(socks).password();
        QVERIFY(!socksPassword.isEmpty());
        QUrl wrong(socks);
        wrong.setPassword(QStringLiteral("not-the-password"));
        QUrl deadPort(http);
        deadPort.setPort(1); // nothing listens there

        struct Case
        {
            QString name;
            QString url;
            bool ok;
            QString error;
        };
        const QList<Case> cases = {
            {QStringLiteral("tinyproxy"), http, true, QString()},
            {QStringLiteral("microsocks"), socks, true, QString()},
            {QStringLiteral("bad-password"), wrong.toString(), false,
             QStringLiteral("proxy authentication failed")},
            {QStringLiteral("dead"), deadPort.toString(), false, QString()},
        };
        for (const Case &c : cases) {
            auto created = admin().post(
                QStringLiteral("/api/proxies"),
                QJsonObject{{QStringLiteral("name"), c.name}, {QStringLiteral("url"), c.url}});
            QCOMPARE(created.status, 201);
            const qint64 id = created.json().value(QLatin1String("id")).toInteger();
            m_f->mock().clearRequests();
            auto tested = admin().post(QStringLiteral("/api/proxies/%1/test").arg(id),
                                       QJsonObject{{QStringLiteral("url"), target}});
            QCOMPARE(tested.status, 200);
            const QJsonObject r = tested.json();
            QVERIFY2(r.value(QLatin1String("ok")).toBool() == c.ok,
                     qPrintable(c.name + QLatin1Char(' ') + QString::fromUtf8(tested.body)));
            QVERIFY(r.contains(QLatin1String("latencyMs")));
            if (c.ok) {
                QCOMPARE(r.value(QLatin1String("status")).toInt(), 200);
            } else {
                const QString error = r.value(QLatin1String("error")).toString();
                QVERIFY2(!error.isEmpty(), tested.body.constData());
                if (!c.error.isEmpty())
                    QVERIFY2(error.startsWith(c.error), qPrintable(error));
            }
            QVERIFY(!tested.body.contains(socksPassword.toUtf8()));
            QVERIFY(!tested.body.contains("not-the-password"));
        }
        QVERIFY(!m_f->daemon().log().contains(socksPassword));
        QVERIFY(!m_f->daemon().log().contains(QLatin1String("not-the-password")));
    }
};

QTEST_GUILESS_MAIN(TestPoolProxyApi)
#include "TestPoolProxyApi.moc"
