// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/MigrationSteps.h"

// v7: the cost split of the ledger. cache_write_1h_tokens is the part of cache_write_tokens
// written with a 1-hour TTL (billed at a higher rate than 5-minute writes); reasoning_tokens is
// the part of output_tokens spent on reasoning/thinking (already billed as output). Rows written
// before this step read 0 for both.
QStringList MigrationSteps::sqliteV7()
{
    return {
        QStringLiteral("ALTER TABLE usage_records ADD COLUMN cache_write_1h_tokens INTEGER NOT "
                       "NULL DEFAULT 0"),
        QStringLiteral("ALTER TABLE usage_records ADD COLUMN reasoning_tokens INTEGER NOT NULL "
                       "DEFAULT 0"),
    };
}

QList<MySqlStatement> MigrationSteps::mySqlV7()
{
    return {
        {QStringLiteral("ALTER TABLE usage_records "
                        "ADD COLUMN cache_write_1h_tokens BIGINT NOT NULL DEFAULT 0,"
                        "ADD COLUMN reasoning_tokens BIGINT NOT NULL DEFAULT 0"),
         QStringLiteral("usage_records"), QStringLiteral("cache_write_1h_tokens")},
    };
}

QString MigrationSteps::mySqlTableOptions()
{
    return QStringLiteral(" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
}
