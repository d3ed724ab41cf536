// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/MigrationSteps.h"

// v10: the usage rollups the reports read (see UsageRollupRepository). Both tables count per
// UTC day (`day` = days since 1970-01-01); `week` (the Monday) and `month` (the 1st) are the day
// numbers of the week and month the day falls in, stored so reports group by them directly.
//
// usage_rollup_daily: one row per day and (enterprise, department, group, user, key, account,
//   provider, model): every dimension of a call, for reports that filter by user.
// usage_rollup_dims: one row per day, dimension, enterprise and value of that dimension
//   (dim 1 enterprise, 2 department, 3 group, 4 user, 5 key, 6 account, 7 provider, 8 model):
//   a report by one dimension reads only that dimension's rows.
// Ids are 0 for "none"; provider/model compare as bytes. Costs are micro-USD.
//
// Rows already in the ledger are rolled up once here, so an upgraded installation reports its
// history; from then on the ledger writer maintains both tables in the transaction of each batch.

namespace {

const char *const MetricColumnsSqlite = "requests INTEGER NOT NULL DEFAULT 0,"
                                        "errors INTEGER NOT NULL DEFAULT 0,"
                                        "input_tokens INTEGER NOT NULL DEFAULT 0,"
                                        "output_tokens INTEGER NOT NULL DEFAULT 0,"
                                        "cache_write_tokens INTEGER NOT NULL DEFAULT 0,"
                                        "cache_read_tokens INTEGER NOT NULL DEFAULT 0,"
                                        "cost_micros INTEGER NOT NULL DEFAULT 0,";

const char *const MetricColumnsMySql = "requests BIGINT NOT NULL DEFAULT 0,"
                                       "errors BIGINT NOT NULL DEFAULT 0,"
                                       "input_tokens BIGINT NOT NULL DEFAULT 0,"
                                       "output_tokens BIGINT NOT NULL DEFAULT 0,"
                                       "cache_write_tokens BIGINT NOT NULL DEFAULT 0,"
                                       "cache_read_tokens BIGINT NOT NULL DEFAULT 0,"
                                       "cost_micros BIGINT NOT NULL DEFAULT 0,";

// The backfill's shared parts: `dayExpr` is the dialect's integer division of created_at.
// `micros`: the cost in micro-USD rounded half up, as the ledger writer rounds (llround); MySQL's
// ROUND() of a DOUBLE rounds half to even.
QString metricSums(const QString &micros)
{
    return QStringLiteral("COUNT(*), SUM(CASE WHEN status < 100 OR status >= 400 OR error_type <> "
                          "'' THEN 1 ELSE "
                          "0 END), SUM(input_tokens), SUM(output_tokens), SUM(cache_write_tokens), "
                          "SUM(cache_read_tokens), SUM(%1)")
        .arg(micros);
}

const char *const MetricNames = "requests, errors, input_tokens, output_tokens, "
                                "cache_write_tokens, cache_read_tokens, cost_micros";

// `texts`: the provider and model columns as the rollups compare them (byte-wise).
QString backfillWide(const QString &day, const QString &week, const QString &month,
                     const QString &texts, const QString &micros)
{
    return QStringLiteral(
               "INSERT INTO usage_rollup_daily (day, week, month, enterprise_id, department_id, "
               "group_id, user_id, key_id, account_id, provider, model, %1) "
               "SELECT d, %2, %3, e, dp, g, user_id, key_id, account_id, provider, model, %4 "
               "FROM (SELECT %5 AS d, COALESCE(enterprise_id, 0) AS e, "
               "COALESCE(department_id, 0) AS dp, COALESCE(group_id, 0) AS g, user_id, key_id, "
               "account_id, %6, status, error_type, input_tokens, output_tokens, "
               "cache_write_tokens, cache_read_tokens, cost FROM usage_records) r "
               "WHERE NOT EXISTS (SELECT 1 FROM usage_rollup_daily) "
               "GROUP BY d, e, dp, g, user_id, key_id, account_id, provider, model")
        .arg(QLatin1String(MetricNames), week, month, metricSums(micros), day, texts);
}

// One INSERT ... SELECT per dimension, from the wide table (already filled).
QStringList backfillDims()
{
    struct Dim
    {
        int code;
        const char *id;
        const char *name;
    };
    static const Dim dims[] = {{1, "enterprise_id", "''"}, {2, "department_id", "''"},
                               {3, "group_id", "''"},      {4, "user_id", "''"},
                               {5, "key_id", "''"},        {6, "account_id", "''"},
                               {7, "0", "provider"},       {8, "0", "model"}};
    QStringList out;
    for (const Dim &d : dims) {
        out << QStringLiteral(
                   "INSERT INTO usage_rollup_dims (dim, day, week, month, enterprise_id, item_id, "
                   "item_name, %1) SELECT %2, day, MIN(week), MIN(month), enterprise_id, %3, %4, "
                   "SUM(requests), SUM(errors), SUM(input_tokens), SUM(output_tokens), "
                   "SUM(cache_write_tokens), SUM(cache_read_tokens), SUM(cost_micros) "
                   "FROM usage_rollup_daily WHERE NOT EXISTS (SELECT 1 FROM usage_rollup_dims "
                   "WHERE dim = %2) GROUP BY day, enterprise_id%5")
                   .arg(QLatin1String(MetricNames))
                   .arg(d.code)
                   .arg(QLatin1String(d.id), QLatin1String(d.name),
                        // a literal in GROUP BY would name a column position
                        d.code <= 6 ? QStringLiteral(", ") + QLatin1String(d.id)
                                    : QStringLiteral(", ") + QLatin1String(d.name));
    }
    return out;
}

} // namespace

QStringList MigrationSteps::sqliteV10()
{
    const QString metrics = QLatin1String(MetricColumnsSqlite);
    // Monday of the week: 1970-01-01 was a Thursday (day 0), so day + 3 is 0 on Mondays.
    const QString day = QStringLiteral("(created_at / 86400000)");
    const QString week = QStringLiteral("d - ((d + 3) % 7)");
    const QString month =
        QStringLiteral("CAST(julianday(date(d * 86400, 'unixepoch', 'start of month')) - "
                       "2440587.5 AS INTEGER)");
    QStringList out{
        QStringLiteral("CREATE TABLE IF NOT EXISTS usage_rollup_daily ("
                       "day INTEGER NOT NULL, week INTEGER NOT NULL, month INTEGER NOT NULL,"
                       "enterprise_id INTEGER NOT NULL DEFAULT 0,"
                       "department_id INTEGER NOT NULL DEFAULT 0,"
                       "group_id INTEGER NOT NULL DEFAULT 0,"
                       "user_id INTEGER NOT NULL DEFAULT 0,"
                       "key_id INTEGER NOT NULL DEFAULT 0,"
                       "account_id INTEGER NOT NULL DEFAULT 0,"
                       "provider TEXT NOT NULL DEFAULT '',"
                       "model TEXT NOT NULL DEFAULT '',") +
            metrics +
            QStringLiteral("PRIMARY KEY (day, enterprise_id, department_id, group_id, user_id, "
                           "key_id, account_id, provider, model)) WITHOUT ROWID"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS idx_rollup_daily_user "
                       "ON usage_rollup_daily(user_id, day)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS usage_rollup_dims ("
                       "dim INTEGER NOT NULL, day INTEGER NOT NULL, week INTEGER NOT NULL,"
                       "month INTEGER NOT NULL,"
                       "enterprise_id INTEGER NOT NULL DEFAULT 0,"
                       "item_id INTEGER NOT NULL DEFAULT 0,"
                       "item_name TEXT NOT NULL DEFAULT '',") +
            metrics +
            QStringLiteral("PRIMARY KEY (dim, day, enterprise_id, item_id, item_name)) "
                           "WITHOUT ROWID"),
        backfillWide(day, week, month, QStringLiteral("provider, model"),
                     QStringLiteral("ROUND(cost * 1000000)")), // SQLite: half away from zero
    };
    out << backfillDims();
    return out;
}

QList<MySqlStatement> MigrationSteps::mySqlV10()
{
    const QString metrics = QLatin1String(MetricColumnsMySql);
    const QString day = QStringLiteral("(created_at DIV 86400000)");
    const QString week = QStringLiteral("d - MOD(d + 3, 7)");
    // Day number of the first of the month: TO_DAYS counts from year 0; 719528 is 1970-01-01.
    const QString month = QStringLiteral(
        "TO_DAYS(DATE_SUB(FROM_DAYS(d + 719528), INTERVAL DAYOFMONTH(FROM_DAYS(d + 719528)) - 1 "
        "DAY)) - 719528");
    QList<MySqlStatement> out{
        {QStringLiteral("CREATE TABLE IF NOT EXISTS usage_rollup_daily ("
                        "day INT NOT NULL, week INT NOT NULL, month INT NOT NULL,"
                        "enterprise_id BIGINT NOT NULL DEFAULT 0,"
                        "department_id BIGINT NOT NULL DEFAULT 0,"
                        "group_id BIGINT NOT NULL DEFAULT 0,"
                        "user_id BIGINT NOT NULL DEFAULT 0,"
                        "key_id BIGINT NOT NULL DEFAULT 0,"
                        "account_id BIGINT NOT NULL DEFAULT 0,"
                        "provider VARCHAR(64) COLLATE utf8mb4_bin NOT NULL DEFAULT '',"
                        "model VARCHAR(191) COLLATE utf8mb4_bin NOT NULL DEFAULT '',") +
             metrics +
             QStringLiteral("PRIMARY KEY (day, enterprise_id, department_id, group_id, user_id, "
                            "key_id, account_id, provider, model),"
                            "KEY idx_rollup_daily_user (user_id, day))") +
             mySqlTableOptions(),
         QString(), QString()},
        {QStringLiteral("CREATE TABLE IF NOT EXISTS usage_rollup_dims ("
                        "dim TINYINT NOT NULL, day INT NOT NULL, week INT NOT NULL,"
                        "month INT NOT NULL,"
                        "enterprise_id BIGINT NOT NULL DEFAULT 0,"
                        "item_id BIGINT NOT NULL DEFAULT 0,"
                        "item_name VARCHAR(191) COLLATE utf8mb4_bin NOT NULL DEFAULT '',") +
             metrics +
             QStringLiteral("PRIMARY KEY (dim, day, enterprise_id, item_id, item_name))") +
             mySqlTableOptions(),
         QString(), QString()},
        // Each backfill runs only while its target is empty, so a re-run after a crash part way
        // through this step does not count the ledger twice.
        // The ledger's provider/model compare case-insensitively; the rollups keep each spelling.
        {backfillWide(day, week, month,
                      QStringLiteral("provider COLLATE utf8mb4_bin AS provider, "
                                     "model COLLATE utf8mb4_bin AS model"),
                      QStringLiteral("FLOOR(cost * 1000000 + 0.5)")),
         QString(), QString()},
    };
    for (const QString &sql : backfillDims())
        out.append({sql, QString(), QString()});
    return out;
}
