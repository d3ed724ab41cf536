// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/LedgerBatchWriter.h"

#include "store/SqlTransaction.h"
#include "store/UsageRepository.h"
#include "store/UsageRollupRepository.h"

qint64 LedgerBatchWriter::write(QSqlDatabase &db, const QList<UsageRecord> &records)
{
    if (records.isEmpty())
        return 0;
    // First without looking the ids up; when the database skipped rows without saying which
    // (MySQL), once more with the lookup.
    for (const bool checkExisting : {false, true}) {
        SqlTransaction tx(db);
        QList<UsageRecord> inserted;
        if (!UsageRepository(db).insertRows(records, checkExisting, &inserted))
            continue; // rolled back
        UsageRollupRepository(db).add(inserted);
        tx.commit();
        return inserted.size();
    }
    return 0; // not reached: with checkExisting, insertRows() answers or throws
}
