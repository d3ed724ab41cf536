// SPDX-License-Identifier: GPL-3.0-or-later
#include "RollupExpectation.h"
#include "TestDb.h"

#include "ledger/LedgerBatchWriter.h"
#include "store/MigrationSteps.h"
#include "store/Migrations.h"
#include "store/UsageRepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// Schema v10 on a database that already has a ledger: the rollups are filled once from its rows,
// and a re-run of the step (after a crash part way) does not count them twice.
class TestMigrationV10 : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, false); }
    void cleanup() { m_db.reset(); }

    void backfillsTheRollupsFromTheLedgerOnce()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::applyUpTo(db, 9, &error), qPrintable(error));
        QRandomGenerator rng(2026);
        QList<UsageRecord> records;
        for (int i = 0; i < 1500; ++i)
            records << RollupExpectation::random(rng, QStringLiteral("old-%1").arg(i), 70);
        records[3].provider.clear(); // a call that never reached a provider
        records[4].model = QStringLiteral("o'neil\\\"x");
        records[5].cost = 0.0000025; // a tie: rounds up to 3 micro-USD, as the ledger writer does
        RollupExpectation expected;
        expected.acceptNew(records);
        QCOMPARE(UsageRepository(db).insertBatch(records), qint64(records.size()));

        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(db, &error), 10);
        QVERIFY(RollupExpectation::readWide(db) == expected.wide());
        QVERIFY(RollupExpectation::readDims(db) == expected.dims());

        // The step again (as after a crash before its version was recorded): unchanged.
        if (m_db->isMySql()) {
            for (const MySqlStatement &st : MigrationSteps::mySqlV10()) {
                QSqlQuery q(db);
                QVERIFY2(q.exec(st.sql), qPrintable(q.lastError().text()));
            }
        } else {
            for (const QString &sql : MigrationSteps::sqliteV10()) {
                QSqlQuery q(db);
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
            }
        }
        QVERIFY(RollupExpectation::readWide(db) == expected.wide());
        QVERIFY(RollupExpectation::readDims(db) == expected.dims());

        // From now on the ledger writer adds to them, odd texts included.
        QList<UsageRecord> more;
        for (int i = 0; i < 300; ++i)
            more << RollupExpectation::random(rng, QStringLiteral("new-%1").arg(i), 70);
        more[0].model = QStringLiteral("it's \\ a 'model'; DROP TABLE x; --");
        more[1].provider.clear();
        more << records.mid(0, 20); // already there
        expected.acceptNew(more);
        QCOMPARE(LedgerBatchWriter::write(db, more), qint64(300));
        QVERIFY(RollupExpectation::readWide(db) == expected.wide());
        QVERIFY(RollupExpectation::readDims(db) == expected.dims());
    }
};

QTEST_GUILESS_MAIN(TestMigrationV10)
#include "TestMigrationV10.moc"
