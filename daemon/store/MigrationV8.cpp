// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/MigrationSteps.h"

// v8: quotas and budgets (the rules; written through QuotaRepository and BudgetRepository).
// enterprise_id is the tenant of the scope object, for the RBAC filters of the admin API.

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
        QStringLiteral("CREATE INDEX IF NOT EXISTS idx_budgets_enterprise "
                       "ON budgets(enterprise_id)"),
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
                        "KEY idx_budgets_enterprise (enterprise_id))") +
             opts,
         QString(), QString()},
    };
}
