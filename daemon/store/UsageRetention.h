// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>

// Purges raw ledger rows (usage_records) older than the retention period, a small batch per
// call so no statement holds locks for long. The usage rollups are left as they are: reports
// keep the history. Throws StoreError; use it on the connection's thread.
class UsageRetention
{
public:
    static constexpr int DefaultBatchRows = 1000;

    // Deletes at most `limit` rows created before `beforeMs` (epoch ms), oldest first. Returns
    // the number deleted; fewer than `limit` means none are left.
    static qint64 purgeBatch(const QSqlDatabase &db, qint64 beforeMs, int limit = DefaultBatchRows);
};
