// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/StoreError.h"
#include "store/UsageRepository.h"

#include <QSqlQuery>
#include <QTest>

#include <algorithm>

static constexpr qint64 Day0 = 1735689600000; // 2025-01-01T00:00:00Z
static constexpr qint64 DayMs = 86400000;

class TestUsageRepository : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    static UsageRecord record(int i)
    {
        UsageRecord r;
        r.requestId = QStringLiteral("req-%1").arg(i, 6, 10, QLatin1Char('0'));
        r.createdAtMs = Day0 + (i % 3) * DayMs + i * 1000 + 7; // three days, distinct times
        r.keyId = 1 + i % 4;
        r.userId = 10 + i % 2;
        r.accountId = 100 + i % 5;
        r.provider = (i % 2) ? QStringLiteral("openai") : QStringLiteral("anthropic");
        r.model = (i % 2) ? QStringLiteral("gpt-4o") : QStringLiteral("claude-sonnet-4");
        r.endpoint =
            (i % 2) ? QStringLiteral("/v1/chat/completions") : QStringLiteral("/v1/messages");
        r.stream = i % 3 == 0;
        r.status = (i % 10 == 0) ? 529 : 200;
        r.usage.inputTokens = 100 + i;
        r.usage.outputTokens = 2 * i;
        r.usage.cacheWriteTokens = i % 7;
        r.usage.cacheReadTokens = i % 11;
        r.usage.cacheWrite1hTokens = i % 7 / 2;
        r.usage.reasoningTokens = i % 5;
        r.cost = 0.000125 * i + 0.1;
        r.latencyMs = 300 + i;
        r.ttfbMs = (i % 4 == 0) ? -1 : 40 + i;
        r.errorType = (i % 10 == 0) ? QStringLiteral("overloaded_error") : QString();
        r.clientAborted = i % 13 == 0;
        return r;
    }

    static QList<UsageRecord> records(int from, int count)
    {
        QList<UsageRecord> out;
        for (int i = from; i < from + count; ++i)
            out << record(i);
        return out;
    }

    qint64 rowCount()
    {
        QSqlQuery q(m_db->db());
        q.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT request_id) FROM usage_records"));
        q.next();
        if (q.value(0).toLongLong() != q.value(1).toLongLong())
            return -1;
        return q.value(0).toLongLong();
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, true); }
    void cleanup() { m_db.reset(); }

    void insertBatchChunksAndIgnoresDuplicates()
    {
        UsageRepository repo(m_db->db());
        QCOMPARE(repo.insertBatch({}), 0);
        QCOMPARE(repo.insertBatch(records(0, 1200)), 1200); // chunks of 500, 500, 200
        QCOMPARE(rowCount(), 1200);
        // 600 already there + 100 new, and a repeat inside the batch itself.
        QList<UsageRecord> again = records(600, 700);
        again << record(1250);
        QCOMPARE(repo.insertBatch(again), 100);
        QCOMPARE(rowCount(), 1300);
        QCOMPARE(repo.insertBatch(records(0, 1300)), 0);
        QCOMPARE(rowCount(), 1300);
    }

    void everyFieldRoundTrips()
    {
        UsageRepository repo(m_db->db());
        UsageRecord r = record(42);
        r.model = QStringLiteral("qwen-max-\u00fc");
        r.cost = 0.1 + 0.2;
        r.ttfbMs = -1;
        r.clientAborted = true;
        QCOMPARE(repo.insertBatch({r}), 1);
        UsageFilter all;
        const UsagePage page = repo.query(all);
        QCOMPARE(page.total, 1);
        QCOMPARE(page.items.size(), 1);
        const UsageRecord &got = page.items.first();
        QCOMPARE(got.requestId, r.requestId);
        QCOMPARE(got.createdAtMs, r.createdAtMs);
        QCOMPARE(got.cost, r.cost);
        QCOMPARE(got.ttfbMs, qint64(-1));
        QCOMPARE(got.usage, r.usage);
        QVERIFY(got == r);
    }

    void textValuesOfOneBatchRoundTrip()
    {
        // One prepared statement writes the whole batch: each row's text must be its own, longer
        // and shorter than the row before, non-ASCII, and clipped to the column sizes.
        UsageRepository repo(m_db->db());
        const QStringList models = {QString(300, QChar(0x6a21)), QStringLiteral("a"),
                                    QStringLiteral("qwen-max-\u00fc-\U0001F600"), QString(),
                                    QString(191, QLatin1Char('m')) + QStringLiteral("-clipped")};
        QList<UsageRecord> batch;
        for (int i = 0; i < models.size(); ++i) {
            UsageRecord r = record(500 + i);
            r.model = models.at(i);
            r.upstreamModel = models.at(models.size() - 1 - i);
            r.errorType = i % 2 ? QStringLiteral("e") : QStringLiteral("api_error_\u00e9");
            r.attemptLog =
                i % 2 ? QByteArray()
                      : QStringLiteral("[{\"account\":\"\u8d26\u53f7-%1\"}]").arg(i).toUtf8();
            batch << r;
        }
        QCOMPARE(repo.insertBatch(batch), qint64(batch.size()));
        UsageFilter all;
        const UsagePage page = repo.query(all);
        QCOMPARE(page.items.size(), batch.size());
        for (const UsageRecord &want : std::as_const(batch)) {
            const auto got =
                std::find_if(page.items.cbegin(), page.items.cend(),
                             [&](const UsageRecord &r) { return r.requestId == want.requestId; });
            QVERIFY(got != page.items.cend());
            QCOMPARE(got->model, want.model.left(191));
            QCOMPARE(got->upstreamModel, want.upstreamModel.left(191));
            QCOMPARE(got->errorType, want.errorType);
            QCOMPARE(got->attemptLog, want.attemptLog);
            QCOMPARE(got->provider, want.provider);
            QCOMPARE(got->endpoint, want.endpoint);
        }
    }

    void queryFiltersAndPages()
    {
        UsageRepository repo(m_db->db());
        const QList<UsageRecord> all = records(0, 300);
        QCOMPARE(repo.insertBatch(all), 300);

        auto expected = [&](const std::function<bool(const UsageRecord &)> &pred) {
            QList<UsageRecord> out;
            for (const UsageRecord &r : all)
                if (pred(r))
                    out << r;
            std::sort(out.begin(), out.end(), [](const UsageRecord &a, const UsageRecord &b) {
                return a.createdAtMs > b.createdAtMs;
            });
            return out;
        };

        UsageFilter f;
        f.pageSize = 1000;
        UsagePage page = repo.query(f);
        QCOMPARE(page.total, 300);
        QCOMPARE(page.items, expected([](const UsageRecord &) { return true; }));

        f = UsageFilter();
        f.fromMs = Day0 + DayMs;
        f.toMs = Day0 + 2 * DayMs;
        f.model = QStringLiteral("gpt-4o");
        f.pageSize = 1000;
        const QList<UsageRecord> want = expected([&](const UsageRecord &r) {
            return r.createdAtMs >= *f.fromMs && r.createdAtMs < *f.toMs && r.model == f.model;
        });
        QVERIFY(!want.isEmpty());
        page = repo.query(f);
        QCOMPARE(page.total, want.size());
        QCOMPARE(page.items, want);

        f = UsageFilter();
        f.keyId = 2;
        f.accountId = 103;
        f.userId = 11;
        f.pageSize = 1000;
        const QList<UsageRecord> want2 = expected([](const UsageRecord &r) {
            return r.keyId == 2 && r.accountId == 103 && r.userId == 11;
        });
        QVERIFY(!want2.isEmpty());
        QCOMPARE(repo.query(f).items, want2);

        // Paging: page 3 of 7 newest-first rows.
        const QList<UsageRecord> newest = expected([](const UsageRecord &) { return true; });
        f = UsageFilter();
        f.page = 3;
        f.pageSize = 7;
        page = repo.query(f);
        QCOMPARE(page.total, 300);
        QCOMPARE(page.items, newest.mid(14, 7));
        f.page = 43; // 300 = 42*7 + 6
        QCOMPARE(repo.query(f).items, newest.mid(294, 6));
        f.page = 44;
        page = repo.query(f);
        QVERIFY(page.items.isEmpty());
        QCOMPARE(page.total, 300);
        f.page = 0; // treated as 1
        QCOMPARE(repo.query(f).items, newest.mid(0, 7));

        // Page size is capped at 1000.
        QCOMPARE(repo.insertBatch(records(300, 1000)), 1000);
        f = UsageFilter();
        f.pageSize = 5000;
        page = repo.query(f);
        QCOMPARE(page.total, 1300);
        QCOMPARE(page.items.size(), 1000);

        f = UsageFilter();
        f.model = QStringLiteral("no-such-model");
        page = repo.query(f);
        QCOMPARE(page.total, 0);
        QVERIFY(page.items.isEmpty());
    }

    void summaryGroups()
    {
        UsageRepository repo(m_db->db());
        const QList<UsageRecord> all = records(0, 120);
        QCOMPARE(repo.insertBatch(all), 120);

        auto keyOf = [](const UsageRecord &r, const QString &groupBy) {
            if (groupBy == QLatin1String("day"))
                return QDateTime::fromMSecsSinceEpoch(r.createdAtMs, Qt::UTC)
                    .date()
                    .toString(Qt::ISODate);
            if (groupBy == QLatin1String("model"))
                return r.model;
            if (groupBy == QLatin1String("key"))
                return QString::number(r.keyId);
            return QString::number(r.accountId);
        };

        for (const QString &groupBy : {QStringLiteral("day"), QStringLiteral("model"),
                                       QStringLiteral("key"), QStringLiteral("account")}) {
            QMap<QString, UsageSummaryRow> want;
            for (const UsageRecord &r : all) {
                UsageSummaryRow &s = want[keyOf(r, groupBy)];
                s.key = keyOf(r, groupBy);
                s.requests += 1;
                s.errors += (r.status >= 400 || !r.errorType.isEmpty()) ? 1 : 0;
                s.inputTokens += r.usage.inputTokens;
                s.outputTokens += r.usage.outputTokens;
                s.cacheWriteTokens += r.usage.cacheWriteTokens;
                s.cacheReadTokens += r.usage.cacheReadTokens;
                s.cacheWrite1hTokens += r.usage.cacheWrite1hTokens;
                s.reasoningTokens += r.usage.reasoningTokens;
                s.cost += r.cost;
            }
            const QList<UsageSummaryRow> got = repo.summary(UsageFilter(), groupBy);
            QCOMPARE(got.size(), want.size());
            for (const UsageSummaryRow &g : got) {
                QVERIFY2(want.contains(g.key), qPrintable(groupBy + ": " + g.key));
                const UsageSummaryRow &w = want.value(g.key);
                QCOMPARE(g.requests, w.requests);
                QCOMPARE(g.errors, w.errors);
                QCOMPARE(g.inputTokens, w.inputTokens);
                QCOMPARE(g.outputTokens, w.outputTokens);
                QCOMPARE(g.cacheWriteTokens, w.cacheWriteTokens);
                QCOMPARE(g.cacheReadTokens, w.cacheReadTokens);
                QCOMPARE(g.cacheWrite1hTokens, w.cacheWrite1hTokens);
                QCOMPARE(g.reasoningTokens, w.reasoningTokens);
                QVERIFY(qAbs(g.cost - w.cost) < 1e-9);
            }
        }
        const QList<UsageSummaryRow> days = repo.summary(UsageFilter(), QStringLiteral("day"));
        QCOMPARE(days.size(), 3);
        QCOMPARE(days.at(0).key, QStringLiteral("2025-01-01"));
        QCOMPARE(days.at(2).key, QStringLiteral("2025-01-03"));

        // A filter applies to the summary too.
        UsageFilter f;
        f.keyId = 3;
        qint64 requests = 0;
        for (const UsageSummaryRow &row : repo.summary(f, QStringLiteral("key"))) {
            QCOMPARE(row.key, QStringLiteral("3"));
            requests += row.requests;
        }
        QCOMPARE(requests, 30);

        try {
            repo.summary(UsageFilter(), QStringLiteral("user; DROP TABLE usage_records"));
            QFAIL("expected invalid");
        } catch (const StoreError &e) {
            QCOMPARE(e.kind(), StoreError::Kind::Invalid);
        }
    }
};

QTEST_GUILESS_MAIN(TestUsageRepository)
#include "TestUsageRepository.moc"
