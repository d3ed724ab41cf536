// SPDX-License-Identifier: GPL-3.0-or-later
// Sessions and users through the real daemon, on SQLite and MariaDB: sign-in under a burst of
// guesses, refresh-token rotation and reuse, sign-out, password change, disabling a user and
// the users API's rules.
#include "RelayFixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

class TestAdminSessions final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;
    static constexpr const char *MemberPassword = "member-password-1";

    QString base() const { return m_f->daemon().baseUrl(); }

    qint64 createMember(const QString &email)
    {
        const auto created = m_f->admin().post(
            QStringLiteral("/api/users"),
            QJsonObject{{QStringLiteral("email"), email},
                        {QStringLiteral("password"), QLatin1String(MemberPassword)},
                        {QStringLiteral("role"), QStringLiteral("member")}});
        return created.status == 201 ? created.json().value(QLatin1String("id")).toInteger() : 0;
    }

    TestHttpClient::Reply login(const QString &email, const QString &password)
    {
        TestHttpClient client(base());
        return client.post(
            QStringLiteral("/api/auth/login"),
            QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}});
    }

    std::unique_ptr<TestHttpClient> signedIn(const TestHttpClient::Reply &login)
    {
        auto client = std::make_unique<TestHttpClient>(base());
        client->setBearerToken(login.json().value(QLatin1String("token")).toString().toLatin1());
        return client;
    }

    TestHttpClient::Reply relayCall(const QByteArray &key)
    {
        TestHttpClient client(base());
        return client.post(QStringLiteral("/v1/messages"), RelayFixture::anthropicBody("hi"),
                           {{"x-api-key", key}, {"anthropic-version", "2023-06-01"}});
    }

    TestHttpClient::Reply refresh(const QString &token)
    {
        TestHttpClient client(base());
        return client.post(QStringLiteral("/api/auth/refresh"),
                           QJsonObject{{QStringLiteral("refreshToken"), token}});
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

    void concurrentWrongPasswordsAreRefusedAndHealthStaysUp()
    {
        // 60 wrong passwords at once for one account, each on its own connection, then /health.
        const QUrl url(base());
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("email"), m_f->daemon().adminEmail()},
                                      {QStringLiteral("password"), QStringLiteral("wrong-guess")}})
                .toJson(QJsonDocument::Compact);
        const QByteArray login = "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nConnection: "
                                 "close\r\nContent-Type: application/json\r\nContent-Length: " +
                                 QByteArray::number(body.size()) + "\r\n\r\n" + body;
        constexpr int N = 60;
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        for (int i = 0; i <= N; ++i) {
            sockets.push_back(std::make_unique<QTcpSocket>());
            sockets.back()->connectToHost(url.host(), quint16(url.port()));
            QVERIFY(sockets.back()->waitForConnected(10000));
        }
        for (int i = 0; i < N; ++i)
            sockets[i]->write(login);
        for (int i = 0; i < N; ++i)
            sockets[i]->flush();
        sockets[N]->write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        sockets[N]->flush();

        // Record the order in which the answers complete (the server closes each connection).
        QList<int> order;
        QList<qint64> finishedMs;
        QByteArray answers[N + 1];
        QElapsedTimer timer;
        timer.start();
        while (order.size() < N + 1 && timer.elapsed() < 120000) {
            for (int i = 0; i <= N; ++i) {
                if (order.contains(i))
                    continue;
                QTcpSocket &s = *sockets[i];
                s.waitForReadyRead(5);
                answers[i] += s.readAll();
                if (s.state() == QAbstractSocket::UnconnectedState) {
                    answers[i] += s.readAll();
                    order.append(i);
                    finishedMs.append(timer.elapsed());
                }
            }
        }
        QCOMPARE(order.size(), N + 1);
        qInfo("health answered after %lld ms, the last sign-in after %lld ms",
              finishedMs.at(order.indexOf(N)), finishedMs.last());
        int tooMany = 0;
        int wrong = 0;
        for (int i = 0; i < N; ++i) {
            if (answers[i].startsWith("HTTP/1.1 429"))
                ++tooMany;
            else if (answers[i].startsWith("HTTP/1.1 401"))
                ++wrong;
            else
                QFAIL(answers[i].left(200).constData());
        }
        // Only as many guesses as the throttle allows before a lock were checked at all.
        qInfo("%d sign-ins refused with 429, %d checked and refused with 401", tooMany, wrong);
        QVERIFY2(wrong <= 5, qPrintable(QString::number(wrong)));
        QVERIFY(tooMany >= N - 5);
        QVERIFY2(answers[N].startsWith("HTTP/1.1 200"), answers[N].left(200).constData());
        // Health did not wait behind the password checks.
        QVERIFY2(order.indexOf(N) < N, qPrintable(QString::number(order.indexOf(N))));
    }

    void refreshTokensRotateAndReuseEndsTheSession()
    {
        const auto signIn = login(m_f->daemon().adminEmail(), m_f->daemon().adminPassword());
        QCOMPARE(signIn.status, 200);
        const QString first = signIn.json().value(QLatin1String("refreshToken")).toString();
        const auto second = refresh(first);
        QCOMPARE(second.status, 200);
        const QString next = second.json().value(QLatin1String("refreshToken")).toString();
        QVERIFY(next != first);
        const auto viaNext = signedIn(second);
        QCOMPARE(viaNext->get(QStringLiteral("/api/auth/me")).status, 200);

        // The first token again: refused, and the whole session (including `next`) ends.
        const auto reused = refresh(first);
        QCOMPARE(reused.status, 401);
        QVERIFY(reused.value(QStringLiteral("error.message")).toString().contains("already used"));
        QCOMPARE(refresh(next).status, 401);

        // Another sign-in is a separate session and still works.
        const auto other = login(m_f->daemon().adminEmail(), m_f->daemon().adminPassword());
        QCOMPARE(other.status, 200);
        QCOMPARE(refresh(other.json().value(QLatin1String("refreshToken")).toString()).status, 200);
    }

    void logoutEndsTheSession()
    {
        const auto signIn = login(m_f->daemon().adminEmail(), m_f->daemon().adminPassword());
        QCOMPARE(signIn.status, 200);
        const QString token = signIn.json().value(QLatin1String("refreshToken")).toString();
        TestHttpClient client(base());
        QCOMPARE(client.post(QStringLiteral("/api/auth/logout"), QJsonObject{}).status, 400);
        QCOMPARE(client
                     .post(QStringLiteral("/api/auth/logout"),
                           QJsonObject{{QStringLiteral("refreshToken"), QStringLiteral("x.y")}})
                     .status,
                 401);
        QCOMPARE(client
                     .post(QStringLiteral("/api/auth/logout"),
                           QJsonObject{{QStringLiteral("refreshToken"), token}})
                     .status,
                 204);
        QCOMPARE(refresh(token).status, 401);
    }

    void passwordChangeEndsOtherSessions()
    {
        const QString email = QStringLiteral("pat@example.com");
        QVERIFY(createMember(email) > 0);
        const auto one = login(email, QLatin1String(MemberPassword));
        const auto two = login(email, QLatin1String(MemberPassword));
        QCOMPARE(one.status, 200);
        QCOMPARE(two.status, 200);
        auto pat = signedIn(one);
        const auto change = [&](const QString &current, const QString &next) {
            return pat->post(QStringLiteral("/api/auth/password"),
                             QJsonObject{{QStringLiteral("currentPassword"), current},
                                         {QStringLiteral("newPassword"), next}});
        };
        QCOMPARE(change(QLatin1String(MemberPassword), QStringLiteral("short")).status, 400);
        const auto wrong =
            change(QStringLiteral("not-my-password"), QStringLiteral("new-pass-1234"));
        QCOMPARE(wrong.status, 403);
        QCOMPARE(wrong.value(QStringLiteral("error.type")).toString(),
                 QStringLiteral("permission_error"));
        const auto changed = change(QLatin1String(MemberPassword), QStringLiteral("new-pass-1234"));
        QCOMPARE(changed.status, 200);
        QVERIFY(!changed.json().value(QLatin1String("token")).toString().isEmpty());

        // The old access tokens and refresh tokens end; the answer's tokens work.
        QCOMPARE(pat->get(QStringLiteral("/api/auth/me")).status, 401);
        QCOMPARE(signedIn(two)->get(QStringLiteral("/api/auth/me")).status, 401);
        QCOMPARE(refresh(two.json().value(QLatin1String("refreshToken")).toString()).status, 401);
        QCOMPARE(signedIn(changed)->get(QStringLiteral("/api/auth/me")).status, 200);
        QCOMPARE(login(email, QLatin1String(MemberPassword)).status, 401);
        QCOMPARE(login(email, QStringLiteral("new-pass-1234")).status, 200);
    }

    void disablingAUserEndsTokensAndKeysAtOnce()
    {
        const QString email = QStringLiteral("dora@example.com");
        const qint64 id = createMember(email);
        QVERIFY(id > 0);
        const auto signIn = login(email, QLatin1String(MemberPassword));
        QCOMPARE(signIn.status, 200);
        auto dora = signedIn(signIn);
        const auto key =
            dora->post(QStringLiteral("/api/keys"),
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("laptop")}});
        QCOMPARE(key.status, 201);
        const QByteArray secret = key.json().value(QLatin1String("key")).toString().toLatin1();
        QCOMPARE(relayCall(secret).status, 200);

        const QString path = QStringLiteral("/api/users/%1").arg(id);
        const auto disabled =
            m_f->admin().patch(path, QJsonObject{{QStringLiteral("disabled"), true}});
        QCOMPARE(disabled.status, 200);
        QCOMPARE(disabled.json().value(QLatin1String("disabled")).toBool(), true);
        // The very next calls: the access token, the refresh token and the key are refused.
        QCOMPARE(dora->get(QStringLiteral("/api/auth/me")).status, 401);
        QCOMPARE(relayCall(secret).status, 401);
        QCOMPARE(refresh(signIn.json().value(QLatin1String("refreshToken")).toString()).status,
                 401);
        QCOMPARE(login(email, QLatin1String(MemberPassword)).status, 401);

        // Enabled again: the key works, the old token stays ended, a new sign-in works.
        QCOMPARE(m_f->admin().patch(path, QJsonObject{{QStringLiteral("disabled"), false}}).status,
                 200);
        QCOMPARE(relayCall(secret).status, 200);
        QCOMPARE(dora->get(QStringLiteral("/api/auth/me")).status, 401);
        QCOMPARE(login(email, QLatin1String(MemberPassword)).status, 200);
    }

    void roleChangesApplyToTheNextRequest()
    {
        const QString email = QStringLiteral("rob@example.com");
        const qint64 id = createMember(email);
        QVERIFY(id > 0);
        auto rob = signedIn(login(email, QLatin1String(MemberPassword)));
        QCOMPARE(rob->get(QStringLiteral("/api/users")).status, 403);
        const QString path = QStringLiteral("/api/users/%1").arg(id);
        const auto promoted = m_f->admin().patch(
            path, QJsonObject{{QStringLiteral("role"), "admin"}, {QStringLiteral("name"), "Rob"}});
        QCOMPARE(promoted.status, 200);
        QCOMPARE(promoted.json().value(QLatin1String("name")).toString(), QStringLiteral("Rob"));
        // A token from before the change is ended; a new sign-in has the new role.
        QCOMPARE(rob->get(QStringLiteral("/api/users")).status, 401);
        rob = signedIn(login(email, QLatin1String(MemberPassword)));
        QCOMPARE(rob->get(QStringLiteral("/api/users")).status, 200);
        // Demoted by another administrator: refused on the next request.
        QCOMPARE(m_f->admin().patch(path, QJsonObject{{QStringLiteral("role"), "member"}}).status,
                 200);
        QCOMPARE(rob->get(QStringLiteral("/api/users")).status, 401);
        // A name change alone ends nothing.
        rob = signedIn(login(email, QLatin1String(MemberPassword)));
        QCOMPARE(m_f->admin().patch(path, QJsonObject{{QStringLiteral("name"), "R"}}).status, 200);
        QCOMPARE(rob->get(QStringLiteral("/api/auth/me")).status, 200);
    }

    void usersApiPasswordAndVisibilityRules()
    {
        TestHttpClient &admin = m_f->admin();
        const auto create = [&](const QJsonObject &o) {
            return admin.post(QStringLiteral("/api/users"), o);
        };
        QCOMPARE(create({{"email", "a@example.com"}, {"password", "123456789"}}).status, 400);
        QCOMPARE(create({{"email", "not-an-email"}, {"password", "1234567890"}}).status, 400);
        QCOMPARE(create({{"email", "a@example.com"}, {"password", "1234567890"}, {"role", "owner"}})
                     .status,
                 400);
        const auto made = create({{"email", "a@example.com"}, {"password", "1234567890"}});
        QCOMPARE(made.status, 201);
        QVERIFY(!made.body.contains("password"));
        QVERIFY(!made.body.contains("scrypt"));
        QCOMPARE(made.json().value(QLatin1String("role")).toString(), QStringLiteral("member"));
        QCOMPARE(create({{"email", "A@example.com"}, {"password", "1234567890"}}).status, 409);
        const qint64 aId = made.json().value(QLatin1String("id")).toInteger();
        const qint64 bId = createMember(QStringLiteral("b@example.com"));

        auto a = signedIn(login(QStringLiteral("a@example.com"), QStringLiteral("1234567890")));
        QCOMPARE(a->get(QStringLiteral("/api/users/%1").arg(aId)).status, 200);
        QCOMPARE(a->get(QStringLiteral("/api/users/%1").arg(bId)).status, 403);
        QCOMPARE(a->get(QStringLiteral("/api/users")).status, 403);
        QCOMPARE(
            a->patch(QStringLiteral("/api/users/%1").arg(aId), QJsonObject{{"name", "x"}}).status,
            403);
        QCOMPARE(admin.get(QStringLiteral("/api/users/%1").arg(bId)).status, 200);
        QCOMPARE(admin.get(QStringLiteral("/api/users/999999")).status, 404);
        const auto list = admin.get(QStringLiteral("/api/users"));
        QCOMPARE(list.json().value(QLatin1String("total")).toInt(), 3);
        QVERIFY(!list.body.contains("scrypt"));

        // PATCH rules.
        const QString bPath = QStringLiteral("/api/users/%1").arg(bId);
        QCOMPARE(admin.patch(bPath, QJsonObject{{"email", "c@example.com"}}).status, 400);
        QCOMPARE(admin.patch(bPath, QJsonObject{}).status, 400);
        QCOMPARE(admin.patch(bPath, QJsonObject{{"disabled", "yes"}}).status, 400);
        QCOMPARE(admin.patch(bPath, QJsonObject{{"role", "root"}}).status, 400);
        QCOMPARE(admin.patch(bPath, QJsonObject{{"name", ""}}).status, 400);
        QCOMPARE(
            admin.patch(QStringLiteral("/api/users/999999"), QJsonObject{{"name", "x"}}).status,
            404);
        // An administrator cannot lock themselves out.
        const qint64 self =
            admin.get(QStringLiteral("/api/auth/me")).json().value(QLatin1String("id")).toInteger();
        const QString selfPath = QStringLiteral("/api/users/%1").arg(self);
        QCOMPARE(admin.patch(selfPath, QJsonObject{{"disabled", true}}).status, 400);
        QCOMPARE(admin.patch(selfPath, QJsonObject{{"role", "member"}}).status, 400);
        QCOMPARE(admin.get(QStringLiteral("/api/users")).status, 200);
    }

    void poolIdOnKeysIsAdminOnly()
    {
        const auto pool = m_f->admin().post(QStringLiteral("/api/pools"),
                                            QJsonObject{{QStringLiteral("name"), "team"}});
        QCOMPARE(pool.status, 201);
        const qint64 poolId = pool.json().value(QLatin1String("id")).toInteger();
        QVERIFY(createMember(QStringLiteral("kim@example.com")) > 0);
        auto kim =
            signedIn(login(QStringLiteral("kim@example.com"), QLatin1String(MemberPassword)));
        const auto bound =
            kim->post(QStringLiteral("/api/keys"), QJsonObject{{"name", "k"}, {"poolId", poolId}});
        QCOMPARE(bound.status, 403);
        QCOMPARE(bound.value(QStringLiteral("error.type")).toString(),
                 QStringLiteral("permission_error"));
        const auto own = kim->post(QStringLiteral("/api/keys"), QJsonObject{{"name", "k"}});
        QCOMPARE(own.status, 201);
        const QString keyPath =
            QStringLiteral("/api/keys/%1").arg(own.json().value(QLatin1String("id")).toInteger());
        QCOMPARE(kim->patch(keyPath, QJsonObject{{"poolId", poolId}}).status, 403);
        QVERIFY(kim->get(keyPath).json().value(QLatin1String("poolId")).isNull());
        const auto byAdmin = m_f->admin().patch(keyPath, QJsonObject{{"poolId", poolId}});
        QCOMPARE(byAdmin.status, 200);
        QCOMPARE(byAdmin.json().value(QLatin1String("poolId")).toInteger(), poolId);
    }

    void outOfRangeNumbersAreRefusedClearly()
    {
        TestHttpClient &admin = m_f->admin();
        for (const QJsonValue &v : {QJsonValue(1e300), QJsonValue(-1e300), QJsonValue(1.5)}) {
            const auto r = admin.post(QStringLiteral("/api/keys"),
                                      QJsonObject{{"name", "n"}, {"expiresAt", v}});
            QCOMPARE(r.status, 400);
            QVERIFY2(r.value(QStringLiteral("error.message")).toString().contains("expiresAt"),
                     r.body.constData());
            QCOMPARE(
                admin.post(QStringLiteral("/api/keys"), QJsonObject{{"name", "n"}, {"userId", v}})
                    .status,
                400);
            QCOMPARE(
                admin.post(QStringLiteral("/api/keys"), QJsonObject{{"name", "n"}, {"poolId", v}})
                    .status,
                400);
            QCOMPARE(admin
                         .post(QStringLiteral("/api/pools"),
                               QJsonObject{{"name", "p"}, {"accountIds", QJsonArray{v}}})
                         .status,
                     400);
            QCOMPARE(admin
                         .patch(QStringLiteral("/api/accounts/%1").arg(m_f->anthropicAccountId()),
                                QJsonObject{{"priority", v}})
                         .status,
                     400);
            QCOMPARE(admin
                         .patch(QStringLiteral("/api/accounts/%1").arg(m_f->anthropicAccountId()),
                                QJsonObject{{"proxyId", v}})
                         .status,
                     400);
        }
        QCOMPARE(admin.get(QStringLiteral("/api/usage?from=99999999999999999999999")).status, 400);
        QCOMPARE(admin.get(QStringLiteral("/api/usage?pageSize=1e300")).status, 400);
    }
};

QTEST_GUILESS_MAIN(TestAdminSessions)
#include "TestAdminSessions.moc"
