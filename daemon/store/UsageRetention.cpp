// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/UsageRetention.h"

#include "store/SqlUtil.h"

qint64 UsageRetention::purgeBatch(const QSqlDatabase &db, qint64 beforeMs, int limit)
{
    const int rows = qMax(1, limit);
    // Both walk idx_usage_created from the oldest row; each statement is its own transaction.
    const QString sql =
        SqlUtil::isMySql(db)
            ? QStringLiteral("DELETE FROM usage_records WHERE created_at < ? "
                             "ORDER BY created_at LIMIT %1")
                  .arg(rows)
            : QStringLiteral("DELETE FROM usage_records WHERE id IN (SELECT id FROM "
                             "usage_records WHERE created_at < ? ORDER BY created_at LIMIT %1)")
                  .arg(rows);
    QSqlQuery q = SqlUtil::prepare(db, sql);
    q.addBindValue(beforeMs);
    SqlUtil::exec(q, QStringLiteral("purge old usage"));
    return qMax(0, q.numRowsAffected());
}
