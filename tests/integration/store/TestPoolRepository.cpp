// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/AccountRepository.h"
#include "store/ApiKeyRepository.h"
#include "store/PoolRepository.h"
#include "store/ProxyRepository.h"
#include "store/StoreError.h"
#include "store/UserRepository.h"

#include <QSqlQuery>
#include <QTest>

// Pools with their membership, and named proxies, on SQLite and MariaDB.
class TestPoolRepository : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    qint64 addAccount(const QString &name, qint64 proxyId = 0)
    {
        AccountRow a;
        a.name = name;
        a.provider = QStringLiteral("anthropic");
        a.secretSealed = "sealed";
        a.proxyId = proxyId;
        return AccountRepository(m_db->db()).insert(a);
    }

    qint64 scalar(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    template <class F> static StoreError expectError(F f)
    {
        try {
            f();
        } catch (const StoreError &e) {
            return e;
        }
        return StoreError(StoreError::Kind(-1), QStringLiteral("no error"));
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, true); }
    void cleanup() { m_db.reset(); }

    void createReadUpdateDelete()
    {
        const qint64 a1 = addAccount(QStringLiteral("a1"));
        const qint64 a2 = addAccount(QStringLiteral("a2"));
        const qint64 a3 = addAccount(QStringLiteral("a3"));
        PoolRepository pools(m_db->db());
        PoolRow p;
        p.name = QStringLiteral("team");
        p.strategy = QStringLiteral("least_busy");
        p.accountIds = {a3, a1, a1};
        const qint64 id = pools.insert(p);
        QVERIFY(id > 0);
        auto got = pools.get(id);
        QVERIFY(got);
        QCOMPARE(got->name, QStringLiteral("team"));
        QCOMPARE(got->strategy, QStringLiteral("least_busy"));
        QCOMPARE(got->accountIds, (QList<qint64>{a1, a3}));
        QVERIFY(got->createdAtMs > 0);

        got->strategy = QStringLiteral("round_robin");
        got->accountIds = {a2};
        pools.update(*got);
        const QList<PoolRow> all = pools.list();
        QCOMPARE(all.size(), 1);
        QCOMPARE(all.first().strategy, QStringLiteral("round_robin"));
        QCOMPARE(all.first().accountIds, QList<qint64>{a2});

        // Deleting an account takes it out of its pools.
        AccountRepository(m_db->db()).remove(a2);
        QVERIFY(pools.get(id)->accountIds.isEmpty());

        pools.remove(id);
        QVERIFY(!pools.get(id));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM pool_accounts")), 0);
        QCOMPARE(expectError([&] { pools.remove(id); }).kind(), StoreError::Kind::NotFound);
    }

    void badInputSavesNothing()
    {
        const qint64 a1 = addAccount(QStringLiteral("a1"));
        PoolRepository pools(m_db->db());
        PoolRow p;
        p.name = QStringLiteral("team");
        p.accountIds = {a1, 999};
        StoreError e = expectError([&] { pools.insert(p); });
        QCOMPARE(e.kind(), StoreError::Kind::Invalid);
        QVERIFY2(e.message().contains(QLatin1String("999")), qPrintable(e.message()));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM pools")), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM pool_accounts")), 0);

        p.accountIds = {a1};
        p.strategy = QStringLiteral("fastest");
        e = expectError([&] { pools.insert(p); });
        QCOMPARE(e.kind(), StoreError::Kind::Invalid);
        QVERIFY(e.message().contains(QLatin1String("lowest_latency")));

        p.strategy = QStringLiteral("weighted");
        const qint64 id = pools.insert(p);
        QCOMPARE(expectError([&] { pools.insert(p); }).kind(), StoreError::Kind::Conflict);

        // A failed update keeps the old name, strategy and members.
        PoolRow changed = *pools.get(id);
        changed.name = QStringLiteral("renamed");
        changed.accountIds = {a1, 4242};
        e = expectError([&] { pools.update(changed); });
        QVERIFY(e.message().contains(QLatin1String("4242")));
        const auto kept = pools.get(id);
        QCOMPARE(kept->name, QStringLiteral("team"));
        QCOMPARE(kept->accountIds, QList<qint64>{a1});
        changed.id = 777;
        changed.accountIds = {a1};
        QCOMPARE(expectError([&] { pools.update(changed); }).kind(), StoreError::Kind::NotFound);
    }

    void keysBindToPools()
    {
        UserRow u;
        u.email = QStringLiteral("u@x");
        u.passwordHash = QStringLiteral("h");
        const qint64 userId = UserRepository(m_db->db()).insert(u);
        PoolRow p;
        p.name = QStringLiteral("team");
        const qint64 poolId = PoolRepository(m_db->db()).insert(p);
        ApiKeyRepository keys(m_db->db());
        ApiKeyRow k;
        k.name = QStringLiteral("bound");
        k.userId = userId;
        k.keyHash = QString(64, QLatin1Char('b'));
        k.poolId = poolId;
        const qint64 keyId = keys.insert(k);
        QCOMPARE(keys.get(keyId)->poolId, poolId);
        QCOMPARE(keys.listByPool(poolId).size(), 1);

        const StoreError e = expectError([&] { PoolRepository(m_db->db()).remove(poolId); });
        QCOMPARE(e.kind(), StoreError::Kind::Conflict);
        QVERIFY2(e.message().contains(QLatin1String("\"bound\"")), qPrintable(e.message()));
        QVERIFY(PoolRepository(m_db->db()).get(poolId));

        QCOMPARE(expectError([&] { keys.setPool(keyId, 31337); }).kind(),
                 StoreError::Kind::Invalid);
        QCOMPARE(keys.get(keyId)->poolId, poolId);
        keys.setPool(keyId, 0);
        QCOMPARE(keys.get(keyId)->poolId, 0);
        PoolRepository(m_db->db()).remove(poolId);
    }

    void proxiesInUseCannotBeDeleted()
    {
        ProxyRepository proxies(m_db->db());
        ProxyRow p;
        p.name = QStringLiteral("egress");
        p.urlSealed = QByteArray("sealed\x00url", 10);
        const qint64 id = proxies.insert(p);
        QCOMPARE(proxies.get(id)->urlSealed, p.urlSealed);
        QCOMPARE(expectError([&] { proxies.insert(p); }).kind(), StoreError::Kind::Conflict);

        const qint64 accountId = addAccount(QStringLiteral("behind-proxy"), id);
        QCOMPARE(AccountRepository(m_db->db()).listByProxy(id).size(), 1);
        StoreError e = expectError([&] { proxies.remove(id); });
        QCOMPARE(e.kind(), StoreError::Kind::Conflict);
        QVERIFY2(e.message().contains(QLatin1String("behind-proxy")), qPrintable(e.message()));
        QVERIFY(proxies.get(id));

        // An unknown proxy id is refused.
        e = expectError([&] { addAccount(QStringLiteral("other"), 9999); });
        QCOMPARE(e.kind(), StoreError::Kind::Invalid);
        QVERIFY2(e.message().contains(QLatin1String("9999")), qPrintable(e.message()));

        ProxyRow renamed = *proxies.get(id);
        renamed.name = QStringLiteral("egress-2");
        renamed.urlSealed.clear(); // keep the URL
        proxies.update(renamed);
        QCOMPARE(proxies.get(id)->name, QStringLiteral("egress-2"));
        QCOMPARE(proxies.get(id)->urlSealed, p.urlSealed);

        AccountRepository(m_db->db()).remove(accountId);
        proxies.remove(id);
        QVERIFY(proxies.list().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPoolRepository)
#include "TestPoolRepository.moc"
