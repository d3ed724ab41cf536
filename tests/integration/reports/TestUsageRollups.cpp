// SPDX-License-Identifier: GPL-3.0-or-later
#include "RollupExpectation.h"
#include "TestDb.h"

#include "ledger/Ledger.h"
#include "ledger/LedgerBatchWriter.h"
#include "ledger/Spool.h"
#include "store/UsageReportRepository.h"
#include "store/UsageRepository.h"
#include "store/UsageRetention.h"

#include <QSqlQuery>
#include <QTest>

// The rollups the ledger writer maintains, the reports read from them, and retention, on
// SQLite and MariaDB.
class TestUsageRollups : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;
    int m_miscounted = 0; // batches whose written-row count was not the new records'

    qint64 ledgerRows()
    {
        QSqlQuery q(m_db->db());
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM usage_records")) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    void verifyRollups(const RollupExpectation &expected)
    {
        QCOMPARE(m_miscounted, 0);
        const auto wide = RollupExpectation::readWide(m_db->db());
        const auto wantWide = expected.wide();
        QCOMPARE(wide.size(), wantWide.size());
        QVERIFY(wide == wantWide);
        const auto dims = RollupExpectation::readDims(m_db->db());
        const auto wantDims = expected.dims();
        QCOMPARE(dims.size(), wantDims.size());
        QVERIFY(dims == wantDims);
    }

    static QMap<QString, RollupExpectation::Metrics> asMap(const UsageReport &report, bool textDim)
    {
        QMap<QString, RollupExpectation::Metrics> out;
        for (const UsageReportRow &r : report.rows)
            out.insert(QStringLiteral("%1|%2|%3")
                           .arg(r.bucketDay)
                           .arg(r.id)
                           .arg(textDim ? r.name : QString()),
                       {r.requests, r.errors, r.inputTokens, r.outputTokens, r.cacheWriteTokens,
                        r.cacheReadTokens, r.costMicros});
        return out;
    }

    // Random batches, some replaying records already written, some repeating ids inside the
    // batch; returns what the rollups must hold.
    RollupExpectation writeRandom(int batches, int days, quint32 seed)
    {
        QRandomGenerator rng(seed);
        RollupExpectation expected;
        QList<UsageRecord> written;
        int next = 0;
        for (int b = 0; b < batches; ++b) {
            QList<UsageRecord> batch;
            const int n = 1 + rng.bounded(700);
            for (int i = 0; i < n; ++i)
                batch << RollupExpectation::random(rng, QStringLiteral("r-%1").arg(next++), days);
            if (!written.isEmpty() && rng.bounded(3) == 0) {
                // A replay: records already in the ledger, mixed into the batch.
                for (int i = 0; i < 1 + rng.bounded(40); ++i)
                    batch.insert(rng.bounded(int(batch.size()) + 1),
                                 written.at(rng.bounded(int(written.size()))));
            }
            if (rng.bounded(4) == 0)
                batch << batch.first(); // the same id twice in one batch
            const QList<UsageRecord> fresh = expected.acceptNew(batch);
            QSqlDatabase db = m_db->db();
            const qint64 n2 = LedgerBatchWriter::write(db, batch);
            if (n2 != fresh.size()) {
                qWarning() << "batch" << b << "wrote" << n2 << "expected" << fresh.size();
                ++m_miscounted;
            }
            written << fresh;
        }
        return expected;
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init()
    {
        m_miscounted = 0;
        AICARPOOL_TESTDB_INIT(m_db, true);
    }
    void cleanup() { m_db.reset(); }

    void dayWeekMonthNumbers()
    {
        // 2025-12-01 is a Monday; 2025-12-31 a Wednesday; 2026-01-01 a Thursday.
        const int dec1 = RollupExpectation::day(RollupExpectation::Day0);
        QCOMPARE(RollupExpectation::week(dec1), dec1);
        QCOMPARE(RollupExpectation::week(dec1 + 30), dec1 + 28);
        QCOMPARE(RollupExpectation::month(dec1 + 31), dec1 + 31);
        QCOMPARE(RollupExpectation::month(dec1 + 45), dec1 + 31);
    }

    void rollupsEqualTheRawRowsAfterRandomBatches()
    {
        const RollupExpectation expected = writeRandom(25, 70, 20261130);
        QCOMPARE(ledgerRows(), qint64(expected.accepted().size()));
        verifyRollups(expected);
    }

    void replayedRowsAreNotCountedTwice()
    {
        QRandomGenerator rng(7);
        RollupExpectation expected;
        QList<UsageRecord> first;
        for (int i = 0; i < 600; ++i)
            first << RollupExpectation::random(rng, QStringLiteral("a-%1").arg(i), 5);
        QSqlDatabase db = m_db->db();
        QCOMPARE(LedgerBatchWriter::write(db, first), qint64(600));
        expected.acceptNew(first);
        // The whole batch again (a spool replayed after a crash): nothing new.
        QCOMPARE(LedgerBatchWriter::write(db, first), qint64(0));
        // Half old, half new, in one batch.
        QList<UsageRecord> mixed = first.mid(100, 300);
        for (int i = 0; i < 300; ++i)
            mixed << RollupExpectation::random(rng, QStringLiteral("b-%1").arg(i), 5);
        QCOMPARE(LedgerBatchWriter::write(db, mixed), qint64(300));
        expected.acceptNew(mixed);
        // One by one (the writer's fallback when a batch is refused).
        QCOMPARE(LedgerBatchWriter::write(db, {first.at(5)}), qint64(0));
        QCOMPARE(ledgerRows(), qint64(900));
        verifyRollups(expected);
    }

    void spoolReplayAfterACrashIsCountedOnce()
    {
        QRandomGenerator rng(11);
        QList<UsageRecord> records;
        for (int i = 0; i < 200; ++i)
            records << RollupExpectation::random(rng, QStringLiteral("s-%1").arg(i), 3);
        const QString spoolDir = m_db->dir() + QStringLiteral("/spool");
        {
            // The crash window: rows committed, but the spool still holds them.
            Spool spool(spoolDir);
            QString error;
            QVERIFY2(spool.open(&error), qPrintable(error));
            for (const UsageRecord &r : std::as_const(records))
                QVERIFY(spool.append(r, &error).isValid());
        }
        QSqlDatabase db = m_db->db();
        QCOMPARE(LedgerBatchWriter::write(db, records.mid(0, 150)), qint64(150));
        RollupExpectation expected;
        expected.acceptNew(records);
        {
            Ledger ledger(m_db->url(), spoolDir);
            QString error;
            QVERIFY2(ledger.start(&error), qPrintable(error));
            QVERIFY(ledger.waitUntilIdle(30000));
            QCOMPARE(ledger.writtenTotal(), qint64(50));
        }
        QCOMPARE(ledgerRows(), qint64(200));
        verifyRollups(expected);
    }

    void reportsGroupBucketAndFilter()
    {
        const RollupExpectation expected = writeRandom(12, 75, 424242);
        UsageReportRepository repo(m_db->db());
        const int day0 = RollupExpectation::day(RollupExpectation::Day0);
        const QList<qint64> tenantOne{1};
        struct Case
        {
            int from;
            int to;
            const QList<qint64> *enterprises;
            qint64 userId;
        };
        const Case cases[] = {{day0, day0 + 75, nullptr, 0},
                              {day0 + 3, day0 + 40, nullptr, 0},
                              {day0, day0 + 75, &tenantOne, 0},
                              {day0 + 10, day0 + 70, nullptr, 102}};
        for (const Case &c : cases) {
            for (int dim = 1; dim <= 8; ++dim) {
                for (const QString &bucket :
                     {QStringLiteral("day"), QStringLiteral("week"), QStringLiteral("month")}) {
                    UsageReportQuery q;
                    q.groupBy = UsageReportQuery::dimensions().at(dim - 1);
                    q.bucket = bucket;
                    q.fromDay = c.from;
                    q.toDay = c.to;
                    if (c.enterprises)
                        q.enterpriseIds = *c.enterprises;
                    if (c.userId)
                        q.userId = c.userId;
                    const UsageReport report = repo.report(q);
                    QVERIFY(!report.tooLarge);
                    const auto got = asMap(report, dim >= 7);
                    const auto want =
                        expected.report(dim, bucket, c.from, c.to, c.enterprises, c.userId);
                    QVERIFY2(!want.isEmpty(), qPrintable(q.groupBy));
                    QVERIFY2(got == want, qPrintable(QStringLiteral("%1 by %2, %3 rows vs %4")
                                                         .arg(q.groupBy, bucket)
                                                         .arg(got.size())
                                                         .arg(want.size())));
                    // Ordered by bucket, then id, then name.
                    for (qsizetype i = 1; i < report.rows.size(); ++i) {
                        const UsageReportRow &a = report.rows.at(i - 1);
                        const UsageReportRow &b = report.rows.at(i);
                        QVERIFY(std::tie(a.bucketDay, a.id) <= std::tie(b.bucketDay, b.id));
                    }
                }
            }
        }
        // An enterprise list that is empty sees nothing.
        UsageReportQuery none;
        none.groupBy = QStringLiteral("model");
        none.fromDay = day0;
        none.toDay = day0 + 75;
        none.enterpriseIds = QList<qint64>{};
        QVERIFY(repo.report(none).rows.isEmpty());
    }

    void reportNamesComeFromTheCatalog()
    {
        QSqlQuery q(m_db->db());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO enterprises (name, created_at_ms, "
                                      "updated_at_ms) VALUES ('Acme', 1, 1)")));
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM enterprises WHERE name = 'Acme'")));
        QVERIFY(q.next());
        const qint64 acme = q.value(0).toLongLong();
        UsageRecord r =
            RollupExpectation::random(*QRandomGenerator::global(), QStringLiteral("n-1"), 1);
        r.enterpriseId = acme;
        QSqlDatabase db = m_db->db();
        QCOMPARE(LedgerBatchWriter::write(db, {r}), qint64(1));
        UsageReportQuery query;
        query.groupBy = QStringLiteral("enterprise");
        query.fromDay = RollupExpectation::day(RollupExpectation::Day0);
        query.toDay = query.fromDay + 1;
        const UsageReport report = UsageReportRepository(db).report(query);
        QCOMPARE(report.rows.size(), 1);
        QCOMPARE(report.rows.first().id, acme);
        QCOMPARE(report.rows.first().name, QStringLiteral("Acme"));
    }

    void retentionPurgesOnlyOldRowsAndKeepsTheRollups()
    {
        const RollupExpectation expected = writeRandom(14, 60, 99);
        const int day0 = RollupExpectation::day(RollupExpectation::Day0);
        UsageReportQuery month;
        month.groupBy = QStringLiteral("department");
        month.bucket = QStringLiteral("month");
        month.fromDay = day0;
        month.toDay = day0 + 60;
        QSqlDatabase db = m_db->db();
        const UsageReport before = UsageReportRepository(db).report(month);

        const qint64 cutoff = RollupExpectation::Day0 + 30 * RollupExpectation::DayMs;
        qint64 old = 0;
        for (const UsageRecord &r : expected.accepted())
            old += r.createdAtMs < cutoff ? 1 : 0;
        QVERIFY(old > 1000);
        qint64 purged = 0;
        int statements = 0;
        for (;;) {
            const qint64 n = UsageRetention::purgeBatch(db, cutoff, 1000);
            QVERIFY(n <= 1000);
            purged += n;
            ++statements;
            if (n < 1000)
                break;
        }
        QCOMPARE(purged, old);
        QVERIFY(statements > 1);
        QCOMPARE(ledgerRows(), qint64(expected.accepted().size()) - old);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT MIN(created_at) FROM usage_records")));
        QVERIFY(q.next());
        QVERIFY(q.value(0).toLongLong() >= cutoff);
        // Nothing older left: the next pass deletes nothing.
        QCOMPARE(UsageRetention::purgeBatch(db, cutoff, 1000), qint64(0));
        verifyRollups(expected);
        const UsageReport after = UsageReportRepository(db).report(month);
        QVERIFY(asMap(after, false) == asMap(before, false));
    }
};

QTEST_GUILESS_MAIN(TestUsageRollups)
#include "TestUsageRollups.moc"
