// SPDX-License-Identifier: GPL-3.0-or-later
// The audit log through the real daemon, on SQLite and MariaDB: admin changes and failed sign-ins
// are recorded with actor, address, action, target and redacted before/after; /api/audit filters,
// pages and exports CSV; /api/audit/verify names the entry edited or removed in the database.
#include "RelayFixture.h"
#include "store/AuditRepository.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

class TestAuditLog final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;

    TestHttpClient &admin() { return m_f->admin(); }

    QJsonArray entries(const QString &query)
    {
        const auto reply = admin().get(QStringLiteral("/api/audit?") + query);
        if (reply.status != 200) {
            qWarning("GET /api/audit?%s: %d %s", qPrintable(query), reply.status,
                     reply.body.constData());
            return {};
        }
        return reply.json().value(QLatin1String("items")).toArray();
    }

    // Every stored byte of the audit log, for "the secret appears nowhere".
    QByteArray wholeTable()
    {
        QSqlQuery q(m_f->database().db());
        if (!q.exec(QStringLiteral("SELECT id, actor_email, address, action, target_type, "
                                   "target_id, before_json, after_json FROM audit_log")))
            return "query failed";
        QByteArray all;
        while (q.next()) {
            for (int i = 0; i < 8; ++i)
                all += q.value(i).toString().toUtf8() + '\n';
        }
        return all;
    }

    // The number of entries, read through the API: the daemon appends an entry before it
    // answers, on the database thread that also serves this read, so every change answered so
    // far is counted (a direct SQL read could run before the last append).
    qint64 countRows()
    {
        return admin()
            .get(QStringLiteral("/api/audit?pageSize=1"))
            .json()
            .value(QLatin1String("total"))
            .toInteger(-1);
    }

    bool exec(const QString &sql)
    {
        QSqlQuery q(m_f->database().db());
        if (!q.exec(sql)) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
            return false;
        }
        return true;
    }

    qint64 adminId()
    {
        return admin().get(QStringLiteral("/api/auth/me")).json().value("id").toInteger();
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

    void changesAreRecordedWithoutSecrets()
    {
        const QString secret = QStringLiteral("sk-audit-only-secret-7f3a9c");
        const QString proxyPassword = QStringLiteral("proxy-pw-5521");
        auto created = admin().post(
            QStringLiteral("/api/accounts"),
            QJsonObject{{QStringLiteral("name"), QStringLiteral("audited")},
                        {QStringLiteral("provider"), QStringLiteral("openai")},
                        {QStringLiteral("apiKey"), secret},
                        {QStringLiteral("proxy"),
                         QStringLiteral("socks5://bob:%1@proxy.example:1080").arg(proxyPassword)}});
        QCOMPARE(created.status, 201);
        const qint64 id = created.json().value(QLatin1String("id")).toInteger();
        const QString path = QStringLiteral("/api/accounts/%1").arg(id);
        QCOMPARE(admin()
                     .patch(path, QJsonObject{{QStringLiteral("name"), QStringLiteral("renamed")},
                                              {QStringLiteral("apiKey"), secret + "-2"}})
                     .status,
                 200);
        QCOMPARE(admin().del(path).status, 204);
        const qint64 me = adminId();

        auto create = entries(QStringLiteral("action=account.create&targetType=account"));
        // The fixture's two accounts and this one, newest first.
        QCOMPARE(create.size(), 3);
        QJsonObject e = create.first().toObject();
        QCOMPARE(e.value("targetId").toString(), QString::number(id));
        QCOMPARE(e.value("actorId").toInteger(), me);
        QCOMPARE(e.value("actorEmail").toString(), m_f->daemon().adminEmail());
        QVERIFY2(e.value("address").toString().contains(QLatin1String("127.0.0.1")),
                 qPrintable(e.value("address").toString()));
        QVERIFY(e.value("before").isNull());
        QCOMPARE(e.value("after").toObject().value("name").toString(), QStringLiteral("audited"));
        QCOMPARE(e.value("after").toObject().value("proxy").toString(),
                 QStringLiteral("socks5://bob:***@proxy.example:1080"));
        QCOMPARE(e.value("hash").toString().size(), 64);

        auto update = entries(QStringLiteral("action=account.update"));
        QCOMPARE(update.size(), 1);
        e = update.first().toObject();
        QCOMPARE(e.value("targetId").toString(), QString::number(id));
        QCOMPARE(e.value("before").toObject().value("name").toString(), QStringLiteral("audited"));
        QCOMPARE(e.value("after").toObject().value("name").toString(), QStringLiteral("renamed"));

        auto removed = entries(QStringLiteral("action=account.delete"));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().toObject().value("before").toObject().value("name").toString(),
                 QStringLiteral("renamed"));
        QVERIFY(removed.first().toObject().value("after").isNull() ||
                removed.first().toObject().value("after").toObject().isEmpty());

        // A personal key: created and revoked; the key itself is never stored.
        const QJsonObject key = m_f->createKey({{QStringLiteral("name"), QStringLiteral("k1")}});
        const QString keyText = key.value("key").toString();
        QVERIFY(keyText.startsWith(QLatin1String("cp-")));
        QCOMPARE(
            admin().del(QStringLiteral("/api/keys/%1").arg(key.value("id").toInteger())).status,
            204);
        auto revoked = entries(QStringLiteral("action=key.revoke"));
        QCOMPARE(revoked.size(), 1);
        QCOMPARE(revoked.first().toObject().value("targetType").toString(), QStringLiteral("key"));
        QCOMPARE(revoked.first().toObject().value("before").toObject().value("status").toString(),
                 QStringLiteral("active"));
        QCOMPARE(revoked.first().toObject().value("after").toObject().value("status").toString(),
                 QStringLiteral("revoked"));

        // A user, created with a password.
        auto user =
            admin().post(QStringLiteral("/api/users"),
                         QJsonObject{{QStringLiteral("email"), QStringLiteral("m@example.com")},
                                     {QStringLiteral("password"), QStringLiteral("user-pass-9917")},
                                     {QStringLiteral("role"), QStringLiteral("member")}});
        QCOMPARE(user.status, 201);
        QCOMPARE(entries(QStringLiteral("action=user.create")).size(), 1);

        const QByteArray table = wholeTable();
        for (const QByteArray &s : {secret.toUtf8(), proxyPassword.toUtf8(), keyText.toUtf8(),
                                    QByteArray("user-pass-9917"), RelayFixture::anthropicSecret(),
                                    RelayFixture::openaiSecret()}) {
            QVERIFY2(!table.contains(s), s.constData());
            QVERIFY(!admin().get(QStringLiteral("/api/audit?pageSize=1000")).body.contains(s));
            QVERIFY(!admin().get(QStringLiteral("/api/audit?format=csv")).body.contains(s));
        }
        QVERIFY(table.contains("***"));
        // Reads are not recorded.
        QCOMPARE(entries(QStringLiteral("action=account.get")).size(), 0);
    }

    void failedSignInsAreRecorded()
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        const QString wrong = QStringLiteral("not-the-password-4471");
        auto reply = client.post(QStringLiteral("/api/auth/login"),
                                 QJsonObject{{QStringLiteral("email"), m_f->daemon().adminEmail()},
                                             {QStringLiteral("password"), wrong}});
        QCOMPARE(reply.status, 401);
        reply =
            client.post(QStringLiteral("/api/auth/login"),
                        QJsonObject{{QStringLiteral("email"), QStringLiteral("nobody@example.com")},
                                    {QStringLiteral("password"), wrong}});
        QCOMPARE(reply.status, 401);

        const auto failed = entries(QStringLiteral("action=auth.login_failed"));
        QCOMPARE(failed.size(), 2);
        const QJsonObject unknown = failed.at(0).toObject();
        const QJsonObject known = failed.at(1).toObject();
        QCOMPARE(unknown.value("actorEmail").toString(), QStringLiteral("nobody@example.com"));
        QVERIFY(unknown.value("actorId").isNull());
        QCOMPARE(unknown.value("after").toObject().value("reason").toString(),
                 QStringLiteral("unknown_email"));
        QCOMPARE(known.value("actorEmail").toString(), m_f->daemon().adminEmail());
        QCOMPARE(known.value("actorId").toInteger(), adminId());
        QCOMPARE(known.value("after").toObject().value("reason").toString(),
                 QStringLiteral("wrong_password"));
        QVERIFY(known.value("address").toString().contains(QLatin1String("127.0.0.1")));
        QVERIFY(!wholeTable().contains(wrong.toUtf8()));
        // The successful sign-in of the fixture is there too, without the password.
        const auto logins = entries(QStringLiteral("action=auth.login"));
        QCOMPARE(logins.size(), 1);
        QVERIFY(!wholeTable().contains(m_f->daemon().adminPassword().toUtf8()));
    }

    void filtersPagingAndCsv()
    {
        QList<qint64> poolIds;
        for (int i = 0; i < 5; ++i) {
            auto r =
                admin().post(QStringLiteral("/api/pools"),
                             QJsonObject{{QStringLiteral("name"), QStringLiteral("p%1").arg(i)}});
            QCOMPARE(r.status, 201);
            poolIds.append(r.json().value("id").toInteger());
        }
        auto page1 = admin().get(QStringLiteral("/api/audit?targetType=pool&pageSize=2"));
        QCOMPARE(page1.status, 200);
        QCOMPARE(page1.json().value("total").toInteger(), 5);
        QJsonArray items = page1.json().value("items").toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.at(0).toObject().value("targetId").toString(), QString::number(poolIds[4]));
        QCOMPARE(items.at(1).toObject().value("targetId").toString(), QString::number(poolIds[3]));
        QVERIFY(items.at(0).toObject().value("id").toInteger() >
                items.at(1).toObject().value("id").toInteger());
        auto page3 = admin().get(QStringLiteral("/api/audit?targetType=pool&pageSize=2&page=3"));
        QCOMPARE(page3.json().value("items").toArray().size(), 1);
        QCOMPARE(
            page3.json().value("items").toArray().at(0).toObject().value("targetId").toString(),
            QString::number(poolIds[0]));

        // Actor: a member's own key is the member's entry.
        auto member = admin().post(
            QStringLiteral("/api/users"),
            QJsonObject{{QStringLiteral("email"), QStringLiteral("mem@example.com")},
                        {QStringLiteral("password"), QStringLiteral("member-password-1")},
                        {QStringLiteral("role"), QStringLiteral("member")}});
        QCOMPARE(member.status, 201);
        const qint64 memberId = member.json().value("id").toInteger();
        TestHttpClient mc(m_f->daemon().baseUrl());
        QVERIFY(mc.loginAsAdmin(QStringLiteral("mem@example.com"),
                                QStringLiteral("member-password-1")));
        QCOMPARE(mc.post(QStringLiteral("/api/keys"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("own")}})
                     .status,
                 201);
        const auto mine = entries(QStringLiteral("actorId=%1").arg(memberId));
        QCOMPARE(mine.size(), 2); // the sign-in and the key
        QCOMPARE(mine.at(0).toObject().value("action").toString(), QStringLiteral("key.create"));
        QCOMPARE(mine.at(1).toObject().value("action").toString(), QStringLiteral("auth.login"));

        // Time window.
        QCOMPARE(entries(QStringLiteral("from=2999-01-01")).size(), 0);
        QCOMPARE(entries(QStringLiteral("to=2000-01-01")).size(), 0);
        QCOMPARE(entries(QStringLiteral("from=2000-01-01&targetType=pool")).size(), 5);
        QCOMPARE(admin().get(QStringLiteral("/api/audit?from=yesterday")).status, 400);
        QCOMPARE(admin().get(QStringLiteral("/api/audit?pageSize=0")).status, 400);
        QCOMPARE(admin().get(QStringLiteral("/api/audit?actorId=x")).status, 400);
        QCOMPARE(admin().get(QStringLiteral("/api/audit?format=xml")).status, 400);

        // CSV: a header and one line per entry, newest first.
        auto csv = admin().get(QStringLiteral("/api/audit?format=csv&targetType=pool"));
        QCOMPARE(csv.status, 200);
        QVERIFY2(csv.header("content-type").startsWith("text/csv"), csv.header("content-type"));
        const QList<QByteArray> lines = csv.body.split('\n');
        QCOMPARE(lines.size(), 7); // header, 5 entries, the empty rest after the last CRLF
        QVERIFY(lines.at(0).startsWith("id,at,actor_id,actor_email,address,action"));
        QVERIFY(lines.at(1).contains("pool.create"));
        QVERIFY(lines.at(1).contains("\"{\"\"accountIds\"\":[]"));
        QVERIFY(lines.last().isEmpty());
    }

    void csvStreamsManyPages()
    {
        // More entries than two export pages (500 each), appended by a second writer (this test's
        // own connection) on the same chain as the daemon's.
        AuditRepository repo(m_f->database().db());
        for (int i = 0; i < 1103; ++i) {
            AuditRow row;
            row.atMs = 1700000000000 + i;
            row.action = QStringLiteral("bulk.entry");
            row.targetType = QStringLiteral("bulk");
            row.targetId = QString::number(i);
            row.afterJson = QStringLiteral("{\"n\":%1,\"text\":\"a,b\\nc\"}").arg(i);
            repo.append(row);
        }
        QCOMPARE(admin()
                     .post(QStringLiteral("/api/pools"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("after-bulk")}})
                     .status,
                 201);
        const qint64 total = countRows();
        QVERIFY(total > 1103);
        auto csv = admin().get(QStringLiteral("/api/audit?format=csv"));
        QCOMPARE(csv.status, 200);
        QCOMPARE(qint64(csv.body.count("\r\n")), total + 1);
        QCOMPARE(
            admin().get(QStringLiteral("/api/audit?pageSize=1")).json().value("total").toInteger(),
            total);
        const auto v = admin().get(QStringLiteral("/api/audit/verify")).json();
        QCOMPARE(v.value("ok").toBool(), true);
        QCOMPARE(v.value("entries").toInteger(), total);
    }

    void verifyNamesTheEditedEntry()
    {
        for (int i = 0; i < 4; ++i)
            QCOMPARE(admin()
                         .post(QStringLiteral("/api/pools"),
                               QJsonObject{{QStringLiteral("name"), QStringLiteral("v%1").arg(i)}})
                         .status,
                     201);
        auto v = admin().get(QStringLiteral("/api/audit/verify"));
        QCOMPARE(v.status, 200);
        QCOMPARE(v.json().value("ok").toBool(), true);
        const qint64 total = countRows();
        QVERIFY(total >= 8);
        QCOMPARE(v.json().value("entries").toInteger(), total);
        QVERIFY(!v.json().contains("firstBadId"));

        // Edit one entry's after_json in the database: verify names exactly that entry.
        const qint64 edited = total - 2;
        QVERIFY(exec(QStringLiteral("UPDATE audit_log SET after_json = '{\"name\":\"forged\"}' "
                                    "WHERE id = %1")
                         .arg(edited)));
        v = admin().get(QStringLiteral("/api/audit/verify"));
        QCOMPARE(v.json().value("ok").toBool(), false);
        QCOMPARE(v.json().value("firstBadId").toInteger(), edited);
        QCOMPARE(v.json().value("entries").toInteger(), total);
    }

    void verifyNamesAnEditedAction()
    {
        const qint64 total = countRows();
        QVERIFY(total >= 4); // the fixture's sign-in, two accounts and a key
        QVERIFY(exec(QStringLiteral("UPDATE audit_log SET action = 'account.get' WHERE id = 2")));
        const auto v = admin().get(QStringLiteral("/api/audit/verify")).json();
        QCOMPARE(v.value("ok").toBool(), false);
        QCOMPARE(v.value("firstBadId").toInteger(), 2);
    }

    void verifyDetectsARemovedEntry()
    {
        for (int i = 0; i < 3; ++i)
            QCOMPARE(admin()
                         .post(QStringLiteral("/api/pools"),
                               QJsonObject{{QStringLiteral("name"), QStringLiteral("d%1").arg(i)}})
                         .status,
                     201);
        const qint64 total = countRows();
        const qint64 middle = total / 2;
        QVERIFY(exec(QStringLiteral("DELETE FROM audit_log WHERE id = %1").arg(middle)));
        auto v = admin().get(QStringLiteral("/api/audit/verify")).json();
        QCOMPARE(v.value("ok").toBool(), false);
        QCOMPARE(v.value("firstBadId").toInteger(), middle);
        QCOMPARE(v.value("entries").toInteger(), total - 1);
    }

    void verifyDetectsARemovedLastEntry()
    {
        const qint64 total = countRows();
        QVERIFY(exec(QStringLiteral("DELETE FROM audit_log WHERE id = %1").arg(total)));
        const auto v = admin().get(QStringLiteral("/api/audit/verify")).json();
        QCOMPARE(v.value("ok").toBool(), false);
        QCOMPARE(v.value("firstBadId").toInteger(), total);
        // New entries still chain on from the head.
        QCOMPARE(admin()
                     .post(QStringLiteral("/api/pools"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("after")}})
                     .status,
                 201);
        QCOMPARE(
            entries(QStringLiteral("targetType=pool")).first().toObject().value("id").toInteger(),
            total + 1);
    }

    void membersMayNotReadTheLog()
    {
        QCOMPARE(
            admin()
                .post(QStringLiteral("/api/users"),
                      QJsonObject{{QStringLiteral("email"), QStringLiteral("ro@example.com")},
                                  {QStringLiteral("password"), QStringLiteral("member-password-1")},
                                  {QStringLiteral("role"), QStringLiteral("member")}})
                .status,
            201);
        TestHttpClient mc(m_f->daemon().baseUrl());
        QVERIFY(
            mc.loginAsAdmin(QStringLiteral("ro@example.com"), QStringLiteral("member-password-1")));
        for (const char *path : {"/api/audit", "/api/audit/verify", "/api/audit?format=csv"}) {
            const auto r = mc.get(QString::fromLatin1(path));
            QCOMPARE(r.status, 403);
            QCOMPARE(r.value(QStringLiteral("error.type")).toString(),
                     QStringLiteral("permission_error"));
        }
        TestHttpClient anonymous(m_f->daemon().baseUrl());
        QCOMPARE(anonymous.get(QStringLiteral("/api/audit")).status, 401);
        QCOMPARE(admin().get(QStringLiteral("/api/audit")).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "TestAuditLog.moc"
