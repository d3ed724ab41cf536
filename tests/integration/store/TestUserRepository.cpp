// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/StoreError.h"
#include "store/UserRepository.h"

#include <QTest>

class TestUserRepository : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    static UserRow user(const QString &email)
    {
        UserRow u;
        u.email = email;
        u.name = QStringLiteral("Name of ") + email;
        u.role = QStringLiteral("admin");
        u.passwordHash = QStringLiteral("$scrypt$hash-of-") + email;
        return u;
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, true); }
    void cleanup() { m_db.reset(); }

    void insertGetAndFind()
    {
        UserRepository repo(m_db->db());
        QCOMPARE(repo.count(), 0);
        UserRow a = user(QStringLiteral("ana@example.com"));
        a.createdAtMs = 1700000000123;
        a.updatedAtMs = 1700000000456;
        const qint64 id = repo.insert(a);
        QVERIFY(id > 0);
        const qint64 id2 = repo.insert(user(QStringLiteral("bo@example.com")));
        QVERIFY(id2 > id);
        QCOMPARE(repo.count(), 2);

        const std::optional<UserRow> got = repo.get(id);
        QVERIFY(got);
        QCOMPARE(got->id, id);
        QCOMPARE(got->email, a.email);
        QCOMPARE(got->name, a.name);
        QCOMPARE(got->role, QStringLiteral("admin"));
        QCOMPARE(got->passwordHash, a.passwordHash);
        QCOMPARE(got->disabled, false);
        QCOMPARE(got->createdAtMs, 1700000000123);
        QCOMPARE(got->updatedAtMs, 1700000000456);

        const std::optional<UserRow> bo = repo.findByEmail(QStringLiteral("BO@example.com"));
        QVERIFY(bo);
        QCOMPARE(bo->id, id2);
        QVERIFY(bo->createdAtMs > 1700000000000); // set to now
        QVERIFY(!repo.findByEmail(QStringLiteral("nobody@example.com")));
        QVERIFY(!repo.get(id2 + 100));

        const QList<UserRow> all = repo.list();
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.at(0).id, id);
        QCOMPARE(all.at(1).id, id2);
    }

    void duplicateEmailIsAConflict()
    {
        UserRepository repo(m_db->db());
        repo.insert(user(QStringLiteral("dup@example.com")));
        for (const QString &email :
             {QStringLiteral("dup@example.com"), QStringLiteral("Dup@Example.com")}) {
            try {
                repo.insert(user(email));
                QFAIL("expected a conflict");
            } catch (const StoreError &e) {
                QCOMPARE(e.kind(), StoreError::Kind::Conflict);
                QVERIFY(!e.message().contains(QLatin1String("$scrypt")));
            }
        }
        QCOMPARE(repo.count(), 1);
    }

    void emptyEmailIsInvalid()
    {
        UserRepository repo(m_db->db());
        try {
            repo.insert(user(QString()));
            QFAIL("expected invalid");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::Invalid);
        }
        QCOMPARE(repo.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestUserRepository)
#include "TestUserRepository.moc"
