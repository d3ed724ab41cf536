// SPDX-License-Identifier: GPL-3.0-or-later
// OAuthService driven directly, with a real UpstreamClient and DbWorker, against the mock OAuth
// server: the PKCE start, the code exchange, and one refresh for many concurrent callers.
#include "MockUpstreamProcess.h"
#include "TestDb.h"
#include "TestHttpClient.h"

#include "crypto/Crypto.h"
#include "crypto/SecretBox.h"
#include "oauth/OAuthService.h"
#include "store/AccountRepository.h"
#include "store/DbWorker.h"
#include "upstream/UpstreamClient.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

class TestOAuthService final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDb> m_db;
    std::unique_ptr<MockUpstreamProcess> m_mock;
    std::unique_ptr<DbWorker> m_worker;
    std::unique_ptr<UpstreamClient> m_upstream;
    std::unique_ptr<SecretBox> m_box;
    std::unique_ptr<OAuthService> m_oauth;

    void mockSettings(const QJsonObject &settings)
    {
        TestHttpClient client(m_mock->baseUrl());
        QCOMPARE(client.post(QStringLiteral("/__mock/oauth"), settings).status, 200);
    }

    QJsonObject mockStats()
    {
        TestHttpClient client(m_mock->baseUrl());
        return client.get(QStringLiteral("/__mock/oauth/stats")).json();
    }

    // Runs the flow up to a saved account: start, "sign in" at the mock, exchange.
    AccountRow connectAccount(const QString &name)
    {
        const OAuthService::Started started = m_oauth->start();
        TestHttpClient browser;
        const auto signIn = browser.get(started.authorizeUrl);
        if (signIn.status != 200)
            return {};
        const QString pasted = signIn.json().value(QLatin1String("code")).toString() +
                               QLatin1Char('#') +
                               signIn.json().value(QLatin1String("state")).toString();
        AccountRow row;
        row.name = name;
        row.priority = 7;
        bool done = false;
        int status = 0;
        AccountRow saved;
        QString message;
        m_oauth->exchange(started.sessionId, pasted, row, QString(),
                          [&](int s, const AccountRow &a, const QString &, const QString &m) {
                              done = true;
                              status = s;
                              saved = a;
                              message = m;
                          });
        if (!QTest::qWaitFor([&] { return done; }, 15000))
            return {};
        if (status != 201)
            qWarning("exchange: %d %s", status, qPrintable(message));
        return saved;
    }

    RelayAccount relayAccount(const AccountRow &row)
    {
        RelayAccount a;
        a.id = row.id;
        a.name = row.name;
        a.provider = row.provider;
        a.oauth = true;
        const auto json = m_box->open(row.oauthSealed);
        const QJsonObject t = QJsonDocument::fromJson(json.value_or(QByteArray())).object();
        a.apiKey = t.value(QLatin1String("accessToken")).toString().toUtf8();
        a.oauthExpiresAtMs = t.value(QLatin1String("expiresAtMs")).toInteger();
        return a;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void init()
    {
        AICARPOOL_TESTDB_INIT(m_db, true);
        m_mock = std::make_unique<MockUpstreamProcess>();
        QString error;
        QVERIFY2(m_mock->start(&error), qPrintable(error));
        m_worker = std::make_unique<DbWorker>();
        QVERIFY2(m_worker->start(m_db->url(), &error), qPrintable(error));
        m_upstream = std::make_unique<UpstreamClient>();
        m_box = std::make_unique<SecretBox>(SecretBox::generateKey());
        OAuthService::Settings settings;
        settings.authorizeUrl = m_mock->baseUrl() + QStringLiteral("/oauth/authorize");
        settings.tokenUrl = m_mock->baseUrl() + QStringLiteral("/v1/oauth/token");
        m_oauth =
            std::make_unique<OAuthService>(m_upstream.get(), m_worker.get(), m_box.get(), settings);
    }

    void cleanup()
    {
        m_oauth.reset();
        m_upstream.reset();
        if (m_worker)
            m_worker->stop();
        m_worker.reset();
        m_mock.reset();
        m_db.reset();
    }

    void startBuildsAPkceAuthorizeUrl()
    {
        const OAuthService::Started a = m_oauth->start();
        const OAuthService::Started b = m_oauth->start();
        QVERIFY(!a.sessionId.isEmpty());
        QVERIFY(a.sessionId != b.sessionId);
        QCOMPARE(a.expiresIn, 600);
        const QUrl url(a.authorizeUrl);
        QCOMPARE(url.toString(QUrl::RemoveQuery), m_mock->baseUrl() + "/oauth/authorize");
        const QUrlQuery q(url);
        QCOMPARE(q.queryItemValue("code"), QStringLiteral("true"));
        QCOMPARE(q.queryItemValue("client_id"),
                 QStringLiteral("9d1c250a-e61b-44d9-88ed-5944d1962f5e"));
        QCOMPARE(q.queryItemValue("response_type"), QStringLiteral("code"));
        QCOMPARE(q.queryItemValue("redirect_uri", QUrl::FullyDecoded),
                 QStringLiteral("https://console.anthropic.com/oauth/code/callback"));
        QCOMPARE(q.queryItemValue("scope", QUrl::FullyDecoded),
                 QStringLiteral("org:create_api_key user:profile user:inference"));
        QCOMPARE(q.queryItemValue("code_challenge_method"), QStringLiteral("S256"));
        // base64url of a SHA-256: 43 characters, no padding.
        const QString challenge = q.queryItemValue("code_challenge");
        QCOMPARE(challenge.size(), 43);
        QVERIFY(!challenge.contains('=') && !challenge.contains('+') && !challenge.contains('/'));
        QVERIFY(q.queryItemValue("state").size() >= 32);
        QVERIFY(QUrlQuery(QUrl(b.authorizeUrl)).queryItemValue("code_challenge") != challenge);
        // The challenge is base64url(sha256(verifier)).
        QCOMPARE(OAuthService::codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")); // RFC 7636 B
    }

    void exchangeCreatesASealedAccount()
    {
        const AccountRow saved = connectAccount(QStringLiteral("subscription"));
        QVERIFY(saved.id > 0);
        QCOMPARE(saved.provider, QStringLiteral("anthropic-oauth"));
        QCOMPARE(saved.baseUrl, QStringLiteral("https://api.anthropic.com"));
        QCOMPARE(saved.priority, 7);
        QCOMPARE(mockStats().value(QLatin1String("exchanges")).toInt(), 1);
        const auto stored = AccountRepository(m_db->db()).get(saved.id);
        QVERIFY(stored);
        QVERIFY(stored->oauthSealed.startsWith("v1."));
        QVERIFY(!stored->oauthSealed.contains("mock-o"));
        const QJsonObject tokens =
            QJsonDocument::fromJson(m_box->open(stored->oauthSealed).value_or("")).object();
        QVERIFY(tokens.value(QLatin1String("accessToken")).toString().startsWith("mock-oat-"));
        QVERIFY(tokens.value(QLatin1String("refreshToken")).toString().startsWith("mock-ort-"));
        QVERIFY(tokens.value(QLatin1String("expiresAtMs")).toInteger() >
                QDateTime::currentMSecsSinceEpoch());

        // A wrong state or an unknown session is refused before any call.
        int status = 0;
        QString message;
        m_oauth->exchange(QStringLiteral("no-such-session"), QStringLiteral("c"), AccountRow(),
                          QString(),
                          [&](int s, const AccountRow &, const QString &, const QString &m) {
                              status = s;
                              message = m;
                          });
        QTRY_COMPARE(status, 400);
        QVERIFY(message.contains(QLatin1String("sessionId")));
    }

    void concurrentCallersShareOneRefresh()
    {
        // Tokens valid for 30 s are inside the 60 s refresh margin: the next use refreshes.
        mockSettings({{QStringLiteral("expiresIn"), 30}});
        const AccountRow saved = connectAccount(QStringLiteral("busy"));
        QVERIFY(saved.id > 0);
        const RelayAccount account = relayAccount(saved);
        const QByteArray oldToken = account.apiKey;
        QVERIFY(!oldToken.isEmpty());
        mockSettings({{QStringLiteral("expiresIn"), 3600}, {QStringLiteral("delayMs"), 300}});

        constexpr int Callers = 25;
        QList<QByteArray> tokens;
        QStringList errors;
        for (int i = 0; i < Callers; ++i) {
            m_oauth->accessToken(account, [&](const QByteArray &token, const QString &error) {
                tokens.append(token);
                errors.append(error);
            });
        }
        QVERIFY(QTest::qWaitFor([&] { return tokens.size() == Callers; }, 15000));
        QCOMPARE(mockStats().value(QLatin1String("refreshes")).toInt(), 1);
        QCOMPARE(m_oauth->refreshCount(), 1);
        for (int i = 0; i < Callers; ++i) {
            QVERIFY2(errors.at(i).isEmpty(), qPrintable(errors.at(i)));
            QCOMPARE(tokens.at(i), tokens.first());
        }
        QVERIFY(tokens.first() != oldToken);

        // The new token is persisted (sealed) and served at once afterwards.
        const auto stored = AccountRepository(m_db->db()).get(saved.id);
        QTRY_VERIFY(relayAccount(*AccountRepository(m_db->db()).get(saved.id)).apiKey ==
                    tokens.first());
        QVERIFY(!stored->oauthSealed.contains(tokens.first()));
        bool immediate = false;
        m_oauth->accessToken(account, [&](const QByteArray &token, const QString &) {
            immediate = token == tokens.first();
        });
        QVERIFY(immediate); // answered before accessToken() returned
        QCOMPARE(mockStats().value(QLatin1String("refreshes")).toInt(), 1);

        // The mock API accepts the refreshed token as a Bearer token, and not the old one.
        TestHttpClient api(m_mock->baseUrl());
        const QJsonObject body{
            {QStringLiteral("model"), QStringLiteral("claude-sonnet-4-5")},
            {QStringLiteral("max_tokens"), 16},
            {QStringLiteral("messages"),
             QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("content"), QStringLiteral("hi")}}}}};
        QCOMPARE(api.post(QStringLiteral("/v1/messages"), body,
                          {{"authorization", "Bearer " + tokens.first()}})
                     .status,
                 200);
        QCOMPARE(api.post(QStringLiteral("/v1/messages"), body,
                          {{"authorization", "Bearer mock-oat-0-forged"}})
                     .status,
                 401);
    }

    void failedRefreshNamesTheAccount()
    {
        mockSettings({{QStringLiteral("expiresIn"), 30}});
        const AccountRow saved = connectAccount(QStringLiteral("revoked-sub"));
        QVERIFY(saved.id > 0);
        mockSettings({{QStringLiteral("failRefresh"), true}});
        const RelayAccount account = relayAccount(saved);
        QByteArray token = "unset";
        QString error;
        bool done = false;
        m_oauth->accessToken(account, [&](const QByteArray &t, const QString &e) {
            token = t;
            error = e;
            done = true;
        });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 15000));
        QVERIFY(token.isEmpty());
        QVERIFY2(error.contains(QLatin1String("\"revoked-sub\"")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("invalid_grant")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1String("mock-o")));
        // The account is flagged for an administrator.
        QTRY_VERIFY(AccountRepository(m_db->db()).get(saved.id)->needsAttention);
    }
};

QTEST_GUILESS_MAIN(TestOAuthService)
#include "TestOAuthService.moc"
