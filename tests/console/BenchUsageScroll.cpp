// SPDX-License-Identifier: GPL-3.0-or-later
// Measures the usage page on a large ledger: a daemon (SQLite) holding N usage rows (default
// 100,000; BENCH_USAGE_ROWS), the page shown offscreen, then
//   - time from activate() to the first page, the totals and charts in (loaded()) and painted,
//   - time to scroll to the last row (the view asks for page after page through fetchMore()),
//     the slowest single step (scroll + fetch + paint), and the memory the rows take,
//   - a server-side sort of all rows (cost, ascending) until its first page is painted,
//   - the baseline: fetching the same pages through the same client without any view.
// Prints a Markdown table. Not a ctest: speed belongs to benchmarks, not to pass/fail tests.
#include "DaemonProcess.h"

#include "api/ApiClient.h"
#include "models/UsageModel.h"
#include "pages/UsagePage.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

#include <cstdio>

namespace {

qint64 rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

bool fill(const QString &dbFile, int rows, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fill"));
    db.setDatabaseName(dbFile);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    // Plain SQL in one transaction (the console's tests do not link the daemon's code).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QStringList models = {QStringLiteral("claude-sonnet-4-5"), QStringLiteral("gpt-4o"),
                                QStringLiteral("claude-haiku-4-5"), QStringLiteral("deepseek-chat"),
                                QStringLiteral("gemini-2.5-pro")};
    db.transaction();
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral(
            "INSERT INTO usage_records (request_id, created_at, key_id, user_id, account_id, "
            "provider, model, endpoint, stream, status, input_tokens, output_tokens, "
            "cache_write_tokens, cache_read_tokens, cost, latency_ms, ttfb_ms, error_type, "
            "client_aborted, attempts, attempt_log, upstream_model) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"))) {
        *error = q.lastError().text();
        return false;
    }
    for (int i = 0; i < rows; ++i) {
        const QString model = models.at(i % models.size());
        const qint64 in = 200 + (i * 37) % 4000;
        const qint64 out = 50 + (i * 13) % 1500;
        const QVariantList values = {
            QStringLiteral("bench-%1").arg(i, 8, 10, QLatin1Char('0')),
            now - qint64(i) * 25000, // ~29 days for 100,000 rows
            1 + i % 7,
            1,
            1 + i % 3,
            model.startsWith(QLatin1String("claude")) ? QStringLiteral("anthropic")
                                                      : QStringLiteral("openai"),
            model,
            QStringLiteral("/v1/messages"),
            i % 2,
            i % 50 == 0 ? 529 : 200,
            in,
            out,
            0,
            0,
            double(in) * 3e-6 + double(out) * 15e-6,
            400 + (i * 7) % 9000,
            200 + (i * 3) % 900,
            i % 50 == 0 ? QStringLiteral("overloaded_error") : QString(QLatin1String("")),
            0,
            1,
            QString(QLatin1String("")),
            QString(QLatin1String(""))};
        for (int v = 0; v < values.size(); ++v)
            q.bindValue(v, values.at(v));
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
    }
    q.finish();
    db.commit();
    db.close();
    return true;
}

// The longest single pass of the event loop seen: how long the window could not react.
qint64 g_longestPassUs = 0;

template <typename Pred> bool waitFor(Pred pred, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!pred()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QElapsedTimer pass;
        pass.start();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        g_longestPassUs = qMax(g_longestPassUs, pass.nsecsElapsed() / 1000);
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int rows = qEnvironmentVariableIsSet("BENCH_USAGE_ROWS")
                         ? qEnvironmentVariableIntValue("BENCH_USAGE_ROWS")
                         : 100000;
    const int pageSize = qEnvironmentVariableIsSet("BENCH_USAGE_PAGE")
                             ? qEnvironmentVariableIntValue("BENCH_USAGE_PAGE")
                             : UsageModel::DefaultPageSize;

    DaemonProcess daemon;
    QString error;
    if (!daemon.start(&error)) {
        std::fprintf(stderr, "daemon: %s\n", qPrintable(error));
        return 1;
    }
    QElapsedTimer fillTimer;
    fillTimer.start();
    if (!fill(daemon.dataDir() + QStringLiteral("/aicarpool.db"), rows, &error)) {
        std::fprintf(stderr, "fill: %s\n", qPrintable(error));
        return 1;
    }
    const qint64 fillMs = fillTimer.elapsed();

    ApiClient api;
    api.setServerUrl(QUrl(daemon.baseUrl()));
    bool signedIn = false;
    api.signIn(daemon.adminEmail(), daemon.adminPassword(), &app,
               [&](const ApiResult &r) { signedIn = r.ok(); });
    if (!waitFor([&] { return signedIn; }, 20000)) {
        std::fprintf(stderr, "sign-in failed\n");
        return 1;
    }

    // Baseline: the same pages through the same client, no view.
    QElapsedTimer baseline;
    baseline.start();
    int fetched = 0;
    int pages = 0;
    bool more = true;
    while (more) {
        bool done = false;
        UsageQuery q;
        api.get(QStringLiteral("/api/usage"), q.pageQuery(pages + 1, pageSize), &app,
                [&](const ApiResult &r) {
                    const int n = int(r.object().value(QLatin1String("items")).toArray().size());
                    fetched += n;
                    more = r.ok() && n == pageSize;
                    done = true;
                });
        if (!waitFor([&] { return done; }, 60000))
            return 1;
        ++pages;
    }
    const qint64 baselineMs = baseline.elapsed();

    const qint64 rssBefore = rssKiB();
    UsagePage page(&api);
    page.usageModel()->setPageSize(pageSize);
    page.resize(1400, 900);
    page.show();
    if (!QTest::qWaitForWindowExposed(&page))
        return 1;

    QElapsedTimer first;
    first.start();
    QSignalSpy loaded(&page, &Page::loaded);
    page.activate();
    if (!waitFor([&] { return page.isLoaded(); }, 60000))
        return 1;
    page.repaint();
    const qint64 firstMs = first.elapsed();
    const qint64 total = page.usageModel()->total();

    QTableView *table = page.tableView();
    g_longestPassUs = 0;
    QElapsedTimer scroll;
    scroll.start();
    qint64 slowestStep = 0;
    int steps = 0;
    while (page.usageModel()->rowCount() < total) {
        QElapsedTimer step;
        step.start();
        table->scrollToBottom();
        if (!waitFor([&] { return !page.usageModel()->isLoading(); }, 60000))
            return 1;
        QElapsedTimer paintStep;
        paintStep.start();
        table->viewport()->repaint();
        g_longestPassUs = qMax(g_longestPassUs, paintStep.nsecsElapsed() / 1000);
        slowestStep = qMax(slowestStep, step.elapsed());
        ++steps;
    }
    table->scrollToBottom();
    table->viewport()->repaint();
    const qint64 scrollMs = scroll.elapsed();
    const qint64 rssAfter = rssKiB();
    const qint64 loadedRows = page.usageModel()->rowCount();
    const qint64 longestPassUs = g_longestPassUs;

    // Paint cost at the end of 100,000 rows: one full viewport repaint.
    QElapsedTimer paint;
    paint.start();
    for (int i = 0; i < 20; ++i) {
        table->verticalScrollBar()->setValue(table->verticalScrollBar()->maximum() - i * 30);
        table->viewport()->repaint();
    }
    const double paintMs = double(paint.elapsed()) / 20;

    QElapsedTimer sort;
    sort.start();
    table->sortByColumn(UsageModel::Cost, Qt::AscendingOrder);
    if (!waitFor([&] { return page.usageModel()->rowCount() > 0; }, 60000))
        return 1;
    table->viewport()->repaint();
    const qint64 sortMs = sort.elapsed();

    std::printf("## Usage page, %d rows (SQLite, page size %d, offscreen)\n\n", rows, pageSize);
    std::printf("| measure | value |\n|---|---|\n");
    std::printf("| fill the ledger (insert %d rows) | %lld ms |\n", rows, fillMs);
    std::printf("| baseline: fetch all %d pages through ApiClient, no view | %lld ms (%d rows) |\n",
                pages, baselineMs, fetched);
    std::printf(
        "| first page + totals + charts shown (activate -> loaded -> painted) | %lld ms |\n",
        firstMs);
    std::printf("| scroll to the last row (%d fetchMore steps) | %lld ms |\n", steps, scrollMs);
    std::printf("| slowest single step (scroll + fetch + paint) | %lld ms |\n", slowestStep);
    std::printf("| longest UI-thread pass while scrolling (parse a page / paint) | %.1f ms |\n",
                double(longestPassUs) / 1000);
    std::printf("| repaint of the viewport with all rows loaded | %.1f ms |\n", paintMs);
    std::printf("| server-side sort by cost until first page painted | %lld ms |\n", sortMs);
    std::printf("| RSS before the page / with all rows loaded | %lld / %lld MiB |\n",
                rssBefore / 1024, rssAfter / 1024);
    std::printf("| rows in the model after scrolling | %lld of %lld |\n", loadedRows, total);
    return 0;
}
