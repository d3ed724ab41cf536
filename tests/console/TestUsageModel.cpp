// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/UsageModel.h"
#include "models/UsageQuery.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

// Usage filter -> query string, and the usage table's paging and server-side sort, driven by
// feeding page answers to the model (no daemon needed for this logic).
class TestUsageModel final : public QObject
{
    Q_OBJECT
private:
    static constexpr qint64 T0 = 1764460800000; // 2025-11-30T00:00:00Z

    // Rows newest first: row i is T0 - i seconds.
    static QJsonObject page(int firstRow, int count, qint64 total)
    {
        QJsonArray items;
        for (int i = firstRow; i < firstRow + count; ++i)
            items.append(
                QJsonObject{{QStringLiteral("requestId"), QStringLiteral("r%1").arg(i)},
                            {QStringLiteral("createdAt"),
                             QDateTime::fromMSecsSinceEpoch(T0 - i * 1000LL, Qt::UTC)
                                 .toString(Qt::ISODateWithMs)},
                            {QStringLiteral("keyId"), 3},
                            {QStringLiteral("userId"), 2},
                            {QStringLiteral("accountId"), 1},
                            {QStringLiteral("provider"), QStringLiteral("anthropic")},
                            {QStringLiteral("model"), QStringLiteral("claude-sonnet-4")},
                            {QStringLiteral("endpoint"), QStringLiteral("/v1/messages")},
                            {QStringLiteral("status"), i % 10 == 0 ? 529 : 200},
                            {QStringLiteral("inputTokens"), 100 + i},
                            {QStringLiteral("outputTokens"), 20},
                            {QStringLiteral("cost"), 0.5},
                            {QStringLiteral("latencyMs"), 300},
                            {QStringLiteral("ttfbMs"), -1},
                            {QStringLiteral("errorType"),
                             i % 10 == 0 ? QStringLiteral("overloaded_error") : QString()}});
        return {{QStringLiteral("items"), items},
                {QStringLiteral("total"), total},
                {QStringLiteral("page"), 1},
                {QStringLiteral("pageSize"), count}};
    }

private slots:
    void filterBecomesQueryString()
    {
        UsageQuery q;
        QCOMPARE(q.pageQuery(1, 500).toString(), QStringLiteral("page=1&pageSize=500"));
        q.from = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);
        q.to = QDateTime(QDate(2026, 11, 2), QTime(12, 30), Qt::UTC);
        q.keyId = 7;
        q.userId = 8;
        q.accountId = 9;
        q.model = QStringLiteral(" gpt-4o ");
        const QUrlQuery filter = q.filterQuery();
        QCOMPARE(filter.queryItemValue(QStringLiteral("from")),
                 QStringLiteral("2026-11-01T00:00:00.000Z"));
        QCOMPARE(filter.queryItemValue(QStringLiteral("to")),
                 QStringLiteral("2026-11-02T12:30:00.000Z"));
        QCOMPARE(filter.queryItemValue(QStringLiteral("keyId")), QStringLiteral("7"));
        QCOMPARE(filter.queryItemValue(QStringLiteral("userId")), QStringLiteral("8"));
        QCOMPARE(filter.queryItemValue(QStringLiteral("accountId")), QStringLiteral("9"));
        QCOMPARE(filter.queryItemValue(QStringLiteral("model")), QStringLiteral("gpt-4o"));
        QVERIFY(!filter.hasQueryItem(QStringLiteral("page")));
        QVERIFY(!filter.hasQueryItem(QStringLiteral("sort")));

        q.sort = QStringLiteral("cost");
        q.ascending = true;
        const QUrlQuery paged = q.pageQuery(3, 5000);
        QCOMPARE(paged.queryItemValue(QStringLiteral("sort")), QStringLiteral("cost"));
        QCOMPARE(paged.queryItemValue(QStringLiteral("order")), QStringLiteral("asc"));
        QCOMPARE(paged.queryItemValue(QStringLiteral("page")), QStringLiteral("3"));
        QCOMPARE(paged.queryItemValue(QStringLiteral("pageSize")), QStringLiteral("1000"));
        QVERIFY(!q.isNewestFirst());

        // A local time is sent as UTC.
        UsageQuery local;
        local.from = QDateTime::fromMSecsSinceEpoch(T0).toLocalTime();
        QCOMPARE(local.filterQuery().queryItemValue(QStringLiteral("from")),
                 QStringLiteral("2025-11-30T00:00:00.000Z"));
    }

    void pagesArriveAsTheViewAsks()
    {
        UsageModel model(nullptr);
        QSignalSpy loading(&model, &UsageModel::loadingChanged);
        QSignalSpy totals(&model, &UsageModel::totalChanged);
        model.setQuery(UsageQuery());
        QVERIFY(model.isLoading());
        QCOMPARE(model.total(), -1);
        QVERIFY(!model.canFetchMore({}));

        model.receivePage(page(0, 500, 1200));
        QVERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 500);
        QCOMPARE(model.total(), 1200);
        QCOMPARE(totals.count(), 1);
        QVERIFY(model.canFetchMore({}));
        // Later pages are pinned below the newest row, so new calls do not shift them.
        QCOMPARE(model.effectiveQuery().to->toMSecsSinceEpoch(), T0 + 1);
        QCOMPARE(model.effectiveQuery().pageQuery(2, 500).queryItemValue(QStringLiteral("to")),
                 QStringLiteral("2025-11-30T00:00:00.001Z"));

        model.fetchMore({});
        QVERIFY(model.isLoading());
        QVERIFY(!model.canFetchMore({})); // one page in flight at a time
        model.fetchMore({});              // ignored
        model.receivePage(page(500, 500, 1200));
        model.fetchMore({});
        model.receivePage(page(1000, 200, 1200));
        QCOMPARE(model.rowCount(), 1200);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.total(), 1200);

        QCOMPARE(model.usageRow(1199).requestId, QStringLiteral("r1199"));
        // Repeated texts are stored once, not once per row.
        QCOMPARE(model.usageRow(0).model.constData(), model.usageRow(1199).model.constData());
        QCOMPARE(model.usageRow(3).endpoint.constData(), model.usageRow(700).endpoint.constData());
        QCOMPARE(model.data(model.index(10, UsageModel::Status), Qt::DisplayRole).toInt(), 529);
        QCOMPARE(model.data(model.index(10, UsageModel::Error), Qt::DisplayRole).toString(),
                 QStringLiteral("overloaded_error"));
        QVERIFY(model.data(model.index(10, UsageModel::Status), Qt::ForegroundRole).isValid());
        QVERIFY(!model.data(model.index(11, UsageModel::Status), Qt::ForegroundRole).isValid());
        QCOMPARE(model.data(model.index(0, UsageModel::Key), Qt::DisplayRole).toString(),
                 QStringLiteral("#3"));
        CsvFormat::Names names;
        names.keys.insert(3, QStringLiteral("laptop"));
        model.setNames(names);
        QCOMPARE(model.data(model.index(0, UsageModel::Key), Qt::DisplayRole).toString(),
                 QStringLiteral("laptop"));
        QVERIFY(loading.count() >= 6);
    }

    void sortingAsksTheServerAgain()
    {
        UsageModel model(nullptr);
        model.setQuery(UsageQuery());
        model.receivePage(page(0, 50, 50));
        QCOMPARE(model.rowCount(), 50);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.sort(UsageModel::Time, Qt::DescendingOrder); // already so: nothing to do
        QCOMPARE(reset.count(), 0);
        model.sort(UsageModel::Error, Qt::AscendingOrder); // not sortable on the server
        QCOMPARE(reset.count(), 0);

        model.sort(UsageModel::Cost, Qt::AscendingOrder);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.isLoading());
        QCOMPARE(model.query().sort, QStringLiteral("cost"));
        QVERIFY(model.query().ascending);
        model.receivePage(page(0, 50, 50));
        // Not newest-first: nothing is pinned.
        QVERIFY(!model.effectiveQuery().to.has_value());

        // A new filter drops the page in flight.
        model.sort(UsageModel::Latency, Qt::DescendingOrder);
        QVERIFY(model.isLoading());
        UsageQuery q;
        q.model = QStringLiteral("gpt-4o");
        model.setQuery(q);
        QCOMPARE(model.query().model, QStringLiteral("gpt-4o"));
        QCOMPARE(model.rowCount(), 0);
        for (int c = 0; c < UsageModel::ColumnCount; ++c)
            QVERIFY(!model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestUsageModel)
#include "TestUsageModel.moc"
