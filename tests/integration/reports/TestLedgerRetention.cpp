// SPDX-License-Identifier: GPL-3.0-or-later
#include "RollupExpectation.h"
#include "TestDb.h"

#include "base/Clock.h"
#include "ledger/LedgerBatchWriter.h"
#include "ledger/LedgerRetention.h"
#include "store/DbWorker.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

// ledger_retention_days through the scheduler: batches on the database worker, only rows past
// the period, rollups untouched.
class TestLedgerRetention : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    qint64 count(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, true); }
    void cleanup() { m_db.reset(); }

    void cutoffIsTheRetentionPeriodBeforeNow()
    {
        QCOMPARE(LedgerRetention::cutoffMs(10 * 86400000LL, 3), 7 * 86400000LL);
    }

    void purgesOldRowsInBatchesAndKeepsRollups()
    {
        // Rows from 1 to 120 days old; a 30-day retention keeps the young ones.
        const qint64 now = Clock::nowMs();
        QRandomGenerator rng(5);
        RollupExpectation expected;
        QList<UsageRecord> records;
        qint64 old = 0;
        for (int i = 0; i < 260; ++i) {
            UsageRecord r = RollupExpectation::random(rng, QStringLiteral("t-%1").arg(i), 1);
            const int ageDays = 1 + i % 120;
            r.createdAtMs = now - qint64(ageDays) * 86400000LL - 5000;
            old += ageDays >= 30 ? 1 : 0; // 30 days and 5 s: past the period
            records << r;
        }
        expected.acceptNew(records);
        QSqlDatabase db = m_db->db();
        QCOMPARE(LedgerBatchWriter::write(db, records), qint64(records.size()));
        const auto wideBefore = RollupExpectation::readWide(db);
        const auto dimsBefore = RollupExpectation::readDims(db);
        QVERIFY(wideBefore == expected.wide());

        DbWorker worker;
        QString error;
        QVERIFY2(worker.start(m_db->url(), &error), qPrintable(error));
        LedgerRetention::Settings s;
        s.retentionDays = 30;
        s.batchRows = 7; // many small statements
        s.pauseMs = 1;
        s.firstPassMs = 0;
        s.intervalMs = 3600 * 1000;
        LedgerRetention retention(&worker, s);
        QSignalSpy passes(&retention, &LedgerRetention::passFinished);
        retention.start();
        QVERIFY(passes.wait(60000));
        QCOMPARE(passes.first().first().toLongLong(), old);
        retention.stop();
        worker.stop();

        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM usage_records")),
                 qint64(records.size()) - old);
        QVERIFY(count(QStringLiteral("SELECT MIN(created_at) FROM usage_records")) >
                now - 30 * 86400000LL);
        QVERIFY(RollupExpectation::readWide(db) == wideBefore);
        QVERIFY(RollupExpectation::readDims(db) == dimsBefore);
    }

    void zeroDaysKeepsEverything()
    {
        UsageRecord r =
            RollupExpectation::random(*QRandomGenerator::global(), QStringLiteral("keep"), 1);
        QSqlDatabase db = m_db->db();
        QCOMPARE(LedgerBatchWriter::write(db, {r}), qint64(1));
        DbWorker worker;
        QString error;
        QVERIFY2(worker.start(m_db->url(), &error), qPrintable(error));
        LedgerRetention::Settings s;
        s.retentionDays = 0;
        s.firstPassMs = 0;
        LedgerRetention retention(&worker, s);
        QSignalSpy passes(&retention, &LedgerRetention::passFinished);
        retention.start();
        QVERIFY(!retention.isActive());
        QVERIFY(!passes.wait(300));
        worker.stop();
        QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM usage_records")), qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestLedgerRetention)
#include "TestLedgerRetention.moc"
