// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/LedgerBatchWriter.h"

#include "store/SqlTransaction.h"
#include "store/SqlUtil.h"
#include "store/UsageRepository.h"
#include "store/UsageRollupRepository.h"

#include <QSqlQuery>
#include <QThread>

namespace {

// SQLite rows are written on this thread's CPU, about 5 µs each. A batch of thousands would hold a
// core for milliseconds, and on a kernel that preempts only at its tick (4 ms at 250 Hz) a request
// thread waiting for that core waits the whole tick, even behind a background-priority thread. So
// every this many rows the core is offered to waiting threads (a yield costs well under a
// microsecond when nobody waits). MySQL does the work in its own process.
constexpr qsizetype SqliteRowsPerSlice = 8;

} // namespace

void LedgerBatchWriter::makeCommitsDurable(QSqlDatabase &db)
{
    if (SqlUtil::isMySql(db))
        return;
    QSqlQuery q = SqlUtil::prepare(db, QStringLiteral("PRAGMA synchronous=FULL"));
    SqlUtil::exec(q, QStringLiteral("make usage commits durable"));
}

qint64 LedgerBatchWriter::write(QSqlDatabase &db, const QList<UsageRecord> &records)
{
    if (records.isEmpty())
        return 0;
    // First without looking the ids up; when the database skipped rows without saying which
    // (MySQL), once more with the lookup.
    for (const bool checkExisting : {false, true}) {
        SqlTransaction tx(db);
        QList<UsageRecord> inserted;
        const bool complete = UsageRepository(db).insertRows(
            records, checkExisting, &inserted, [](qsizetype rowsDone) {
                if (rowsDone % SqliteRowsPerSlice == 0)
                    QThread::yieldCurrentThread();
            });
        if (!complete)
            continue; // rolled back
        UsageRollupRepository(db).add(inserted);
        tx.commit();
        return inserted.size();
    }
    return 0; // not reached: with checkExisting, insertRows() answers or throws
}
