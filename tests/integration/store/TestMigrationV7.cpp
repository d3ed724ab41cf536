// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/Migrations.h"
#include "store/UsageRepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// Schema version 7: the cost split of the ledger. Rows written before it read 0 for the 1-hour
// cache writes and the reasoning tokens; new rows keep both, and the summaries add them up.
class TestMigrationV7 : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    void exec(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text() + QStringLiteral(": ") + sql));
    }

    static UsageRecord splitRecord(const QString &id, qint64 createdAtMs)
    {
        UsageRecord r;
        r.requestId = id;
        r.createdAtMs = createdAtMs;
        r.keyId = 4;
        r.provider = QStringLiteral("anthropic");
        r.model = QStringLiteral("claude-sonnet-4-5");
        r.endpoint = QStringLiteral("/v1/messages");
        r.status = 200;
        r.usage.inputTokens = 10;
        r.usage.outputTokens = 900;
        r.usage.cacheWriteTokens = 5000;
        r.usage.cacheWrite1hTokens = 3000;
        r.usage.cacheReadTokens = 70;
        r.usage.reasoningTokens = 600;
        r.cost = 0.042;
        return r;
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, false); }
    void cleanup() { m_db.reset(); }

    void oldRowsReadZeroAndNewRowsKeepTheSplit()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::applyUpTo(db, 6, &error), qPrintable(error));
        exec(QStringLiteral("INSERT INTO usage_records (request_id, created_at, key_id, user_id, "
                            "account_id, provider, model, endpoint, status, input_tokens, "
                            "output_tokens, cache_write_tokens, cost) VALUES ('req-old', 15, 4, "
                            "7, 3, 'anthropic', 'm1', '/v1/messages', 200, 42, 8, 100, 0.5)"));
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(Migrations::applyUpTo(db, 7, &error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(db, &error), 7);
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT cache_write_1h_tokens, reasoning_tokens FROM "
                                          "usage_records WHERE request_id = 'req-old'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toLongLong(), 0);
            QCOMPARE(q.value(1).toLongLong(), 0);
        }
        // The repositories speak the latest schema.
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));

        UsageRepository repo(db);
        const UsageRecord fresh = splitRecord(QStringLiteral("req-new"), 20);
        QCOMPARE(repo.insertBatch({fresh}), 1);
        UsageFilter all;
        all.sort = QStringLiteral("createdAt");
        all.ascending = true;
        const UsagePage page = repo.query(all);
        QCOMPARE(page.total, 2);
        const UsageRecord &old = page.items.at(0);
        QCOMPARE(old.requestId, QStringLiteral("req-old"));
        QCOMPARE(old.usage.cacheWriteTokens, 100);
        QCOMPARE(old.usage.cacheWrite1hTokens, 0);
        QCOMPARE(old.usage.reasoningTokens, 0);
        const UsageRecord &got = page.items.at(1);
        QCOMPARE(got.usage.cacheWrite1hTokens, 3000);
        QCOMPARE(got.usage.reasoningTokens, 600);
        QCOMPARE(got.usage, fresh.usage);
        QVERIFY(got == fresh);
        // The admin API shape shows the split.
        QCOMPARE(got.toJson().value(QStringLiteral("cacheWrite1hTokens")).toInteger(), 3000);
        QCOMPARE(got.toJson().value(QStringLiteral("reasoningTokens")).toInteger(), 600);
    }

    void summariesAddUpTheSplit()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        UsageRepository repo(db);
        QList<UsageRecord> rows;
        for (int i = 0; i < 5; ++i) {
            UsageRecord r = splitRecord(QStringLiteral("req-%1").arg(i), 1000 + i);
            r.usage.cacheWrite1hTokens = 100 * i;
            r.usage.reasoningTokens = 7 * i;
            rows << r;
        }
        // 1-hour writes 0+100+200+300+400 = 1000; reasoning 0+7+14+21+28 = 70.
        QCOMPARE(repo.insertBatch(rows), 5);
        const QList<UsageSummaryRow> summary = repo.summary(UsageFilter(), QStringLiteral("model"));
        QCOMPARE(summary.size(), 1);
        QCOMPARE(summary.first().cacheWriteTokens, 5 * 5000);
        QCOMPARE(summary.first().cacheWrite1hTokens, 1000);
        QCOMPARE(summary.first().reasoningTokens, 70);
        QCOMPARE(summary.first().outputTokens, 5 * 900);
    }
};

QTEST_GUILESS_MAIN(TestMigrationV7)
#include "TestMigrationV7.moc"
