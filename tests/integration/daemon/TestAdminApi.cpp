// SPDX-License-Identifier: GPL-3.0-or-later
// The admin REST API through the real daemon, on SQLite and MariaDB.
#include "RelayFixture.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

class TestAdminApi final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;

    QString base() const { return m_f->daemon().baseUrl(); }

    // Creates a member user and returns a client signed in as that user.
    std::unique_ptr<TestHttpClient> member(const QString &email, qint64 *userId = nullptr)
    {
        const auto created = m_f->admin().post(
            QStringLiteral("/api/users"),
            QJsonObject{{QStringLiteral("email"), email},
                        {QStringLiteral("password"), QStringLiteral("member-password-1")},
                        {QStringLiteral("role"), QStringLiteral("member")}});
        if (created.status != 201)
            return nullptr;
        if (userId)
            *userId = created.json().value(QLatin1String("id")).toInteger();
        auto client = std::make_unique<TestHttpClient>(base());
        if (!client->loginAsAdmin(email, QStringLiteral("member-password-1")))
            return nullptr;
        return client;
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

    void loginRefreshAndMe()
    {
        TestHttpClient client(base());
        auto login =
            client.post(QStringLiteral("/api/auth/login"),
                        QJsonObject{{QStringLiteral("email"), m_f->daemon().adminEmail().toUpper()},
                                    {QStringLiteral("password"), m_f->daemon().adminPassword()}});
        QCOMPARE(login.status, 200);
        const QString token = login.json().value(QLatin1String("token")).toString();
        const QString refreshToken = login.json().value(QLatin1String("refreshToken")).toString();
        QVERIFY(!token.isEmpty());
        QVERIFY(login.json().value(QLatin1String("expiresIn")).toInt() > 0);
        QCOMPARE(login.value(QStringLiteral("user.role")).toString(), QStringLiteral("admin"));
        QVERIFY(!login.body.contains("password"));

        client.setBearerToken(token.toLatin1());
        auto me = client.get(QStringLiteral("/api/auth/me"));
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json().value(QLatin1String("email")).toString(), m_f->daemon().adminEmail());

        // A refresh token is not an access token, and vice versa.
        client.setBearerToken(refreshToken.toLatin1());
        QCOMPARE(client.get(QStringLiteral("/api/auth/me")).status, 401);
        client.setBearerToken({});
        QCOMPARE(client
                     .post(QStringLiteral("/api/auth/refresh"),
                           QJsonObject{{QStringLiteral("refreshToken"), token}})
                     .status,
                 401);
        auto refreshed = client.post(QStringLiteral("/api/auth/refresh"),
                                     QJsonObject{{QStringLiteral("refreshToken"), refreshToken}});
        QCOMPARE(refreshed.status, 200);
        client.setBearerToken(refreshed.json().value(QLatin1String("token")).toString().toLatin1());
        QCOMPARE(client.get(QStringLiteral("/api/auth/me")).status, 200);

        // A tampered token is refused.
        QByteArray forged = token.toLatin1();
        forged[forged.size() - 2] = forged.at(forged.size() - 2) == 'A' ? 'B' : 'A';
        client.setBearerToken(forged);
        QCOMPARE(client.get(QStringLiteral("/api/auth/me")).status, 401);
        client.setBearerToken({});
        const auto anonymous = client.get(QStringLiteral("/api/accounts"));
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(anonymous.value(QStringLiteral("error.type")).toString(),
                 QStringLiteral("authentication_error"));
    }

    void failedLoginsAreThrottled()
    {
        TestHttpClient client(base());
        const QJsonObject wrong{{QStringLiteral("email"), m_f->daemon().adminEmail()},
                                {QStringLiteral("password"), QStringLiteral("not-the-password")}};
        for (int i = 0; i < 5; ++i) {
            const auto r = client.post(QStringLiteral("/api/auth/login"), wrong);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.value(QStringLiteral("error.message")).toString(),
                     QStringLiteral("Wrong email or password."));
        }
        const auto locked = client.post(QStringLiteral("/api/auth/login"), wrong);
        QCOMPARE(locked.status, 429);
        QVERIFY(locked.header("retry-after").toInt() > 0);
        // Even the right password waits now.
        const auto right =
            client.post(QStringLiteral("/api/auth/login"),
                        QJsonObject{{QStringLiteral("email"), m_f->daemon().adminEmail()},
                                    {QStringLiteral("password"), m_f->daemon().adminPassword()}});
        QCOMPARE(right.status, 429);
        // An unknown email answers like a wrong password.
        const auto unknown =
            client.post(QStringLiteral("/api/auth/login"),
                        QJsonObject{{QStringLiteral("email"), QStringLiteral("nobody@example.com")},
                                    {QStringLiteral("password"), QStringLiteral("whatever-123")}});
        QCOMPARE(unknown.status, 401);
        QCOMPARE(client.post(QStringLiteral("/api/auth/login"), QByteArray("{oops")).status, 400);
    }

    void accountValidationSavesNothingHalfway()
    {
        TestHttpClient &admin = m_f->admin();
        const int before =
            admin.get(QStringLiteral("/api/accounts")).json().value(QLatin1String("total")).toInt();
        struct Case
        {
            QJsonObject body;
            QString mentions;
        };
        const QList<Case> cases = {
            {QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                         {QStringLiteral("provider"), QStringLiteral("anthropic")}},
             QStringLiteral("apiKey")},
            {QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                         {QStringLiteral("provider"), QStringLiteral("bard")},
                         {QStringLiteral("apiKey"), QStringLiteral("k")}},
             QStringLiteral("provider")},
            {QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                         {QStringLiteral("provider"), QStringLiteral("openai")},
                         {QStringLiteral("baseUrl"), QStringLiteral("ftp://example.com")},
                         {QStringLiteral("apiKey"), QStringLiteral("k")}},
             QStringLiteral("baseUrl")},
            {QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                         {QStringLiteral("provider"), QStringLiteral("openai")},
                         {QStringLiteral("apiKey"), QStringLiteral("k")},
                         {QStringLiteral("priority"), 500}},
             QStringLiteral("priority")},
            {QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                         {QStringLiteral("provider"), QStringLiteral("openai")},
                         {QStringLiteral("apiKey"), QStringLiteral("k")},
                         {QStringLiteral("modles"), QJsonArray()}},
             QStringLiteral("modles")},
        };
        for (const Case &c : cases) {
            const auto r = admin.post(QStringLiteral("/api/accounts"), c.body);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.value(QStringLiteral("error.type")).toString(),
                     QStringLiteral("invalid_request_error"));
            QVERIFY2(r.value(QStringLiteral("error.message")).toString().contains(c.mentions),
                     r.body.constData());
        }
        // Same name twice: 409, and the first one is intact.
        const auto dup =
            admin.post(QStringLiteral("/api/accounts"),
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("anthropic-1")},
                                   {QStringLiteral("provider"), QStringLiteral("anthropic")},
                                   {QStringLiteral("apiKey"), QStringLiteral("other")}});
        QCOMPARE(dup.status, 409);
        QCOMPARE(
            admin.get(QStringLiteral("/api/accounts")).json().value(QLatin1String("total")).toInt(),
            before);
        // A bad update changes nothing.
        const QString path = QStringLiteral("/api/accounts/%1").arg(m_f->anthropicAccountId());
        QCOMPARE(admin.put(path, QJsonObject{{QStringLiteral("weight"), -3}}).status, 400);
        QCOMPARE(admin.get(path).json().value(QLatin1String("weight")).toInt(), 1);
    }

    void accountCrudNeverReturnsTheSecret()
    {
        TestHttpClient &admin = m_f->admin();
        const auto created = admin.post(
            QStringLiteral("/api/accounts"),
            QJsonObject{{QStringLiteral("name"), QStringLiteral("deepseek")},
                        {QStringLiteral("provider"), QStringLiteral("openai")},
                        {QStringLiteral("baseUrl"), QStringLiteral("https://api.deepseek.com/v1")},
                        {QStringLiteral("apiKey"), QStringLiteral("sk-deepseek-very-secret")},
                        {QStringLiteral("models"), QJsonArray{QStringLiteral("deepseek-chat")}},
                        {QStringLiteral("priority"), 10}});
        QCOMPARE(created.status, 201);
        QVERIFY(!created.body.contains("sk-deepseek-very-secret"));
        QCOMPARE(created.json().value(QLatin1String("hasApiKey")).toBool(), true);
        const QString path = QStringLiteral("/api/accounts/%1")
                                 .arg(created.json().value(QLatin1String("id")).toInteger());
        auto got = admin.get(path);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.json().value(QLatin1String("priority")).toInt(), 10);
        QVERIFY(!got.body.contains("sk-deepseek"));
        auto updated = admin.put(
            path, QJsonObject{{QStringLiteral("enabled"), false},
                              {QStringLiteral("apiKey"), QStringLiteral("sk-rotated-secret")}});
        QCOMPARE(updated.status, 200);
        QCOMPARE(updated.json().value(QLatin1String("enabled")).toBool(), false);
        QCOMPARE(updated.json().value(QLatin1String("name")).toString(),
                 QStringLiteral("deepseek"));
        QVERIFY(!updated.body.contains("sk-rotated"));
        // The secrets are sealed at rest: read the stored column itself (on SQLite the newest
        // rows may still sit in the WAL file, so reading the main file proves nothing).
        const auto stored = [this](qint64 accountId) {
            QSqlQuery q(m_f->database().db());
            q.prepare(QStringLiteral("SELECT secret_enc FROM accounts WHERE id = ?"));
            q.addBindValue(accountId);
            return q.exec() && q.next() ? q.value(0).toByteArray() : QByteArray();
        };
        const QByteArray rotated = stored(created.json().value(QLatin1String("id")).toInteger());
        QVERIFY(rotated.size() > int(qstrlen("sk-rotated-secret")));
        QVERIFY(!rotated.contains("sk-rotated-secret"));
        QVERIFY(!rotated.contains("sk-deepseek-very-secret"));
        const QByteArray fixture = stored(m_f->anthropicAccountId());
        QVERIFY(!fixture.isEmpty());
        QVERIFY(!fixture.contains(RelayFixture::anthropicSecret()));
        QCOMPARE(admin.del(path).status, 204);
        QCOMPARE(admin.get(path).status, 404);
        QCOMPARE(admin.del(path).status, 404);
    }

    void membersManageOnlyTheirOwnKeys()
    {
        qint64 memberId = 0;
        auto alice = member(QStringLiteral("alice@example.com"), &memberId);
        QVERIFY(alice);
        // Members cannot manage accounts or users.
        QCOMPARE(alice->get(QStringLiteral("/api/accounts")).status, 403);
        QCOMPARE(alice->get(QStringLiteral("/api/users")).status, 403);
        // Own key: fine; someone else's: refused.
        const auto own =
            alice->post(QStringLiteral("/api/keys"),
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("laptop")}});
        QCOMPARE(own.status, 201);
        QVERIFY(own.json().value(QLatin1String("key")).toString().startsWith(QLatin1String("cp-")));
        QCOMPARE(own.json().value(QLatin1String("userId")).toInteger(), memberId);
        QCOMPARE(alice
                     ->post(QStringLiteral("/api/keys"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                        {QStringLiteral("userId"), 1}})
                     .status,
                 403);
        const auto list = alice->get(QStringLiteral("/api/keys"));
        QCOMPARE(list.json().value(QLatin1String("total")).toInt(), 1);
        QVERIFY(!list.body.contains(own.json().value(QLatin1String("key")).toString().toLatin1()));
        QCOMPARE(alice->del(QStringLiteral("/api/keys/%1").arg(m_f->keyId())).status, 404);
        // The administrator issues a key for alice and sees every key.
        const auto forAlice = m_f->admin().post(
            QStringLiteral("/api/keys"), QJsonObject{{QStringLiteral("name"), QStringLiteral("ci")},
                                                     {QStringLiteral("userId"), memberId}});
        QCOMPARE(forAlice.status, 201);
        QCOMPARE(
            alice->get(QStringLiteral("/api/keys")).json().value(QLatin1String("total")).toInt(),
            2);
        QCOMPARE(m_f->admin()
                     .get(QStringLiteral("/api/keys"))
                     .json()
                     .value(QLatin1String("total"))
                     .toInt(),
                 3);
        // Revoke shows up as a status.
        const qint64 ownId = own.json().value(QLatin1String("id")).toInteger();
        QCOMPARE(alice->del(QStringLiteral("/api/keys/%1").arg(ownId)).status, 204);
        QCOMPARE(alice->get(QStringLiteral("/api/keys/%1").arg(ownId))
                     .json()
                     .value(QLatin1String("status"))
                     .toString(),
                 QStringLiteral("revoked"));
        // Bad key input.
        QCOMPARE(alice
                     ->post(QStringLiteral("/api/keys"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                        {QStringLiteral("expiresAt"), QStringLiteral("soon")}})
                     .status,
                 400);
        QCOMPARE(alice->post(QStringLiteral("/api/keys"), QJsonObject{}).status, 400);
    }

    void usageIsFilteredPagedAndSummed()
    {
        TestHttpClient client(base());
        const QList<QPair<QByteArray, QByteArray>> h = {{"x-api-key", m_f->key()}};
        for (int i = 0; i < 3; ++i)
            QCOMPARE(client
                         .post(QStringLiteral("/v1/messages"),
                               RelayFixture::anthropicBody(QStringLiteral("a b c")), h)
                         .status,
                     200);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(client
                         .post(QStringLiteral("/v1/messages"),
                               RelayFixture::anthropicBody(QStringLiteral("a b c"), false,
                                                           QStringLiteral("claude-haiku-4-5")),
                               h)
                         .status,
                     200);
        QCOMPARE(m_f->waitForUsage(5).size(), 5);
        TestHttpClient &admin = m_f->admin();
        auto page = admin.get(QStringLiteral("/api/usage?pageSize=2&page=2"));
        QCOMPARE(page.json().value(QLatin1String("total")).toInt(), 5);
        QCOMPARE(page.json().value(QLatin1String("items")).toArray().size(), 2);
        QCOMPARE(admin.get(QStringLiteral("/api/usage?model=claude-haiku-4-5"))
                     .json()
                     .value(QLatin1String("total"))
                     .toInt(),
                 2);
        QCOMPARE(admin.get(QStringLiteral("/api/usage?accountId=%1").arg(m_f->openaiAccountId()))
                     .json()
                     .value(QLatin1String("total"))
                     .toInt(),
                 0);
        QCOMPARE(admin.get(QStringLiteral("/api/usage?from=2000-01-01&to=2000-01-02"))
                     .json()
                     .value(QLatin1String("total"))
                     .toInt(),
                 0);
        QCOMPARE(admin.get(QStringLiteral("/api/usage?from=yesterday")).status, 400);
        QCOMPARE(admin.get(QStringLiteral("/api/usage?pageSize=100000")).status, 400);

        const auto byModel = admin.get(QStringLiteral("/api/usage/summary?groupBy=model"));
        QCOMPARE(byModel.status, 200);
        const QJsonArray groups = byModel.json().value(QLatin1String("items")).toArray();
        QCOMPARE(groups.size(), 2);
        qint64 requests = 0;
        double cost = 0;
        for (const QJsonValue &g : groups) {
            requests += g.toObject().value(QLatin1String("requests")).toInteger();
            cost += g.toObject().value(QLatin1String("cost")).toDouble();
        }
        QCOMPARE(requests, 5);
        const QJsonObject totals = byModel.json().value(QLatin1String("totals")).toObject();
        QCOMPARE(totals.value(QLatin1String("requests")).toInteger(), 5);
        QVERIFY(qAbs(totals.value(QLatin1String("cost")).toDouble() - cost) < 1e-12);
        QVERIFY(cost > 0);
        QCOMPARE(admin.get(QStringLiteral("/api/usage/summary?groupBy=day"))
                     .json()
                     .value(QLatin1String("items"))
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(admin.get(QStringLiteral("/api/usage/summary?groupBy=weather")).status, 400);

        // Members see only their own usage.
        auto bob = member(QStringLiteral("bob@example.com"));
        QVERIFY(bob);
        QCOMPARE(
            bob->get(QStringLiteral("/api/usage")).json().value(QLatin1String("total")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAdminApi)
#include "TestAdminApi.moc"
