// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/ApiKeyRepository.h"
#include "store/StoreError.h"
#include "store/UserRepository.h"

#include <QCryptographicHash>
#include <QTest>

class TestApiKeyRepository : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;
    qint64 m_user1 = 0;
    qint64 m_user2 = 0;

    static ApiKeyRow key(qint64 userId, const QString &name)
    {
        ApiKeyRow k;
        k.name = name;
        k.userId = userId;
        k.keyHash = QString::fromLatin1(
            QCryptographicHash::hash("cp-" + name.toUtf8(), QCryptographicHash::Sha256).toHex());
        k.keyHint = QStringLiteral("cp-AbCd\u2026wxyz");
        k.models = {QStringLiteral("gpt-4o")};
        return k;
    }

    template <class F> static StoreError::Kind kindOf(F f)
    {
        try {
            f();
        } catch (const StoreError &e) {
            return e.kind();
        }
        return StoreError::Kind(-1);
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init()
    {
        AICARPOOL_TESTDB_INIT(m_db, true);
        UserRepository users(m_db->db());
        UserRow u;
        u.email = QStringLiteral("one@example.com");
        m_user1 = users.insert(u);
        u.email = QStringLiteral("two@example.com");
        m_user2 = users.insert(u);
    }
    void cleanup() { m_db.reset(); }

    void insertGetFindList()
    {
        ApiKeyRepository repo(m_db->db());
        ApiKeyRow k = key(m_user1, QStringLiteral("laptop"));
        k.expiresAtMs = 1900000000000;
        const qint64 id = repo.insert(k);
        QVERIFY(id > 0);
        const qint64 id2 = repo.insert(key(m_user1, QStringLiteral("ci")));
        const qint64 id3 = repo.insert(key(m_user2, QStringLiteral("other")));

        const std::optional<ApiKeyRow> got = repo.get(id);
        QVERIFY(got);
        QCOMPARE(got->name, QStringLiteral("laptop"));
        QCOMPARE(got->userId, m_user1);
        QCOMPARE(got->keyHash, k.keyHash);
        QCOMPARE(got->keyHint, k.keyHint);
        QCOMPARE(got->models, k.models);
        QCOMPARE(got->expiresAtMs, 1900000000000);
        QCOMPARE(got->disabled, false);
        QCOMPARE(got->revokedAtMs, 0);
        QCOMPARE(got->lastUsedAtMs, 0);
        QVERIFY(got->createdAtMs > 1700000000000);
        QCOMPARE(repo.get(id2)->expiresAtMs, 0);

        QCOMPARE(repo.findByHash(k.keyHash)->id, id);
        QVERIFY(!repo.findByHash(QString(64, QLatin1Char('0'))));

        QCOMPARE(repo.list().size(), 3);
        const QList<ApiKeyRow> mine = repo.list(m_user1);
        QCOMPARE(mine.size(), 2);
        QCOMPARE(mine.at(0).id, id);
        QCOMPARE(mine.at(1).id, id2);
        QCOMPARE(repo.list(m_user2).at(0).id, id3);
        QVERIFY(repo.list(m_user2 + 50).isEmpty());
    }

    void constraints()
    {
        ApiKeyRepository repo(m_db->db());
        repo.insert(key(m_user1, QStringLiteral("a")));
        QCOMPARE(kindOf([&] { repo.insert(key(m_user2, QStringLiteral("a"))); }),
                 StoreError::Kind::Conflict);
        QCOMPARE(kindOf([&] { repo.insert(key(m_user2 + 99, QStringLiteral("b"))); }),
                 StoreError::Kind::Invalid);
        ApiKeyRow shortHash = key(m_user1, QStringLiteral("c"));
        shortHash.keyHash = QStringLiteral("abc");
        QCOMPARE(kindOf([&] { repo.insert(shortHash); }), StoreError::Kind::Invalid);
        QCOMPARE(repo.list().size(), 1);
    }

    void disableRevokeTouch()
    {
        ApiKeyRepository repo(m_db->db());
        const qint64 a = repo.insert(key(m_user1, QStringLiteral("a")));
        const qint64 b = repo.insert(key(m_user1, QStringLiteral("b")));

        repo.setDisabled(a, true);
        QCOMPARE(repo.get(a)->disabled, true);
        repo.setDisabled(a, true); // unchanged is still found
        repo.setDisabled(a, false);
        QCOMPARE(repo.get(a)->disabled, false);
        QCOMPARE(kindOf([&] { repo.setDisabled(b + 10, true); }), StoreError::Kind::NotFound);

        repo.revoke(a, 1800000000000);
        QCOMPARE(repo.get(a)->revokedAtMs, 1800000000000);
        repo.revoke(a, 1800000009999); // keeps the first time
        QCOMPARE(repo.get(a)->revokedAtMs, 1800000000000);
        QCOMPARE(repo.get(b)->revokedAtMs, 0);
        QCOMPARE(kindOf([&] { repo.revoke(b + 10, 1); }), StoreError::Kind::NotFound);

        repo.touchLastUsed({{a, 1750000000000}, {b, 1750000000500}, {b + 10, 1}});
        QCOMPARE(repo.get(a)->lastUsedAtMs, 1750000000000);
        QCOMPARE(repo.get(b)->lastUsedAtMs, 1750000000500);
        repo.touchLastUsed({{a, 1740000000000}, {b, 1760000000000}}); // never backwards
        QCOMPARE(repo.get(a)->lastUsedAtMs, 1750000000000);
        QCOMPARE(repo.get(b)->lastUsedAtMs, 1760000000000);
        repo.touchLastUsed({});
    }
};

QTEST_GUILESS_MAIN(TestApiKeyRepository)
#include "TestApiKeyRepository.moc"
