// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/UsageRepository.h"

#include <QTest>

#include <algorithm>

// UsageFilter::sort / ascending: the orders the console's usage table asks for.
class TestUsageSort final : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    static UsageRecord record(int i)
    {
        UsageRecord r;
        r.requestId = QStringLiteral("sort-%1").arg(i, 4, 10, QLatin1Char('0'));
        r.createdAtMs = 1735689600000 + i * 1000;
        r.keyId = 1;
        r.userId = 1;
        r.accountId = 1;
        r.provider = QStringLiteral("anthropic");
        r.model = QStringLiteral("m%1").arg((i * 7) % 5);
        r.endpoint = QStringLiteral("/v1/messages");
        r.status = 200;
        r.cost = double((i * 37) % 11) / 100.0; // repeats, so ties need the second key
        r.latencyMs = 1000 - i;
        return r;
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, true); }
    void cleanup() { m_db.reset(); }

    void sortsByWhitelistedFieldWithStableTies()
    {
        UsageRepository repo(m_db->db());
        QList<UsageRecord> all;
        for (int i = 0; i < 60; ++i)
            all << record(i);
        QCOMPARE(repo.insertBatch(all), 60);

        QList<UsageRecord> want = all;
        std::sort(want.begin(), want.end(), [](const UsageRecord &a, const UsageRecord &b) {
            if (a.cost != b.cost)
                return a.cost < b.cost;
            return a.createdAtMs < b.createdAtMs;
        });
        UsageFilter f;
        f.sort = QStringLiteral("cost");
        f.ascending = true;
        f.pageSize = 25;
        QList<UsageRecord> got;
        for (f.page = 1; f.page <= 3; ++f.page)
            got << repo.query(f).items;
        QCOMPARE(got, want);

        f = UsageFilter();
        f.sort = QStringLiteral("latencyMs");
        f.pageSize = 1000;
        want = all;
        std::sort(want.begin(), want.end(), [](const UsageRecord &a, const UsageRecord &b) {
            return a.latencyMs > b.latencyMs;
        });
        QCOMPARE(repo.query(f).items, want);

        // Oldest first.
        f = UsageFilter();
        f.ascending = true;
        f.pageSize = 3;
        QCOMPARE(repo.query(f).items, all.mid(0, 3));

        // Anything not whitelisted falls back to the default order, never to SQL text.
        f = UsageFilter();
        f.sort = QStringLiteral("cost; DROP TABLE usage_records");
        f.pageSize = 2;
        QCOMPARE(repo.query(f).items, (QList<UsageRecord>{all.at(59), all.at(58)}));
        QVERIFY(UsageFilter::sortFields().contains(QStringLiteral("cost")));
        QVERIFY(!UsageFilter::sortFields().contains(QStringLiteral("requestId")));
    }
};

QTEST_GUILESS_MAIN(TestUsageSort)
#include "TestUsageSort.moc"
