// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/UsageRecord.h"

#include <QList>
#include <QSqlDatabase>

// Writes one batch of the ledger: the rows, and the usage rollups of the rows that were new, in
// one transaction. A record whose request id is already stored (a spool replayed after a crash)
// is skipped and not counted again. Throws StoreError.
class LedgerBatchWriter
{
public:
    // Returns the number of rows written.
    static qint64 write(QSqlDatabase &db, const QList<UsageRecord> &records);
};
