// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/MigrationSteps.h"

// v9: alerts. Channels (where a notification goes; the secret sealed like account keys),
// rules (what to watch), incidents (one open per rule and subject) and the budget thresholds
// that already fired in a period (so a restart, or another daemon on the same database, does
// not fire them again).
QStringList MigrationSteps::sqliteV9()
{
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS alert_channels ("
                       "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       "enterprise_id INTEGER NULL,"
                       "name TEXT NOT NULL,"
                       "type TEXT NOT NULL,"
                       "url TEXT NOT NULL DEFAULT '',"
                       "emails TEXT NOT NULL DEFAULT '[]',"
                       "secret_enc BLOB NULL,"
                       "enabled INTEGER NOT NULL DEFAULT 1,"
                       "last_status TEXT NOT NULL DEFAULT '',"
                       "last_error TEXT NOT NULL DEFAULT '',"
                       "last_attempt_at_ms INTEGER NOT NULL DEFAULT 0,"
                       "last_success_at_ms INTEGER NOT NULL DEFAULT 0,"
                       "failure_count INTEGER NOT NULL DEFAULT 0,"
                       "sent_count INTEGER NOT NULL DEFAULT 0,"
                       "created_at_ms INTEGER NOT NULL,"
                       "updated_at_ms INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS idx_alert_channels_enterprise "
                       "ON alert_channels(enterprise_id)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS alert_rules ("
                       "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       "enterprise_id INTEGER NULL,"
                       "name TEXT NOT NULL,"
                       "kind TEXT NOT NULL,"
                       "params TEXT NOT NULL DEFAULT '{}',"
                       "channel_ids TEXT NOT NULL DEFAULT '[]',"
                       "cooldown_secs INTEGER NOT NULL DEFAULT 900,"
                       "enabled INTEGER NOT NULL DEFAULT 1,"
                       "created_at_ms INTEGER NOT NULL,"
                       "updated_at_ms INTEGER NOT NULL)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS idx_alert_rules_enterprise "
                       "ON alert_rules(enterprise_id)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS alert_incidents ("
                       "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       "enterprise_id INTEGER NULL,"
                       "rule_id INTEGER NOT NULL,"
                       "subject TEXT NOT NULL,"
                       "state TEXT NOT NULL DEFAULT 'open',"
                       "summary TEXT NOT NULL DEFAULT '',"
                       "details TEXT NOT NULL DEFAULT '{}',"
                       "opened_at_ms INTEGER NOT NULL,"
                       "updated_at_ms INTEGER NOT NULL,"
                       "acknowledged_at_ms INTEGER NOT NULL DEFAULT 0,"
                       "acknowledged_by INTEGER NOT NULL DEFAULT 0,"
                       "resolved_at_ms INTEGER NOT NULL DEFAULT 0,"
                       "resolved_by INTEGER NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS idx_alert_incidents_rule "
                       "ON alert_incidents(rule_id, subject, state)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS idx_alert_incidents_state "
                       "ON alert_incidents(state, id)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS alert_fired ("
                       "rule_id INTEGER NOT NULL,"
                       "budget_id INTEGER NOT NULL,"
                       "period_start_ms INTEGER NOT NULL,"
                       "threshold INTEGER NOT NULL,"
                       "fired_at_ms INTEGER NOT NULL,"
                       "PRIMARY KEY (rule_id, budget_id, period_start_ms, threshold))"),
    };
}

QList<MySqlStatement> MigrationSteps::mySqlV9()
{
    const QString opts = mySqlTableOptions();
    return {
        {QStringLiteral("CREATE TABLE IF NOT EXISTS alert_channels ("
                        "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        "enterprise_id BIGINT NULL,"
                        "name VARCHAR(200) NOT NULL,"
                        "type VARCHAR(16) NOT NULL,"
                        "url VARCHAR(2048) NOT NULL DEFAULT '',"
                        "emails TEXT NOT NULL,"
                        "secret_enc VARBINARY(1024) NULL,"
                        "enabled TINYINT(1) NOT NULL DEFAULT 1,"
                        "last_status VARCHAR(16) NOT NULL DEFAULT '',"
                        "last_error VARCHAR(1024) NOT NULL DEFAULT '',"
                        "last_attempt_at_ms BIGINT NOT NULL DEFAULT 0,"
                        "last_success_at_ms BIGINT NOT NULL DEFAULT 0,"
                        "failure_count BIGINT NOT NULL DEFAULT 0,"
                        "sent_count BIGINT NOT NULL DEFAULT 0,"
                        "created_at_ms BIGINT NOT NULL,"
                        "updated_at_ms BIGINT NOT NULL,"
                        "KEY idx_alert_channels_enterprise (enterprise_id))") +
             opts,
         QString(), QString()},
        {QStringLiteral("CREATE TABLE IF NOT EXISTS alert_rules ("
                        "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        "enterprise_id BIGINT NULL,"
                        "name VARCHAR(200) NOT NULL,"
                        "kind VARCHAR(32) NOT NULL,"
                        "params TEXT NOT NULL,"
                        "channel_ids TEXT NOT NULL,"
                        "cooldown_secs BIGINT NOT NULL DEFAULT 900,"
                        "enabled TINYINT(1) NOT NULL DEFAULT 1,"
                        "created_at_ms BIGINT NOT NULL,"
                        "updated_at_ms BIGINT NOT NULL,"
                        "KEY idx_alert_rules_enterprise (enterprise_id))") +
             opts,
         QString(), QString()},
        {QStringLiteral("CREATE TABLE IF NOT EXISTS alert_incidents ("
                        "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                        "enterprise_id BIGINT NULL,"
                        "rule_id BIGINT NOT NULL,"
                        "subject VARCHAR(191) NOT NULL,"
                        "state VARCHAR(16) NOT NULL DEFAULT 'open',"
                        "summary VARCHAR(1024) NOT NULL DEFAULT '',"
                        "details TEXT NOT NULL,"
                        "opened_at_ms BIGINT NOT NULL,"
                        "updated_at_ms BIGINT NOT NULL,"
                        "acknowledged_at_ms BIGINT NOT NULL DEFAULT 0,"
                        "acknowledged_by BIGINT NOT NULL DEFAULT 0,"
                        "resolved_at_ms BIGINT NOT NULL DEFAULT 0,"
                        "resolved_by BIGINT NOT NULL DEFAULT 0,"
                        "KEY idx_alert_incidents_rule (rule_id, subject, state),"
                        "KEY idx_alert_incidents_state (state, id))") +
             opts,
         QString(), QString()},
        {QStringLiteral("CREATE TABLE IF NOT EXISTS alert_fired ("
                        "rule_id BIGINT NOT NULL,"
                        "budget_id BIGINT NOT NULL,"
                        "period_start_ms BIGINT NOT NULL,"
                        "threshold INT NOT NULL,"
                        "fired_at_ms BIGINT NOT NULL,"
                        "PRIMARY KEY (rule_id, budget_id, period_start_ms, threshold))") +
             opts,
         QString(), QString()},
    };
}
