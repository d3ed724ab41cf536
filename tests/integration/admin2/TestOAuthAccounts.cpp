// SPDX-License-Identifier: GPL-3.0-or-later
// Connecting a Claude subscription (anthropic-oauth) account through the daemon's admin API,
// with the daemon's OAuth endpoints pointed at the mock OAuth server.
#include "RelayFixture.h"

#include "config/DatabaseUrl.h"
#include "store/Database.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestOAuthAccounts final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<MockUpstreamProcess> m_oauthServer;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RelayFixture> m_f;

    TestHttpClient &admin() { return m_f->admin(); }

    QByteArray storedTokens(qint64 accountId)
    {
        const auto url = DatabaseUrl::parse(m_f->databaseUrl(), nullptr);
        if (!url)
            return {};
        const QString name = QStringLiteral("oauth-check");
        QByteArray out;
        {
            QSqlDatabase db = Database::open(*url, name, nullptr);
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT oauth_enc FROM accounts WHERE id = ?"));
            q.addBindValue(accountId);
            if (q.exec() && q.next())
                out = q.value(0).toByteArray();
        }
        Database::close(name);
        return out;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_oauthServer = std::make_unique<MockUpstreamProcess>();
        QString error;
        QVERIFY2(m_oauthServer->start(&error), qPrintable(error));
        m_dir = std::make_unique<QTemporaryDir>();
        const QString config = m_dir->filePath(QStringLiteral("aicarpoold.conf"));
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("oauth_authorize_url = %1/oauth/authorize\n"
                                  "oauth_token_url = %1/v1/oauth/token\n")
                       .arg(m_oauthServer->baseUrl())
                       .toUtf8());
        file.close();
        m_f = std::make_unique<RelayFixture>();
        bool skip = false;
        if (!m_f->setUp(backend, &error, &skip, {QStringLiteral("--config"), config})) {
            if (skip)
                QSKIP(qPrintable(error));
            QFAIL(qPrintable(error));
        }
    }

    void cleanup()
    {
        m_f.reset();
        m_oauthServer.reset();
        m_dir.reset();
    }

    void connectASubscriptionAccount()
    {
        auto started = admin().post(QStringLiteral("/api/accounts/oauth/start"), QJsonObject());
        QCOMPARE(started.status, 200);
        const QString sessionId = started.json().value(QLatin1String("sessionId")).toString();
        const QString authorizeUrl = started.json().value(QLatin1String("authorizeUrl")).toString();
        QVERIFY(authorizeUrl.startsWith(m_oauthServer->baseUrl() + "/oauth/authorize?code=true&"));
        QVERIFY(authorizeUrl.contains(QLatin1String("code_challenge_method=S256")));
        QCOMPARE(started.json().value(QLatin1String("expiresIn")).toInt(), 600);

        TestHttpClient browser;
        const auto signIn = browser.get(authorizeUrl);
        QCOMPARE(signIn.status, 200);
        const QString pasted = signIn.json().value(QLatin1String("code")).toString() + "#" +
                               signIn.json().value(QLatin1String("state")).toString();

        // Bad account fields are refused before the one-time code is spent.
        auto bad =
            admin().post(QStringLiteral("/api/accounts/oauth/exchange"),
                         QJsonObject{{QStringLiteral("sessionId"), sessionId},
                                     {QStringLiteral("code"), pasted},
                                     {QStringLiteral("name"), QStringLiteral("sub")},
                                     {QStringLiteral("proxy"), QStringLiteral("socks5://nohost")}});
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.body.contains("proxy"));
        const QString taken =
            admin()
                .get(QStringLiteral("/api/accounts/%1").arg(m_f->anthropicAccountId()))
                .json()
                .value(QLatin1String("name"))
                .toString();
        QVERIFY(!taken.isEmpty());
        bad = admin().post(QStringLiteral("/api/accounts/oauth/exchange"),
                           QJsonObject{{QStringLiteral("sessionId"), sessionId},
                                       {QStringLiteral("code"), pasted},
                                       {QStringLiteral("name"), taken.toUpper()}});
        QCOMPARE(bad.status, 409); // the fixture's account has that name
        TestHttpClient oauthStats(m_oauthServer->baseUrl());
        QCOMPARE(oauthStats.get(QStringLiteral("/__mock/oauth/stats"))
                     .json()
                     .value(QLatin1String("exchanges"))
                     .toInt(),
                 0);

        auto created = admin().post(
            QStringLiteral("/api/accounts/oauth/exchange"),
            QJsonObject{{QStringLiteral("sessionId"), sessionId},
                        {QStringLiteral("code"), pasted},
                        {QStringLiteral("name"), QStringLiteral("sub")},
                        {QStringLiteral("priority"), 5},
                        {QStringLiteral("models"), QJsonArray{QStringLiteral("claude-opus-4-1")}}});
        QVERIFY2(created.status == 201, created.body.constData());
        const QJsonObject account = created.json();
        QCOMPARE(account.value(QLatin1String("provider")).toString(),
                 QStringLiteral("anthropic-oauth"));
        QCOMPARE(account.value(QLatin1String("baseUrl")).toString(),
                 QStringLiteral("https://api.anthropic.com"));
        QCOMPARE(account.value(QLatin1String("priority")).toInt(), 5);
        QCOMPARE(account.value(QLatin1String("hasApiKey")).toBool(), false);
        QCOMPARE(account.value(QLatin1String("oauth"))
                     .toObject()
                     .value(QLatin1String("hasTokens"))
                     .toBool(),
                 true);
        QVERIFY(!account.value(QLatin1String("oauth"))
                     .toObject()
                     .value(QLatin1String("expiresAt"))
                     .isNull());
        QVERIFY(!created.body.contains("mock-oat") && !created.body.contains("mock-ort"));
        const qint64 id = account.value(QLatin1String("id")).toInteger();

        const auto list = admin().get(QStringLiteral("/api/accounts"));
        QVERIFY(!list.body.contains("mock-oat") && !list.body.contains("mock-ort"));
        const QByteArray sealed = storedTokens(id);
        QVERIFY(sealed.startsWith("v1."));
        QVERIFY(!sealed.contains("mock-o"));
        QVERIFY(!m_f->daemon().log().contains(QLatin1String("mock-oat")));

        // The session is used up; an OAuth account takes no API key.
        QCOMPARE(admin()
                     .post(QStringLiteral("/api/accounts/oauth/exchange"),
                           QJsonObject{{QStringLiteral("sessionId"), sessionId},
                                       {QStringLiteral("code"), pasted},
                                       {QStringLiteral("name"), QStringLiteral("sub2")}})
                     .status,
                 400);
        QCOMPARE(admin()
                     .patch(QStringLiteral("/api/accounts/%1").arg(id),
                            QJsonObject{{QStringLiteral("apiKey"), QStringLiteral("sk-x")}})
                     .status,
                 400);
        auto renamed =
            admin().patch(QStringLiteral("/api/accounts/%1").arg(id),
                          QJsonObject{{QStringLiteral("name"), QStringLiteral("sub-1")}});
        QCOMPARE(renamed.status, 200);
        QCOMPARE(storedTokens(id), sealed); // tokens kept
    }

    void refusedCodeLeavesTheSessionUsable()
    {
        auto started = admin().post(QStringLiteral("/api/accounts/oauth/start"), QJsonObject());
        QCOMPARE(started.status, 200);
        const QString sessionId = started.json().value(QLatin1String("sessionId")).toString();
        TestHttpClient browser;
        const auto signIn =
            browser.get(started.json().value(QLatin1String("authorizeUrl")).toString());
        QCOMPARE(signIn.status, 200);
        const QString state = signIn.json().value(QLatin1String("state")).toString();
        const auto exchange = [&](const QString &code) {
            return admin().post(QStringLiteral("/api/accounts/oauth/exchange"),
                                QJsonObject{{QStringLiteral("sessionId"), sessionId},
                                            {QStringLiteral("code"), code + "#" + state},
                                            {QStringLiteral("name"), QStringLiteral("retry")}});
        };
        // The token endpoint refuses a mistyped code: a clear 400, and the session stays.
        const auto refused = exchange(QStringLiteral("mock-code-mistyped"));
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.value(QStringLiteral("error.type")).toString(),
                 QStringLiteral("invalid_request_error"));
        QVERIFY(refused.value(QStringLiteral("error.message")).toString().contains("refused"));
        const auto created = exchange(signIn.json().value(QLatin1String("code")).toString());
        QVERIFY2(created.status == 201, created.body.constData());
        QCOMPARE(created.json().value(QLatin1String("provider")).toString(),
                 QStringLiteral("anthropic-oauth"));
        const QString path = QStringLiteral("/api/accounts/%1")
                                 .arg(created.json().value(QLatin1String("id")).toInteger());

        // The provider cannot switch to or from anthropic-oauth.
        const auto fromOAuth =
            admin().patch(path, QJsonObject{{QStringLiteral("provider"), "anthropic"}});
        QCOMPARE(fromOAuth.status, 400);
        QVERIFY(fromOAuth.value(QStringLiteral("error.message")).toString().contains("OAuth") ||
                fromOAuth.value(QStringLiteral("error.message")).toString().contains("oauth"));
        const QString fixturePath =
            QStringLiteral("/api/accounts/%1").arg(m_f->anthropicAccountId());
        QCOMPARE(
            admin()
                .patch(fixturePath, QJsonObject{{QStringLiteral("provider"), "anthropic-oauth"}})
                .status,
            400);
        QCOMPARE(admin().get(fixturePath).json().value(QLatin1String("provider")).toString(),
                 QStringLiteral("anthropic"));
        QCOMPARE(admin().get(path).json().value(QLatin1String("provider")).toString(),
                 QStringLiteral("anthropic-oauth"));
        QCOMPARE(admin()
                     .post(QStringLiteral("/api/accounts"),
                           QJsonObject{{QStringLiteral("name"), "direct"},
                                       {QStringLiteral("provider"), "anthropic-oauth"},
                                       {QStringLiteral("apiKey"), "sk-x"}})
                     .status,
                 400);
    }

    void proxyAndProxyIdTogetherAreRefused()
    {
        const auto proxy = admin().post(
            QStringLiteral("/api/proxies"),
            QJsonObject{{QStringLiteral("name"), "office"},
                        {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:3128")}});
        QCOMPARE(proxy.status, 201);
        const qint64 proxyId = proxy.json().value(QLatin1String("id")).toInteger();
        const auto both = admin().post(
            QStringLiteral("/api/accounts"),
            QJsonObject{{QStringLiteral("name"), "both"},
                        {QStringLiteral("provider"), "anthropic"},
                        {QStringLiteral("apiKey"), "sk-x"},
                        {QStringLiteral("proxy"), QStringLiteral("http://127.0.0.1:8080")},
                        {QStringLiteral("proxyId"), proxyId}});
        QCOMPARE(both.status, 400);
        QVERIFY(both.value(QStringLiteral("error.message")).toString().contains("proxyId"));
        const QString fixturePath =
            QStringLiteral("/api/accounts/%1").arg(m_f->anthropicAccountId());
        QCOMPARE(
            admin()
                .patch(fixturePath, QJsonObject{{QStringLiteral("proxy"), "http://127.0.0.1:8080"},
                                                {QStringLiteral("proxyId"), proxyId}})
                .status,
            400);
        const auto unchanged = admin().get(fixturePath).json();
        QVERIFY(unchanged.value(QLatin1String("proxy")).isNull());
        QVERIFY(unchanged.value(QLatin1String("proxyId")).isNull());
        // Either alone is fine.
        QCOMPARE(
            admin().patch(fixturePath, QJsonObject{{QStringLiteral("proxyId"), proxyId}}).status,
            200);
    }

    void subscriptionAccountServesRelayCallsWithFreshTokens()
    {
        // Tokens that expire at once, so the relay must refresh before the call.
        TestHttpClient control(m_oauthServer->baseUrl());
        QCOMPARE(control
                     .post(QStringLiteral("/__mock/oauth"),
                           QJsonObject{{QStringLiteral("expiresIn"), 1}})
                     .status,
                 200);
        const auto started =
            admin().post(QStringLiteral("/api/accounts/oauth/start"), QJsonObject());
        TestHttpClient browser;
        const auto signIn =
            browser.get(started.json().value(QLatin1String("authorizeUrl")).toString());
        const QString pasted = signIn.json().value(QLatin1String("code")).toString() + "#" +
                               signIn.json().value(QLatin1String("state")).toString();
        const auto created =
            admin().post(QStringLiteral("/api/accounts/oauth/exchange"),
                         QJsonObject{{QStringLiteral("sessionId"),
                                      started.json().value(QLatin1String("sessionId")).toString()},
                                     {QStringLiteral("code"), pasted},
                                     {QStringLiteral("name"), QStringLiteral("subscription")},
                                     {QStringLiteral("baseUrl"), m_oauthServer->baseUrl()},
                                     {QStringLiteral("priority"), 1}});
        QCOMPARE(created.status, 201);
        const qint64 id = created.json().value(QLatin1String("id")).toInteger();

        TestHttpClient client(m_f->daemon().baseUrl());
        const auto reply =
            client.post(QStringLiteral("/v1/messages"),
                        RelayFixture::anthropicBody(QStringLiteral("via subscription")),
                        {{"x-api-key", m_f->key()}, {"anthropic-beta", "tools-x"}});
        QCOMPARE(reply.status, 200);
        QJsonObject sent;
        for (const QJsonValue &r : m_oauthServer->requests()) {
            if (r.toObject().value(QLatin1String("path")).toString() ==
                QLatin1String("/v1/messages"))
                sent = r.toObject().value(QLatin1String("headers")).toObject();
        }
        QVERIFY(sent.value(QLatin1String("authorization"))
                    .toString()
                    .startsWith(QLatin1String("Bearer mock-oat-")));
        QVERIFY(sent.value(QLatin1String("anthropic-beta"))
                    .toString()
                    .contains(QLatin1String("oauth-2025-04-20")));
        QVERIFY(sent.value(QLatin1String("anthropic-beta"))
                    .toString()
                    .contains(QLatin1String("tools-x")));
        QVERIFY(!sent.contains(QLatin1String("x-api-key")));
        // The expired token was refreshed once for the call.
        QVERIFY(control.get(QStringLiteral("/__mock/oauth/stats"))
                    .json()
                    .value(QLatin1String("refreshes"))
                    .toInt() >= 1);
        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value(QLatin1String("accountId")).toInteger(), id);
        QCOMPARE(rows.first().toObject().value(QLatin1String("status")).toInt(), 200);
    }

    void onlyAdminsStartTheFlow()
    {
        auto created = admin().post(
            QStringLiteral("/api/users"),
            QJsonObject{{QStringLiteral("email"), QStringLiteral("m@x.test")},
                        {QStringLiteral("password"), QStringLiteral("member-password-1")},
                        {QStringLiteral("role"), QStringLiteral("member")}});
        QCOMPARE(created.status, 201);
        TestHttpClient member(m_f->daemon().baseUrl());
        QVERIFY(
            member.loginAsAdmin(QStringLiteral("m@x.test"), QStringLiteral("member-password-1")));
        QCOMPARE(member.post(QStringLiteral("/api/accounts/oauth/start"), QJsonObject()).status,
                 403);
        QCOMPARE(admin()
                     .post(QStringLiteral("/api/accounts/oauth/exchange"),
                           QJsonObject{{QStringLiteral("sessionId"), QStringLiteral("nope")},
                                       {QStringLiteral("code"), QStringLiteral("c")},
                                       {QStringLiteral("name"), QStringLiteral("n")}})
                     .status,
                 400);
    }
};

QTEST_GUILESS_MAIN(TestOAuthAccounts)
#include "TestOAuthAccounts.moc"
