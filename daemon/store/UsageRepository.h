// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/UsageRecord.h"
#include "store/UsageFilter.h"
#include "store/UsagePage.h"
#include "store/UsageSummaryRow.h"

#include <QList>
#include <QSqlDatabase>

#include <functional>

// `usage_records` table. Every method throws StoreError on failure. Use it on the connection's
// thread.
class UsageRepository
{
public:
    explicit UsageRepository(const QSqlDatabase &db) : m_db(db) {}

    static constexpr int ChunkRows = 500;

    // Inserts all rows in one transaction: on MySQL in multi-row statements of at most ChunkRows
    // rows, on SQLite one re-executed single-row statement (no round trips to save there).
    // Rows whose request_id already exists (or repeats within the batch) are skipped.
    // Returns the number of rows actually inserted.
    qint64 insertBatch(const QList<UsageRecord> &records);

    // The insert of insertBatch() inside the caller's transaction: appends to *inserted the
    // records actually written (not those whose request id was stored already or repeats in
    // the batch). Returns false when it cannot tell which rows were new (MySQL, a multi-row
    // statement skipped some and checkExisting is false): the caller rolls back and calls again
    // with checkExisting, which looks the ids up first. On SQLite, whose rows are written on the
    // calling thread's CPU, afterRow (when set) is called after each row with the rows done so
    // far, so a long batch can give the core away between rows.
    bool insertRows(const QList<UsageRecord> &records, bool checkExisting,
                    QList<UsageRecord> *inserted,
                    const std::function<void(qsizetype rowsDone)> &afterRow = {});

    // Newest first (created_at, then id, descending), or by filter.sort.
    UsagePage query(const UsageFilter &filter);

    // groupBy: "day" (UTC date), "model", "key" or "account". Invalid for anything else.
    // Rows ordered by their key (days ascending, ids numerically).
    QList<UsageSummaryRow> summary(const UsageFilter &filter, const QString &groupBy);

private:
    QList<UsageRecord> withoutStored(const QList<UsageRecord> &chunk);

    QSqlDatabase m_db;
};
