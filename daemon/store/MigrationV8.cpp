// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/MigrationSteps.h"

// v8: quotas and budgets (written by the admin API), and the limit counters shared by every
// daemon on the database. A counter is one limit of one rule in one period; `used` is what was
// spent and committed, `leased` what the daemons hold in leases (see docs/governance.md). Each
// daemon's part of `leased` is one row of limit_leases, with an expiry after which another
// daemon gives it back to the counter (a daemon that died does not keep its lease).

QStringList MigrationSteps::sqliteV8()
{
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS quotas ("
                       "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       "enterprise_id INTEGER NULL,"
                       "scope TEXT NOT NULL,"
                       "scope_id INTEGER NOT NULL,"
                       "model TEXT NOT NULL DEFAULT '',"
                       "rpm INTEGER NOT NULL DEFAULT 0,"
                       "tpm INTEGER NOT NULL DEFAULT 0,"
                       "concurrency INTEGER NOT NULL DEFAULT 0,"
                       "daily_tokens INTEGER NOT NULL DEFAULT 0,"
                       "monthly_tokens INTEGER NOT NULL DEFAULT 0,"
                       "daily_cost_micros INTEGER NOT NULL DEFAULT 0,"
                       "monthly_cost_micros INTEGER NOT NULL DEFAULT 0,"
                       "enabled INTEGER NOT NULL DEFAULT 1,"
                       "created_at_ms INTEGER NOT NULL,"
                       "updated_at_ms INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS idx_quotas_scope ON quotas(scope, scope_id)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS idx_quotas_enterprise ON quotas(enterprise_id)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS budgets ("
                       "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       "enterprise_id INTEGER NULL,"
                       "name TEXT NOT NULL,"
                       "scope TEXT NOT NULL,"
                       "scope_id INTEGER NOT NULL,"
                       "period TEXT NOT NULL,"
                       "amount_micros INTEGER NOT NULL,"
                       "hard INTEGER NOT NULL DEFAULT 0,"
                       "thresholds TEXT NOT NULL DEFAULT '[80,95,100]',"
                       "enabled INTEGER NOT NULL DEFAULT 1,"
                       "created_at_ms INTEGER NOT NULL,"
                       "updated_at_ms INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS idx_budgets_scope ON budgets(scope, scope_id)"),
        QStringLiteral(
            "CREATE INDEX IF NOT EXISTS idx_budgets_enterprise ON budgets(enterprise_id)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS limit_counters ("
                       "counter_key TEXT NOT NULL,"
                       "period_start_ms INTEGER NOT NULL,"
                       "limit_value INTEGER NOT NULL,"
                       "used INTEGER NOT NULL DEFAULT 0,"
                       "leased INTEGER NOT NULL DEFAULT 0,"
                       "updated_at_ms INTEGER NOT NULL,"
                       "PRIMARY KEY (counter_key, period_start_ms))"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS idx_limit_counters_period "
                       "ON limit_counters(period_start_ms)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS limit_leases ("
                       "counter_key TEXT NOT NULL,"
                       "period_start_ms INTEGER NOT NULL,"
                       "node_id TEXT NOT NULL,"
                       "amount INTEGER NOT NULL,"
                       "expires_at_ms INTEGER NOT NULL,"
                       "PRIMARY KEY (counter_key, period_start_ms, node_id))"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS idx_limit_leases_expiry "
                       "ON limit_leases(expires_at_ms)"),
    };
}

QList<MySqlStatement> MigrationSteps::mySqlV8()
{
    const QString opts = mySqlTableOptions();
    return {
        {QStringLiteral("CREATE TABLE IF NOT EXISTS quotas ("
                        "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        "enterprise_id BIGINT NULL,"
                        "scope VARCHAR(16) NOT NULL,"
                        "scope_id BIGINT NOT NULL,"
                        "model VARCHAR(200) NOT NULL DEFAULT '',"
                        "rpm BIGINT NOT NULL DEFAULT 0,"
                        "tpm BIGINT NOT NULL DEFAULT 0,"
                        "concurrency BIGINT NOT NULL DEFAULT 0,"
                        "daily_tokens BIGINT NOT NULL DEFAULT 0,"
                        "monthly_tokens BIGINT NOT NULL DEFAULT 0,"
                        "daily_cost_micros BIGINT NOT NULL DEFAULT 0,"
                        "monthly_cost_micros BIGINT NOT NULL DEFAULT 0,"
                        "enabled INT NOT NULL DEFAULT 1,"
                        "created_at_ms BIGINT NOT NULL,"
                        "updated_at_ms BIGINT NOT NULL,"
                        "KEY idx_quotas_scope (scope, scope_id),"
                        "KEY idx_quotas_enterprise (enterprise_id))") +
             opts,
         QString(), QString()},
        {QStringLiteral("CREATE TABLE IF NOT EXISTS budgets ("
                        "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        "enterprise_id BIGINT NULL,"
                        "name VARCHAR(200) NOT NULL,"
                        "scope VARCHAR(16) NOT NULL,"
                        "scope_id BIGINT NOT NULL,"
                        "period VARCHAR(8) NOT NULL,"
                        "amount_micros BIGINT NOT NULL,"
                        "hard INT NOT NULL DEFAULT 0,"
                        "thresholds VARCHAR(200) NOT NULL DEFAULT '[80,95,100]',"
                        "enabled INT NOT NULL DEFAULT 1,"
                        "created_at_ms BIGINT NOT NULL,"
                        "updated_at_ms BIGINT NOT NULL,"
                        "KEY idx_budgets_scope (scope, scope_id),"
                        "KEY idx_budgets_enterprise (enterprise_id))") +
             opts,
         QString(), QString()},
        {QStringLiteral("CREATE TABLE IF NOT EXISTS limit_counters ("
                        "counter_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                        "period_start_ms BIGINT NOT NULL,"
                        "limit_value BIGINT NOT NULL,"
                        "used BIGINT NOT NULL DEFAULT 0,"
                        "leased BIGINT NOT NULL DEFAULT 0,"
                        "updated_at_ms BIGINT NOT NULL,"
                        "PRIMARY KEY (counter_key, period_start_ms),"
                        "KEY idx_limit_counters_period (period_start_ms))") +
             opts,
         QString(), QString()},
        {QStringLiteral("CREATE TABLE IF NOT EXISTS limit_leases ("
                        "counter_key VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                        "period_start_ms BIGINT NOT NULL,"
                        "node_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                        "amount BIGINT NOT NULL,"
                        "expires_at_ms BIGINT NOT NULL,"
                        "PRIMARY KEY (counter_key, period_start_ms, node_id),"
                        "KEY idx_limit_leases_expiry (expires_at_ms))") +
             opts,
         QString(), QString()},
    };
}
