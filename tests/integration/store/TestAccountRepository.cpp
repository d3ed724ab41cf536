// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/AccountRepository.h"
#include "store/StoreError.h"

#include <QTest>

class TestAccountRepository : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    static AccountRow account(const QString &name, int priority = 50)
    {
        AccountRow a;
        a.name = name;
        a.provider = QStringLiteral("anthropic");
        a.baseUrl = QStringLiteral("https://api.example.com");
        // Sealed secrets are opaque bytes: include NUL and high bytes.
        a.secretSealed = QByteArray("v1:\x00\xff\x10sealed-", 14) + name.toUtf8();
        a.models = {QStringLiteral("claude-sonnet-4"), QStringLiteral("claude-haiku")};
        a.priority = priority;
        return a;
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
    void init() { AICARPOOL_TESTDB_INIT(m_db, true); }
    void cleanup() { m_db.reset(); }

    void roundTripAndDefaults()
    {
        AccountRepository repo(m_db->db());
        const AccountRow a = account(QStringLiteral("main"));
        QCOMPARE(a.priority, 50);
        QCOMPARE(a.weight, 1);
        const qint64 id = repo.insert(a);
        QVERIFY(id > 0);
        const std::optional<AccountRow> got = repo.get(id);
        QVERIFY(got);
        QCOMPARE(got->name, a.name);
        QCOMPARE(got->provider, a.provider);
        QCOMPARE(got->baseUrl, a.baseUrl);
        QCOMPARE(got->secretSealed, a.secretSealed);
        QCOMPARE(got->secretSealed.size(), 14 + 4);
        QCOMPARE(got->models, a.models);
        QCOMPARE(got->enabled, true);
        QCOMPARE(got->priority, 50);
        QCOMPARE(got->weight, 1);
        QVERIFY(got->createdAtMs > 1700000000000);
        QCOMPARE(got->updatedAtMs, got->createdAtMs);
        QVERIFY(!repo.get(id + 1));
    }

    void listOrdersByPriority()
    {
        AccountRepository repo(m_db->db());
        const qint64 low = repo.insert(account(QStringLiteral("low"), 10));
        const qint64 high = repo.insert(account(QStringLiteral("high"), 90));
        const qint64 mid = repo.insert(account(QStringLiteral("mid"), 50));
        const QList<AccountRow> all = repo.list();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(0).id, high);
        QCOMPARE(all.at(1).id, mid);
        QCOMPARE(all.at(2).id, low);
    }

    void updateKeepsOrReplacesTheSecret()
    {
        AccountRepository repo(m_db->db());
        const qint64 id = repo.insert(account(QStringLiteral("acc")));
        AccountRow changed = *repo.get(id);
        const QByteArray original = changed.secretSealed;
        changed.name = QStringLiteral("renamed");
        changed.models = {};
        changed.enabled = false;
        changed.priority = 7;
        changed.weight = 3;
        changed.secretSealed.clear(); // keep
        changed.updatedAtMs = changed.createdAtMs + 5000;
        repo.update(changed);
        AccountRow got = *repo.get(id);
        QCOMPARE(got.name, QStringLiteral("renamed"));
        QVERIFY(got.models.isEmpty());
        QCOMPARE(got.enabled, false);
        QCOMPARE(got.priority, 7);
        QCOMPARE(got.weight, 3);
        QCOMPARE(got.secretSealed, original);
        QCOMPARE(got.updatedAtMs, changed.createdAtMs + 5000);

        // Writing identical values is still a found row, not NotFound.
        repo.update(got);
        got.secretSealed = QByteArray("new-sealed");
        repo.update(got);
        QCOMPARE(repo.get(id)->secretSealed, QByteArray("new-sealed"));
    }

    void conflictsAndMissingRows()
    {
        AccountRepository repo(m_db->db());
        const qint64 a = repo.insert(account(QStringLiteral("alpha")));
        const qint64 b = repo.insert(account(QStringLiteral("beta")));
        QCOMPARE(kindOf([&] { repo.insert(account(QStringLiteral("alpha"))); }),
                 StoreError::Kind::Conflict);
        AccountRow rename = *repo.get(b);
        rename.name = QStringLiteral("alpha");
        QCOMPARE(kindOf([&] { repo.update(rename); }), StoreError::Kind::Conflict);
        AccountRow ghost = *repo.get(a);
        ghost.id = b + 100;
        QCOMPARE(kindOf([&] { repo.update(ghost); }), StoreError::Kind::NotFound);
        AccountRow nameless = account(QString());
        QCOMPARE(kindOf([&] { repo.insert(nameless); }), StoreError::Kind::Invalid);

        repo.remove(a);
        QVERIFY(!repo.get(a));
        QCOMPARE(kindOf([&] { repo.remove(a); }), StoreError::Kind::NotFound);
        QCOMPARE(repo.list().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAccountRepository)
#include "TestAccountRepository.moc"
