// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/Migrations.h"
#include "store/RefreshTokenRepository.h"
#include "store/StoreError.h"
#include "store/UserRepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// Schema version 3: sessions. A version-2 database upgrades with its users intact, and refresh
// tokens rotate once, end per family and per user.
class TestMigrationV3 : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    void exec(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text() + QStringLiteral(": ") + sql));
    }

    static RefreshTokenRow token(const QString &jti, const QString &family, qint64 userId)
    {
        RefreshTokenRow r;
        r.jti = jti;
        r.family = family;
        r.userId = userId;
        r.createdAtMs = 1000;
        r.expiresAtMs = 9000000000000;
        return r;
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, false); }
    void cleanup() { m_db.reset(); }

    void upgradesVersion2WithUsersIntact()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::applyUpTo(db, 2, &error), qPrintable(error));
        exec(QStringLiteral("INSERT INTO users (id, email, name, role, password_hash, disabled, "
                            "created_at, updated_at) VALUES (7, 'u@x', 'U', 'member', 'h', 1, 10, "
                            "11)"));
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(db, &error), Migrations::latestVersion());
        const auto user = UserRepository(db).get(7);
        QVERIFY(user);
        QCOMPARE(user->role, QStringLiteral("member"));
        QCOMPARE(user->disabled, true);
        QCOMPARE(user->tokenGeneration, 0);
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(db, &error), Migrations::latestVersion());
    }

    void userChangesAndSessionsRoundTrip()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        UserRow u;
        u.email = QStringLiteral("a@x");
        u.role = QStringLiteral("member");
        UserRepository users(db);
        const qint64 id = users.insert(u);
        UserChange change;
        change.role = QStringLiteral("admin");
        change.disabled = true;
        change.name = QStringLiteral("Ann");
        change.endSessions = true;
        users.update(id, change);
        auto after = users.get(id);
        QCOMPARE(after->role, QStringLiteral("admin"));
        QCOMPARE(after->disabled, true);
        QCOMPARE(after->name, QStringLiteral("Ann"));
        QCOMPARE(after->tokenGeneration, 1);
        UserChange nameOnly;
        nameOnly.name = QStringLiteral("A");
        users.update(id, nameOnly);
        QCOMPARE(users.get(id)->tokenGeneration, 1);
        QVERIFY_THROWS_EXCEPTION(StoreError, users.update(id + 1000, nameOnly));

        RefreshTokenRepository tokens(db);
        tokens.insert(token(QStringLiteral("t1"), QStringLiteral("f1"), id));
        tokens.insert(token(QStringLiteral("t2"), QStringLiteral("f1"), id));
        tokens.insert(token(QStringLiteral("t3"), QStringLiteral("f2"), id));
        QVERIFY(tokens.markUsed(QStringLiteral("t1"), 2000));
        QVERIFY(!tokens.markUsed(QStringLiteral("t1"), 2001)); // good once only
        QCOMPARE(tokens.get(QStringLiteral("t1"))->usedAtMs, 2000);
        QCOMPARE(tokens.revokeFamily(QStringLiteral("f1"), 3000), 2);
        QVERIFY(!tokens.markUsed(QStringLiteral("t2"), 3001)); // revoked
        QCOMPARE(tokens.get(QStringLiteral("t3"))->revokedAtMs, 0);
        QCOMPARE(tokens.revokeUser(id, 4000), 1);
        QCOMPARE(tokens.get(QStringLiteral("t3"))->revokedAtMs, 4000);
        QVERIFY(!tokens.get(QStringLiteral("nope")));
        QCOMPARE(tokens.purgeExpired(9000000000001), 3);
    }
};

QTEST_GUILESS_MAIN(TestMigrationV3)
#include "TestMigrationV3.moc"
