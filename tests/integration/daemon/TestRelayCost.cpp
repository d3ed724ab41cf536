// SPDX-License-Identifier: GPL-3.0-or-later
// Calls priced as the providers bill them, end to end: the mock upstream reports 1-hour cache
// writes and reasoning tokens as the real APIs do, and the ledger row carries the split and the
// price that follows from it. On SQLite and MariaDB.
#include "RelayFixture.h"

#include <QJsonDocument>
#include <QTest>

class TestRelayCost final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;

    static qint64 field(const QJsonObject &row, const char *name)
    {
        return row.value(QLatin1String(name)).toInteger();
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_f = std::make_unique<RelayFixture>();
        QString error;
        bool skip = false;
        if (!m_f->setUp(backend, &error, &skip)) {
            if (skip)
                QSKIP(qPrintable(error));
            QFAIL(qPrintable(error));
        }
    }

    void cleanup() { m_f.reset(); }

    void oneHourCacheWritesArePricedAtTwiceTheInput()
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        const auto reply =
            client.post(QStringLiteral("/v1/messages"),
                        RelayFixture::anthropicBody(QStringLiteral("cache this mock:cache=1000/0 "
                                                                   "mock:cache1h=1000")),
                        {{"x-api-key", m_f->key()}, {"anthropic-version", "2023-06-01"}});
        QCOMPARE(reply.status, 200);
        // The client sees the split as the API sent it.
        const QJsonObject usage = reply.json().value(QLatin1String("usage")).toObject();
        QCOMPARE(usage.value(QLatin1String("cache_creation"))
                     .toObject()
                     .value(QLatin1String("ephemeral_1h_input_tokens"))
                     .toInt(),
                 1000);

        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QCOMPARE(field(row, "cacheWriteTokens"), 1000);
        QCOMPARE(field(row, "cacheWrite1hTokens"), 1000);
        QCOMPARE(field(row, "reasoningTokens"), 0);
        const qint64 in = field(row, "inputTokens");
        const qint64 out = field(row, "outputTokens");
        QVERIFY(in > 0 && out > 0);
        // claude-sonnet-4-5: input 3, output 15, 1-hour write 6 (2 x input) USD per million.
        // The writes alone: 1000 * 6 / 1e6 = 0.006 USD (0.00375 at the 5-minute rate).
        const double cost = row.value(QLatin1String("cost")).toDouble();
        const double writes = cost - (double(in) * 3 + double(out) * 15) / 1e6;
        QVERIFY2(qAbs(writes - 0.006) < 1e-12, qPrintable(QString::number(writes, 'g', 17)));

        // The summary shows the split too, in its items and its totals.
        const auto summary = m_f->admin().get(QStringLiteral("/api/usage/summary?groupBy=model"));
        QCOMPARE(summary.status, 200);
        const QJsonObject totals = summary.json().value(QLatin1String("totals")).toObject();
        QCOMPARE(field(totals, "cacheWrite1hTokens"), 1000);
        QCOMPARE(field(totals, "reasoningTokens"), 0);
        const QJsonArray items = summary.json().value(QLatin1String("items")).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(field(items.first().toObject(), "cacheWrite1hTokens"), 1000);
    }

    void streamedSplitWritesArePricedByTtl()
    {
        StreamCapture capture;
        const QByteArray body =
            QJsonDocument(
                RelayFixture::anthropicBody(QStringLiteral("stream mock:chunks=2 mock:cache=600/50 "
                                                           "mock:cache1h=400"),
                                            true))
                .toJson(QJsonDocument::Compact);
        QVERIFY(capture.post(m_f->daemon().baseUrl(), QStringLiteral("/v1/messages"), body,
                             {{"x-api-key", m_f->key()}}));
        QCOMPARE(capture.status, 200);
        QVERIFY(capture.body.contains("\"ephemeral_1h_input_tokens\":400"));

        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QCOMPARE(row.value(QLatin1String("stream")).toBool(), true);
        QCOMPARE(field(row, "cacheWriteTokens"), 600);
        QCOMPARE(field(row, "cacheWrite1hTokens"), 400);
        QCOMPARE(field(row, "cacheReadTokens"), 50);
        const qint64 in = field(row, "inputTokens");
        const qint64 out = field(row, "outputTokens");
        // 200 * 3.75 + 400 * 6 + 50 * 0.3 = 750 + 2400 + 15 = 3165 -> 0.003165 USD for the cache.
        const double cost = row.value(QLatin1String("cost")).toDouble();
        const double cache = cost - (double(in) * 3 + double(out) * 15) / 1e6;
        QVERIFY2(qAbs(cache - 0.003165) < 1e-12, qPrintable(QString::number(cache, 'g', 17)));
    }

    void reasoningTokensAreKeptButNotBilledTwice()
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        const auto reply =
            client.post(QStringLiteral("/v1/chat/completions"),
                        RelayFixture::openaiBody(QStringLiteral("think mock:reasoning=50 "
                                                                "mock:cache=0/8")),
                        {{"authorization", "Bearer " + m_f->key()}});
        QCOMPARE(reply.status, 200);
        const QJsonObject usage = reply.json().value(QLatin1String("usage")).toObject();
        const qint64 completion = usage.value(QLatin1String("completion_tokens")).toInteger();
        QVERIFY(completion > 50);

        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QCOMPARE(field(row, "outputTokens"), completion);
        QCOMPARE(field(row, "reasoningTokens"), 50);
        QCOMPARE(field(row, "cacheReadTokens"), 8);
        QCOMPARE(field(row, "cacheWrite1hTokens"), 0);
        // gpt-4o: input 2.50, cached 1.25, output 10 USD per million; reasoning is in the output.
        const qint64 in = field(row, "inputTokens");
        const double expected = (double(in) * 2.5 + 8 * 1.25 + double(completion) * 10) / 1e6;
        const double cost = row.value(QLatin1String("cost")).toDouble();
        QVERIFY2(qAbs(cost - expected) < 1e-12,
                 qPrintable(QStringLiteral("%1 vs %2").arg(cost).arg(expected)));
    }
};

QTEST_GUILESS_MAIN(TestRelayCost)
#include "TestRelayCost.moc"
