// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/UsageReport.h"

#include <QSqlDatabase>

// Usage reports, read from the rollups only (never from usage_records): a report by one
// dimension reads usage_rollup_dims; a report restricted to one user reads usage_rollup_daily
// through its (user_id, day) index. Throws StoreError; use it on the connection's thread.
class UsageReportRepository
{
public:
    explicit UsageReportRepository(const QSqlDatabase &db) : m_db(db) {}

    // Throws StoreError(Invalid) for an unknown groupBy or bucket.
    UsageReport report(const UsageReportQuery &query);

private:
    void resolveNames(const QString &groupBy, QList<UsageReportRow> *rows);

    QSqlDatabase m_db;
};
