// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/UsageRecord.h"

#include <QList>
#include <QSqlDatabase>

// The usage rollups (usage_rollup_daily and usage_rollup_dims, see MigrationV10.cpp): per UTC
// day, the requests, errors, four token kinds and cost (micro-USD) of the ledger's rows. The
// ledger writer adds each batch's newly written rows in the transaction that writes them, so the
// rollups always match the rows; nothing rebuilds them from the ledger. Throws StoreError; use
// it on the connection's thread.
class UsageRollupRepository
{
public:
    explicit UsageRollupRepository(const QSqlDatabase &db) : m_db(db) {}

    // Rows per multi-row upsert statement on MySQL.
    static constexpr int ChunkRows = 1000;

    // The dimensions of usage_rollup_dims.dim.
    enum Dimension
    {
        Enterprise = 1,
        Department = 2,
        Group = 3,
        User = 4,
        Key = 5,
        Account = 6,
        Provider = 7,
        Model = 8,
    };

    // Adds the records to both rollups. Call inside the transaction that inserted them, with
    // only the records that were actually inserted.
    void add(const QList<UsageRecord> &records);

    // Day numbers (days since 1970-01-01, UTC).
    static int dayOf(qint64 epochMs);
    static int weekOf(int day);  // the Monday of the day's ISO week
    static int monthOf(int day); // the 1st of the day's month
    // A record's cost in micro-USD, as the rollups count it.
    static qint64 costMicros(double costUsd);
    // Whether a record counts as an error (as the usage summary counts them).
    static bool isError(const UsageRecord &record);

private:
    QSqlDatabase m_db;
};
