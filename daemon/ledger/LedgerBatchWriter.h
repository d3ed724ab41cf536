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

    // Makes each batch durable when its transaction commits, as the spool deletes a segment once
    // its records are committed. SQLite's WAL with synchronous=NORMAL (the daemon's default) may
    // lose the last commits at a power loss; the ledger's connection uses synchronous=FULL, one
    // sync of the WAL per batch. MySQL/MariaDB commits follow the server's own settings.
    // Throws StoreError.
    static void makeCommitsDurable(QSqlDatabase &db);
};
