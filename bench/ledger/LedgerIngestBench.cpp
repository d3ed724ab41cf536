// SPDX-License-Identifier: GPL-3.0-or-later
// aicarpool-bench-ledger-ingest: how many ledger rows per second the ledger's database writer
// stores, with the usage rollups (the ledger writer's path: rows and rollups in one transaction
// per batch) or without them (the rows alone: the baseline). Writes `--rows` generated calls in
// batches of `--batch` into a freshly migrated database and prints one JSON line.
//
//   aicarpool-bench-ledger-ingest --database sqlite:///tmp/x.db --rows 200000 --mode rollups
#include "config/DatabaseUrl.h"
#include "ledger/LedgerBatchWriter.h"
#include "store/Database.h"
#include "store/Migrations.h"
#include "store/StoreError.h"
#include "store/UsageRepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlQuery>

#include <cstdio>

#include <sys/resource.h>

namespace {

qint64 cpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return qint64(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000 +
           (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000;
}

// A call as a team of `keys` keys would make them: each key one user, department, enterprise.
UsageRecord call(QRandomGenerator &rng, qint64 i, qint64 atMs, int keys, bool sticky)
{
    static const char *const models[] = {
        "claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1", "gpt-4o", "gpt-4o-mini", "o3",
        "gemini-2.5-pro",    "gemini-2.5-flash"};
    UsageRecord r;
    r.requestId = QStringLiteral("bench-%1").arg(i);
    r.createdAtMs = atMs;
    const int key = 1 + int(rng.bounded(keys));
    r.keyId = key;
    r.userId = 1 + key % qMax(1, keys / 2);
    r.departmentId = 1 + r.userId % 50;
    r.enterpriseId = 1 + r.departmentId % 5;
    r.groupId = key % 3 == 0 ? 0 : 1 + key % 200;
    // uniform: any account and model for any call (every call a new combination: the worst
    // case for the rollups); sticky: a key mostly uses its own account and one of two models.
    const bool usual = sticky && rng.bounded(10) != 0;
    r.accountId = usual ? 1 + key % 20 : 1 + rng.bounded(20);
    const int m = usual ? (key + int(rng.bounded(2))) % 8 : int(rng.bounded(8));
    r.model = QString::fromLatin1(models[m]);
    r.provider = m < 3   ? QStringLiteral("anthropic")
                 : m < 6 ? QStringLiteral("openai")
                         : QStringLiteral("gemini");
    r.endpoint = QStringLiteral("/v1/messages");
    r.stream = rng.bounded(2) == 0;
    r.status = rng.bounded(50) == 0 ? 529 : 200;
    r.errorType = r.status == 529 ? QStringLiteral("overloaded_error") : QString();
    r.usage.inputTokens = rng.bounded(20000);
    r.usage.outputTokens = rng.bounded(2000);
    r.usage.cacheWriteTokens = rng.bounded(4) == 0 ? rng.bounded(10000) : 0;
    r.usage.cacheReadTokens = rng.bounded(2) == 0 ? rng.bounded(40000) : 0;
    r.cost = double(rng.bounded(200000)) / 1e6;
    r.latencyMs = 200 + rng.bounded(3000);
    r.ttfbMs = 50 + rng.bounded(500);
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("database"), QStringLiteral("Database URL (fresh)."),
                 QStringLiteral("url")});
    p.addOption({QStringLiteral("rows"), QStringLiteral("Rows to write."), QStringLiteral("n"),
                 QStringLiteral("200000")});
    p.addOption({QStringLiteral("batch"),
                 QStringLiteral("Rows per transaction (the ledger writer's default: 5000)."),
                 QStringLiteral("n"), QStringLiteral("5000")});
    p.addOption({QStringLiteral("keys"), QStringLiteral("Distinct keys."), QStringLiteral("n"),
                 QStringLiteral("2000")});
    p.addOption({QStringLiteral("days"), QStringLiteral("Days the calls span."),
                 QStringLiteral("n"), QStringLiteral("1")});
    p.addOption({QStringLiteral("mode"),
                 QStringLiteral("rollups (the ledger writer) or plain "
                                "(rows only)."),
                 QStringLiteral("mode"), QStringLiteral("rollups")});
    p.addOption({QStringLiteral("profile"),
                 QStringLiteral("uniform (any account and model per call) or sticky."),
                 QStringLiteral("profile"), QStringLiteral("uniform")});
    p.process(app);

    QString error;
    const auto url = DatabaseUrl::parse(p.value(QStringLiteral("database")), &error);
    if (!url) {
        std::fprintf(stderr, "bad --database: %s\n", qPrintable(error));
        return 2;
    }
    const QString mode = p.value(QStringLiteral("mode"));
    if (mode != QLatin1String("rollups") && mode != QLatin1String("plain")) {
        std::fprintf(stderr, "--mode must be rollups or plain\n");
        return 2;
    }
    const bool sticky = p.value(QStringLiteral("profile")) == QLatin1String("sticky");
    const qint64 rows = qMax<qint64>(1, p.value(QStringLiteral("rows")).toLongLong());
    const int batchRows = qBound(1, p.value(QStringLiteral("batch")).toInt(), 100000);
    const int keys = qMax(1, p.value(QStringLiteral("keys")).toInt());
    const qint64 spanMs = qMax<qint64>(1, p.value(QStringLiteral("days")).toLongLong()) * 86400000;

    QSqlDatabase db = Database::open(*url, QStringLiteral("bench"), &error);
    if (!db.isOpen() || !Migrations::apply(db, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    // Generated before the clock starts: only the database writes are timed.
    QRandomGenerator rng(12345);
    const qint64 startMs = 1764547200000; // 2025-12-01T00:00:00Z
    QList<QList<UsageRecord>> batches;
    for (qint64 i = 0; i < rows;) {
        QList<UsageRecord> batch;
        for (int j = 0; j < batchRows && i < rows; ++j, ++i)
            batch << call(rng, i, startMs + spanMs * i / rows, keys, sticky);
        batches << batch;
    }
    qint64 written = 0;
    if (qEnvironmentVariableIsSet("BENCH_SQLITE_CACHE_KIB") && url->isSqlite()) {
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA cache_size = -%1")
                   .arg(qEnvironmentVariableIntValue("BENCH_SQLITE_CACHE_KIB")));
    }
    QElapsedTimer timer;
    timer.start();
    const qint64 cpuBefore = cpuMs();
    try {
        for (const QList<UsageRecord> &batch : std::as_const(batches)) {
            written += mode == QLatin1String("rollups") ? LedgerBatchWriter::write(db, batch)
                                                        : UsageRepository(db).insertBatch(batch);
        }
    } catch (const StoreError &e) {
        std::fprintf(stderr, "write failed: %s\n", qPrintable(e.message()));
        return 1;
    }
    const qint64 ms = qMax<qint64>(1, timer.elapsed());
    const qint64 cpu = cpuMs() - cpuBefore;
    const QJsonObject out{{QStringLiteral("backend"), url->isMysql() ? "mariadb" : "sqlite"},
                          {QStringLiteral("mode"), mode},
                          {QStringLiteral("rows"), written},
                          {QStringLiteral("batch"), batchRows},
                          {QStringLiteral("profile"), sticky ? "sticky" : "uniform"},
                          {QStringLiteral("ms"), ms},
                          {QStringLiteral("cpuMs"), cpu},
                          {QStringLiteral("rowsPerSecond"), double(written) * 1000.0 / ms}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    db = QSqlDatabase();
    Database::close(QStringLiteral("bench"));
    return written == rows ? 0 : 1;
}
