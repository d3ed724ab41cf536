// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Migrations.h"

#include "base/Clock.h"
#include "store/MigrationSteps.h"
#include "store/SqlUtil.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

static const char *const MySqlTableOptions =
    " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";

// The built-in roles as rows (their permissions come from shared/rbac, not from this column).
static QString builtinRolesInsert()
{
    return QStringLiteral(
        "INSERT INTO roles (id, enterprise_id, name, permissions, builtin) VALUES "
        "('system_admin', NULL, 'System administrator', '[]', 1),"
        "('enterprise_owner', NULL, 'Enterprise owner', '[]', 1),"
        "('enterprise_admin', NULL, 'Enterprise administrator', '[]', 1),"
        "('department_manager', NULL, 'Department manager', '[]', 1),"
        "('group_owner', NULL, 'Group owner', '[]', 1),"
        "('group_admin', NULL, 'Group administrator', '[]', 1),"
        "('group_member', NULL, 'Group member', '[]', 1),"
        "('auditor', NULL, 'Auditor', '[]', 1),"
        "('member', NULL, 'Member', '[]', 1)");
}

// Existing users keep their access: admin becomes system_admin, member becomes member, both
// held globally.
static QString legacyAssignmentsInsert()
{
    return QStringLiteral("INSERT INTO role_assignments (user_id, role_id, scope, scope_id, "
                          "created_at_ms) SELECT id, CASE role WHEN 'admin' THEN "
                          "'system_admin' ELSE 'member' END, 'global', NULL, %1 FROM users "
                          "WHERE role IN ('admin', 'member')")
        .arg(Clock::nowMs());
}

static QStringList stepSqlite(int version)
{
    switch (version) {
    case 1:
        return {
            QStringLiteral("CREATE TABLE IF NOT EXISTS users ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "email TEXT NOT NULL COLLATE NOCASE UNIQUE,"
                           "name TEXT NOT NULL DEFAULT '',"
                           "role TEXT NOT NULL DEFAULT 'user',"
                           "password_hash TEXT NOT NULL DEFAULT '',"
                           "disabled INTEGER NOT NULL DEFAULT 0,"
                           "created_at INTEGER NOT NULL,"
                           "updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS accounts ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "name TEXT NOT NULL COLLATE NOCASE UNIQUE,"
                           "provider TEXT NOT NULL,"
                           "base_url TEXT NOT NULL DEFAULT '',"
                           "secret_enc BLOB NOT NULL,"
                           "models TEXT NOT NULL DEFAULT '[]',"
                           "enabled INTEGER NOT NULL DEFAULT 1,"
                           "priority INTEGER NOT NULL DEFAULT 50,"
                           "weight INTEGER NOT NULL DEFAULT 1,"
                           "created_at INTEGER NOT NULL,"
                           "updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS api_keys ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "name TEXT NOT NULL DEFAULT '',"
                           "user_id INTEGER NOT NULL REFERENCES users(id),"
                           "key_hash TEXT NOT NULL UNIQUE,"
                           "key_hint TEXT NOT NULL DEFAULT '',"
                           "models TEXT NOT NULL DEFAULT '[]',"
                           "expires_at INTEGER NULL,"
                           "disabled INTEGER NOT NULL DEFAULT 0,"
                           "revoked_at INTEGER NULL,"
                           "created_at INTEGER NOT NULL,"
                           "last_used_at INTEGER NULL)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_api_keys_user ON api_keys(user_id)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS usage_records ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "request_id TEXT NOT NULL UNIQUE,"
                           "created_at INTEGER NOT NULL,"
                           "key_id INTEGER NOT NULL DEFAULT 0,"
                           "user_id INTEGER NOT NULL DEFAULT 0,"
                           "account_id INTEGER NOT NULL DEFAULT 0,"
                           "provider TEXT NOT NULL DEFAULT '',"
                           "model TEXT NOT NULL DEFAULT '',"
                           "endpoint TEXT NOT NULL DEFAULT '',"
                           "stream INTEGER NOT NULL DEFAULT 0,"
                           "status INTEGER NOT NULL DEFAULT 0,"
                           "input_tokens INTEGER NOT NULL DEFAULT 0,"
                           "output_tokens INTEGER NOT NULL DEFAULT 0,"
                           "cache_write_tokens INTEGER NOT NULL DEFAULT 0,"
                           "cache_read_tokens INTEGER NOT NULL DEFAULT 0,"
                           "cost REAL NOT NULL DEFAULT 0,"
                           "latency_ms INTEGER NOT NULL DEFAULT 0,"
                           "ttfb_ms INTEGER NOT NULL DEFAULT -1,"
                           "error_type TEXT NOT NULL DEFAULT '',"
                           "client_aborted INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_usage_created "
                           "ON usage_records(created_at)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_usage_key_created "
                           "ON usage_records(key_id, created_at)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_usage_account_created "
                           "ON usage_records(account_id, created_at)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_usage_model_created "
                           "ON usage_records(model, created_at)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS settings ("
                           "k TEXT NOT NULL PRIMARY KEY,"
                           "v TEXT NOT NULL DEFAULT '')"),
        };
    case 2:
        return {
            QStringLiteral("CREATE TABLE IF NOT EXISTS proxies ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "name TEXT NOT NULL COLLATE NOCASE UNIQUE,"
                           "url_enc BLOB NOT NULL,"
                           "created_at INTEGER NOT NULL,"
                           "updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS pools ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "name TEXT NOT NULL COLLATE NOCASE UNIQUE,"
                           "strategy TEXT NOT NULL DEFAULT 'priority',"
                           "created_at INTEGER NOT NULL,"
                           "updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS pool_accounts ("
                           "pool_id INTEGER NOT NULL REFERENCES pools(id) ON DELETE CASCADE,"
                           "account_id INTEGER NOT NULL REFERENCES accounts(id) "
                           "ON DELETE CASCADE,"
                           "PRIMARY KEY (pool_id, account_id))"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_pool_accounts_account "
                           "ON pool_accounts(account_id)"),
            QStringLiteral("ALTER TABLE accounts ADD COLUMN max_concurrency INTEGER NOT NULL "
                           "DEFAULT 0"),
            QStringLiteral("ALTER TABLE accounts ADD COLUMN model_map TEXT NULL"),
            QStringLiteral("ALTER TABLE accounts ADD COLUMN proxy_enc BLOB NULL"),
            QStringLiteral("ALTER TABLE accounts ADD COLUMN proxy_id INTEGER NULL "
                           "REFERENCES proxies(id)"),
            QStringLiteral("ALTER TABLE accounts ADD COLUMN oauth_enc BLOB NULL"),
            QStringLiteral("ALTER TABLE accounts ADD COLUMN needs_attention INTEGER NOT NULL "
                           "DEFAULT 0"),
            QStringLiteral("ALTER TABLE api_keys ADD COLUMN pool_id INTEGER NULL "
                           "REFERENCES pools(id)"),
            QStringLiteral("ALTER TABLE usage_records ADD COLUMN attempts INTEGER NOT NULL "
                           "DEFAULT 1"),
            QStringLiteral("ALTER TABLE usage_records ADD COLUMN attempt_log TEXT NULL"),
            QStringLiteral("ALTER TABLE usage_records ADD COLUMN upstream_model TEXT NOT NULL "
                           "DEFAULT ''"),
        };
    case 3:
        // Sessions: refresh tokens are stored so they can be rotated, reuse detected and a
        // whole family ended; the generation ends every access token of a user at once.
        return {
            QStringLiteral("ALTER TABLE users ADD COLUMN token_generation INTEGER NOT NULL "
                           "DEFAULT 0"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS refresh_tokens ("
                           "jti TEXT NOT NULL PRIMARY KEY,"
                           "family TEXT NOT NULL,"
                           "user_id INTEGER NOT NULL REFERENCES users(id),"
                           "created_at INTEGER NOT NULL,"
                           "expires_at INTEGER NOT NULL,"
                           "used_at INTEGER NULL,"
                           "revoked_at INTEGER NULL)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_refresh_tokens_family "
                           "ON refresh_tokens(family)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_refresh_tokens_user "
                           "ON refresh_tokens(user_id)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_refresh_tokens_expires "
                           "ON refresh_tokens(expires_at)"),
        };
    case 4:
        // Organisations and RBAC: enterprises with a department tree, tenancy on users and on
        // what they share, roles with scoped assignments, and the ledger's roll-up columns.
        return {
            QStringLiteral("CREATE TABLE IF NOT EXISTS enterprises ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "name TEXT NOT NULL COLLATE NOCASE UNIQUE,"
                           "language TEXT NOT NULL DEFAULT 'en',"
                           "created_at_ms INTEGER NOT NULL,"
                           "updated_at_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS departments ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),"
                           "parent_id INTEGER NULL REFERENCES departments(id),"
                           "name TEXT NOT NULL,"
                           "created_at_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_departments_enterprise "
                           "ON departments(enterprise_id)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_departments_parent "
                           "ON departments(parent_id)"),
            QStringLiteral("ALTER TABLE users ADD COLUMN enterprise_id INTEGER NULL "
                           "REFERENCES enterprises(id)"),
            QStringLiteral("ALTER TABLE users ADD COLUMN department_id INTEGER NULL "
                           "REFERENCES departments(id)"),
            QStringLiteral("ALTER TABLE accounts ADD COLUMN enterprise_id INTEGER NULL "
                           "REFERENCES enterprises(id)"),
            QStringLiteral("ALTER TABLE pools ADD COLUMN enterprise_id INTEGER NULL "
                           "REFERENCES enterprises(id)"),
            QStringLiteral("ALTER TABLE proxies ADD COLUMN enterprise_id INTEGER NULL "
                           "REFERENCES enterprises(id)"),
            QStringLiteral("ALTER TABLE api_keys ADD COLUMN group_id INTEGER NULL"),
            QStringLiteral("ALTER TABLE usage_records ADD COLUMN enterprise_id INTEGER NULL"),
            QStringLiteral("ALTER TABLE usage_records ADD COLUMN department_id INTEGER NULL"),
            QStringLiteral("ALTER TABLE usage_records ADD COLUMN group_id INTEGER NULL"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS roles ("
                           "id TEXT NOT NULL PRIMARY KEY,"
                           "enterprise_id INTEGER NULL REFERENCES enterprises(id),"
                           "name TEXT NOT NULL,"
                           "permissions TEXT NOT NULL DEFAULT '[]',"
                           "builtin INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS role_assignments ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "user_id INTEGER NOT NULL REFERENCES users(id),"
                           "role_id TEXT NOT NULL REFERENCES roles(id),"
                           "scope TEXT NOT NULL,"
                           "scope_id INTEGER NULL,"
                           "created_at_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_role_assignments_user "
                           "ON role_assignments(user_id)"),
            builtinRolesInsert(),
            legacyAssignmentsInsert(),
        };
    case 5:
        // Carpool groups, their members, email invitations and invite links. Tokens are stored
        // as SHA-256 only. No foreign keys to tables other migrations own (enterprises).
        return {
            QStringLiteral("CREATE TABLE IF NOT EXISTS `groups` ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "enterprise_id INTEGER NULL,"
                           "name TEXT NOT NULL,"
                           "max_members INTEGER NULL,"
                           "pool_id INTEGER NULL,"
                           "created_at_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS group_members ("
                           "group_id INTEGER NOT NULL,"
                           "user_id INTEGER NOT NULL,"
                           "role TEXT NOT NULL DEFAULT 'member',"
                           "created_at_ms INTEGER NOT NULL,"
                           "PRIMARY KEY (group_id, user_id))"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_group_members_user "
                           "ON group_members(user_id)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS invitations ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "group_id INTEGER NOT NULL,"
                           "email TEXT NOT NULL,"
                           "role TEXT NOT NULL DEFAULT 'member',"
                           "token_hash TEXT NOT NULL UNIQUE,"
                           "status TEXT NOT NULL DEFAULT 'pending',"
                           "send_state TEXT NOT NULL DEFAULT 'queued',"
                           "send_error TEXT NULL,"
                           "attempts INTEGER NOT NULL DEFAULT 0,"
                           "expires_at_ms INTEGER NOT NULL,"
                           "created_by INTEGER NOT NULL DEFAULT 0,"
                           "created_at_ms INTEGER NOT NULL,"
                           "accepted_at_ms INTEGER NULL)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_invitations_group "
                           "ON invitations(group_id, status)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS invite_links ("
                           "id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           "group_id INTEGER NOT NULL,"
                           "token_hash TEXT NOT NULL UNIQUE,"
                           "max_uses INTEGER NOT NULL,"
                           "uses INTEGER NOT NULL DEFAULT 0,"
                           "expires_at_ms INTEGER NULL,"
                           "revoked INTEGER NOT NULL DEFAULT 0,"
                           "created_by INTEGER NOT NULL DEFAULT 0,"
                           "created_at_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_invite_links_group "
                           "ON invite_links(group_id)"),
        };
    case 6:
        // The audit log (append-only) and the head of its hash chain (one row, id 1), which an
        // append locks so that concurrent writers extend one linear chain.
        return {
            QStringLiteral("CREATE TABLE IF NOT EXISTS audit_log ("
                           "id INTEGER NOT NULL PRIMARY KEY,"
                           "at_ms INTEGER NOT NULL,"
                           "actor_id INTEGER NULL,"
                           "actor_email TEXT NOT NULL DEFAULT '',"
                           "address TEXT NOT NULL DEFAULT '',"
                           "action TEXT NOT NULL,"
                           "target_type TEXT NOT NULL DEFAULT '',"
                           "target_id TEXT NOT NULL DEFAULT '',"
                           "before_json TEXT NOT NULL DEFAULT '',"
                           "after_json TEXT NOT NULL DEFAULT '',"
                           "enterprise_id INTEGER NULL,"
                           "prev_hash TEXT NOT NULL,"
                           "hash TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_audit_at ON audit_log(at_ms)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_audit_actor ON audit_log(actor_id)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_audit_action ON audit_log(action)"),
            QStringLiteral("CREATE INDEX IF NOT EXISTS idx_audit_enterprise "
                           "ON audit_log(enterprise_id)"),
            QStringLiteral("CREATE TABLE IF NOT EXISTS audit_chain_head ("
                           "id INTEGER NOT NULL PRIMARY KEY,"
                           "last_id INTEGER NOT NULL,"
                           "last_hash TEXT NOT NULL)"),
            QStringLiteral("INSERT OR IGNORE INTO audit_chain_head (id, last_id, last_hash) "
                           "VALUES (1, 0, '%1')")
                .arg(QString(64, QLatin1Char('0'))),
        };
    case 7:
        return MigrationSteps::sqliteV7();
    case 8:
        return MigrationSteps::sqliteV8();
    case 9:
        return MigrationSteps::sqliteV9();
    case 10:
        return MigrationSteps::sqliteV10();
    default:
        return {};
    }
}

// A MySQL statement, skipped when `guardColumn` already exists in `guardTable`: MySQL commits
// DDL at once and has no ADD COLUMN IF NOT EXISTS (MySQL 8), so a step interrupted by a crash
// is re-run statement by statement.

static QStringList stepMySqlV1()
{
    const QString opts = QLatin1String(MySqlTableOptions);
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS users ("
                       "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                       "email VARCHAR(255) NOT NULL,"
                       "name VARCHAR(255) NOT NULL DEFAULT '',"
                       "role VARCHAR(64) NOT NULL DEFAULT 'user',"
                       "password_hash VARCHAR(512) NOT NULL DEFAULT '',"
                       "disabled TINYINT(1) NOT NULL DEFAULT 0,"
                       "created_at BIGINT NOT NULL,"
                       "updated_at BIGINT NOT NULL,"
                       "UNIQUE KEY uq_users_email (email))") +
            opts,
        QStringLiteral("CREATE TABLE IF NOT EXISTS accounts ("
                       "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                       "name VARCHAR(191) NOT NULL,"
                       "provider VARCHAR(64) NOT NULL,"
                       "base_url VARCHAR(2048) NOT NULL DEFAULT '',"
                       "secret_enc BLOB NOT NULL,"
                       "models TEXT NOT NULL,"
                       "enabled TINYINT(1) NOT NULL DEFAULT 1,"
                       "priority INT NOT NULL DEFAULT 50,"
                       "weight INT NOT NULL DEFAULT 1,"
                       "created_at BIGINT NOT NULL,"
                       "updated_at BIGINT NOT NULL,"
                       "UNIQUE KEY uq_accounts_name (name))") +
            opts,
        QStringLiteral("CREATE TABLE IF NOT EXISTS api_keys ("
                       "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                       "name VARCHAR(255) NOT NULL DEFAULT '',"
                       "user_id BIGINT NOT NULL,"
                       "key_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                       "key_hint VARCHAR(64) NOT NULL DEFAULT '',"
                       "models TEXT NOT NULL,"
                       "expires_at BIGINT NULL,"
                       "disabled TINYINT(1) NOT NULL DEFAULT 0,"
                       "revoked_at BIGINT NULL,"
                       "created_at BIGINT NOT NULL,"
                       "last_used_at BIGINT NULL,"
                       "UNIQUE KEY uq_api_keys_hash (key_hash),"
                       "KEY idx_api_keys_user (user_id),"
                       "CONSTRAINT fk_api_keys_user FOREIGN KEY (user_id) "
                       "REFERENCES users(id))") +
            opts,
        QStringLiteral("CREATE TABLE IF NOT EXISTS usage_records ("
                       "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                       "request_id VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin "
                       "NOT NULL,"
                       "created_at BIGINT NOT NULL,"
                       "key_id BIGINT NOT NULL DEFAULT 0,"
                       "user_id BIGINT NOT NULL DEFAULT 0,"
                       "account_id BIGINT NOT NULL DEFAULT 0,"
                       "provider VARCHAR(64) NOT NULL DEFAULT '',"
                       "model VARCHAR(191) NOT NULL DEFAULT '',"
                       "endpoint VARCHAR(191) NOT NULL DEFAULT '',"
                       "stream TINYINT(1) NOT NULL DEFAULT 0,"
                       "status INT NOT NULL DEFAULT 0,"
                       "input_tokens BIGINT NOT NULL DEFAULT 0,"
                       "output_tokens BIGINT NOT NULL DEFAULT 0,"
                       "cache_write_tokens BIGINT NOT NULL DEFAULT 0,"
                       "cache_read_tokens BIGINT NOT NULL DEFAULT 0,"
                       "cost DOUBLE NOT NULL DEFAULT 0,"
                       "latency_ms BIGINT NOT NULL DEFAULT 0,"
                       "ttfb_ms BIGINT NOT NULL DEFAULT -1,"
                       "error_type VARCHAR(64) NOT NULL DEFAULT '',"
                       "client_aborted TINYINT(1) NOT NULL DEFAULT 0,"
                       "UNIQUE KEY uq_usage_request (request_id),"
                       "KEY idx_usage_created (created_at),"
                       "KEY idx_usage_key_created (key_id, created_at),"
                       "KEY idx_usage_account_created (account_id, created_at),"
                       "KEY idx_usage_model_created (model, created_at))") +
            opts,
        QStringLiteral("CREATE TABLE IF NOT EXISTS settings ("
                       "k VARCHAR(191) NOT NULL PRIMARY KEY,"
                       "v TEXT NOT NULL)") +
            opts,
    };
}

static QList<MySqlStatement> stepMySql(int version)
{
    const QString opts = QLatin1String(MySqlTableOptions);
    QList<MySqlStatement> out;
    switch (version) {
    case 1: {
        const QStringList statements = stepMySqlV1();
        for (const QString &sql : statements)
            out.append({sql, QString(), QString()});
        return out;
    }
    case 2:
        return {
            {QStringLiteral("CREATE TABLE IF NOT EXISTS proxies ("
                            "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                            "name VARCHAR(191) NOT NULL,"
                            "url_enc BLOB NOT NULL,"
                            "created_at BIGINT NOT NULL,"
                            "updated_at BIGINT NOT NULL,"
                            "UNIQUE KEY uq_proxies_name (name))") +
                 opts,
             QString(), QString()},
            {QStringLiteral("CREATE TABLE IF NOT EXISTS pools ("
                            "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                            "name VARCHAR(191) NOT NULL,"
                            "strategy VARCHAR(32) NOT NULL DEFAULT 'priority',"
                            "created_at BIGINT NOT NULL,"
                            "updated_at BIGINT NOT NULL,"
                            "UNIQUE KEY uq_pools_name (name))") +
                 opts,
             QString(), QString()},
            {QStringLiteral("CREATE TABLE IF NOT EXISTS pool_accounts ("
                            "pool_id BIGINT NOT NULL,"
                            "account_id BIGINT NOT NULL,"
                            "PRIMARY KEY (pool_id, account_id),"
                            "KEY idx_pool_accounts_account (account_id),"
                            "CONSTRAINT fk_pool_accounts_pool FOREIGN KEY (pool_id) "
                            "REFERENCES pools(id) ON DELETE CASCADE,"
                            "CONSTRAINT fk_pool_accounts_account FOREIGN KEY (account_id) "
                            "REFERENCES accounts(id) ON DELETE CASCADE)") +
                 opts,
             QString(), QString()},
            {QStringLiteral("ALTER TABLE accounts "
                            "ADD COLUMN max_concurrency INT NOT NULL DEFAULT 0,"
                            "ADD COLUMN model_map TEXT NULL,"
                            "ADD COLUMN proxy_enc BLOB NULL,"
                            "ADD COLUMN proxy_id BIGINT NULL,"
                            "ADD COLUMN oauth_enc BLOB NULL,"
                            "ADD COLUMN needs_attention TINYINT(1) NOT NULL DEFAULT 0,"
                            "ADD CONSTRAINT fk_accounts_proxy FOREIGN KEY (proxy_id) "
                            "REFERENCES proxies(id)"),
             QStringLiteral("accounts"), QStringLiteral("max_concurrency")},
            {QStringLiteral("ALTER TABLE api_keys "
                            "ADD COLUMN pool_id BIGINT NULL,"
                            "ADD CONSTRAINT fk_api_keys_pool FOREIGN KEY (pool_id) "
                            "REFERENCES pools(id)"),
             QStringLiteral("api_keys"), QStringLiteral("pool_id")},
            {QStringLiteral("ALTER TABLE usage_records "
                            "ADD COLUMN attempts INT NOT NULL DEFAULT 1,"
                            "ADD COLUMN attempt_log TEXT NULL,"
                            "ADD COLUMN upstream_model VARCHAR(191) NOT NULL DEFAULT ''"),
             QStringLiteral("usage_records"), QStringLiteral("attempts")},
        };
    case 3:
        return {
            {QStringLiteral("ALTER TABLE users ADD COLUMN token_generation BIGINT NOT NULL "
                            "DEFAULT 0"),
             QStringLiteral("users"), QStringLiteral("token_generation")},
            {QStringLiteral("CREATE TABLE IF NOT EXISTS refresh_tokens ("
                            "jti VARCHAR(64) NOT NULL PRIMARY KEY,"
                            "family VARCHAR(64) NOT NULL,"
                            "user_id BIGINT NOT NULL,"
                            "created_at BIGINT NOT NULL,"
                            "expires_at BIGINT NOT NULL,"
                            "used_at BIGINT NULL,"
                            "revoked_at BIGINT NULL,"
                            "KEY idx_refresh_tokens_family (family),"
                            "KEY idx_refresh_tokens_user (user_id),"
                            "KEY idx_refresh_tokens_expires (expires_at),"
                            "CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) "
                            "REFERENCES users(id))") +
                 opts,
             QString(), QString()},
        };
    case 4:
        return {
            {QStringLiteral("CREATE TABLE IF NOT EXISTS enterprises ("
                            "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                            "name VARCHAR(191) NOT NULL,"
                            "language VARCHAR(16) NOT NULL DEFAULT 'en',"
                            "created_at_ms BIGINT NOT NULL,"
                            "updated_at_ms BIGINT NOT NULL,"
                            "UNIQUE KEY uq_enterprises_name (name))") +
                 opts,
             QString(), QString()},
            {QStringLiteral("CREATE TABLE IF NOT EXISTS departments ("
                            "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                            "enterprise_id BIGINT NOT NULL,"
                            "parent_id BIGINT NULL,"
                            "name VARCHAR(191) NOT NULL,"
                            "created_at_ms BIGINT NOT NULL,"
                            "KEY idx_departments_enterprise (enterprise_id),"
                            "KEY idx_departments_parent (parent_id),"
                            "CONSTRAINT fk_departments_enterprise FOREIGN KEY (enterprise_id) "
                            "REFERENCES enterprises(id),"
                            "CONSTRAINT fk_departments_parent FOREIGN KEY (parent_id) "
                            "REFERENCES departments(id))") +
                 opts,
             QString(), QString()},
            {QStringLiteral("ALTER TABLE users "
                            "ADD COLUMN enterprise_id BIGINT NULL,"
                            "ADD COLUMN department_id BIGINT NULL,"
                            "ADD CONSTRAINT fk_users_enterprise FOREIGN KEY (enterprise_id) "
                            "REFERENCES enterprises(id),"
                            "ADD CONSTRAINT fk_users_department FOREIGN KEY (department_id) "
                            "REFERENCES departments(id)"),
             QStringLiteral("users"), QStringLiteral("enterprise_id")},
            {QStringLiteral("ALTER TABLE accounts ADD COLUMN enterprise_id BIGINT NULL,"
                            "ADD CONSTRAINT fk_accounts_enterprise FOREIGN KEY (enterprise_id) "
                            "REFERENCES enterprises(id)"),
             QStringLiteral("accounts"), QStringLiteral("enterprise_id")},
            {QStringLiteral("ALTER TABLE pools ADD COLUMN enterprise_id BIGINT NULL,"
                            "ADD CONSTRAINT fk_pools_enterprise FOREIGN KEY (enterprise_id) "
                            "REFERENCES enterprises(id)"),
             QStringLiteral("pools"), QStringLiteral("enterprise_id")},
            {QStringLiteral("ALTER TABLE proxies ADD COLUMN enterprise_id BIGINT NULL,"
                            "ADD CONSTRAINT fk_proxies_enterprise FOREIGN KEY (enterprise_id) "
                            "REFERENCES enterprises(id)"),
             QStringLiteral("proxies"), QStringLiteral("enterprise_id")},
            {QStringLiteral("ALTER TABLE api_keys ADD COLUMN group_id BIGINT NULL"),
             QStringLiteral("api_keys"), QStringLiteral("group_id")},
            {QStringLiteral("ALTER TABLE usage_records ADD COLUMN enterprise_id BIGINT NULL,"
                            "ADD COLUMN department_id BIGINT NULL,"
                            "ADD COLUMN group_id BIGINT NULL"),
             QStringLiteral("usage_records"), QStringLiteral("enterprise_id")},
            {QStringLiteral("CREATE TABLE IF NOT EXISTS roles ("
                            "id VARCHAR(64) NOT NULL PRIMARY KEY,"
                            "enterprise_id BIGINT NULL,"
                            "name VARCHAR(191) NOT NULL,"
                            "permissions TEXT NOT NULL,"
                            "builtin TINYINT(1) NOT NULL DEFAULT 0,"
                            "CONSTRAINT fk_roles_enterprise FOREIGN KEY (enterprise_id) "
                            "REFERENCES enterprises(id))") +
                 opts,
             QString(), QString()},
            {QStringLiteral("CREATE TABLE IF NOT EXISTS role_assignments ("
                            "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                            "user_id BIGINT NOT NULL,"
                            "role_id VARCHAR(64) NOT NULL,"
                            "scope VARCHAR(16) NOT NULL,"
                            "scope_id BIGINT NULL,"
                            "created_at_ms BIGINT NOT NULL,"
                            "KEY idx_role_assignments_user (user_id),"
                            "CONSTRAINT fk_role_assignments_user FOREIGN KEY (user_id) "
                            "REFERENCES users(id),"
                            "CONSTRAINT fk_role_assignments_role FOREIGN KEY (role_id) "
                            "REFERENCES roles(id))") +
                 opts,
             QString(), QString()},
            // Both inserts run once: a re-run after a crash finds the rows (INSERT IGNORE on
            // the primary key; the assignments only for users that have none yet).
            {QString(builtinRolesInsert())
                 .replace(QLatin1String("INSERT INTO"), QLatin1String("INSERT IGNORE INTO")),
             QString(), QString()},
            {legacyAssignmentsInsert() +
                 QStringLiteral(" AND id NOT IN (SELECT user_id FROM role_assignments)"),
             QString(), QString()},
        };
    case 5:
        return {
            {QStringLiteral("CREATE TABLE IF NOT EXISTS `groups` ("
                            "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                            "enterprise_id BIGINT NULL,"
                            "name VARCHAR(255) NOT NULL,"
                            "max_members INT NULL,"
                            "pool_id BIGINT NULL,"
                            "created_at_ms BIGINT NOT NULL,"
                            "KEY idx_groups_enterprise (enterprise_id))") +
                 opts,
             QString(), QString()},
            {QStringLiteral("CREATE TABLE IF NOT EXISTS group_members ("
                            "group_id BIGINT NOT NULL,"
                            "user_id BIGINT NOT NULL,"
                            "role VARCHAR(16) NOT NULL DEFAULT 'member',"
                            "created_at_ms BIGINT NOT NULL,"
                            "PRIMARY KEY (group_id, user_id),"
                            "KEY idx_group_members_user (user_id))") +
                 opts,
             QString(), QString()},
            {QStringLiteral("CREATE TABLE IF NOT EXISTS invitations ("
                            "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                            "group_id BIGINT NOT NULL,"
                            "email VARCHAR(255) NOT NULL,"
                            "role VARCHAR(16) NOT NULL DEFAULT 'member',"
                            "token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                            "status VARCHAR(16) NOT NULL DEFAULT 'pending',"
                            "send_state VARCHAR(16) NOT NULL DEFAULT 'queued',"
                            "send_error VARCHAR(1024) NULL,"
                            "attempts INT NOT NULL DEFAULT 0,"
                            "expires_at_ms BIGINT NOT NULL,"
                            "created_by BIGINT NOT NULL DEFAULT 0,"
                            "created_at_ms BIGINT NOT NULL,"
                            "accepted_at_ms BIGINT NULL,"
                            "UNIQUE KEY uq_invitations_token (token_hash),"
                            "KEY idx_invitations_group (group_id, status))") +
                 opts,
             QString(), QString()},
            {QStringLiteral("CREATE TABLE IF NOT EXISTS invite_links ("
                            "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                            "group_id BIGINT NOT NULL,"
                            "token_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                            "max_uses INT NOT NULL,"
                            "uses INT NOT NULL DEFAULT 0,"
                            "expires_at_ms BIGINT NULL,"
                            "revoked TINYINT(1) NOT NULL DEFAULT 0,"
                            "created_by BIGINT NOT NULL DEFAULT 0,"
                            "created_at_ms BIGINT NOT NULL,"
                            "UNIQUE KEY uq_invite_links_token (token_hash),"
                            "KEY idx_invite_links_group (group_id))") +
                 opts,
             QString(), QString()},
        };
    case 6:
        return {
            {QStringLiteral("CREATE TABLE IF NOT EXISTS audit_log ("
                            "id BIGINT NOT NULL PRIMARY KEY,"
                            "at_ms BIGINT NOT NULL,"
                            "actor_id BIGINT NULL,"
                            "actor_email VARCHAR(255) NOT NULL DEFAULT '',"
                            "address VARCHAR(64) NOT NULL DEFAULT '',"
                            "action VARCHAR(128) NOT NULL,"
                            "target_type VARCHAR(64) NOT NULL DEFAULT '',"
                            "target_id VARCHAR(191) NOT NULL DEFAULT '',"
                            "before_json MEDIUMTEXT NOT NULL,"
                            "after_json MEDIUMTEXT NOT NULL,"
                            "enterprise_id BIGINT NULL,"
                            "prev_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                            "hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                            "KEY idx_audit_at (at_ms),"
                            "KEY idx_audit_actor (actor_id),"
                            "KEY idx_audit_action (action),"
                            "KEY idx_audit_enterprise (enterprise_id))") +
                 opts,
             QString(), QString()},
            {QStringLiteral("CREATE TABLE IF NOT EXISTS audit_chain_head ("
                            "id INT NOT NULL PRIMARY KEY,"
                            "last_id BIGINT NOT NULL,"
                            "last_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL)") +
                 opts,
             QString(), QString()},
            {QStringLiteral("INSERT IGNORE INTO audit_chain_head (id, last_id, last_hash) "
                            "VALUES (1, 0, '%1')")
                 .arg(QString(64, QLatin1Char('0'))),
             QString(), QString()},
        };
    case 7:
        return MigrationSteps::mySqlV7();
    case 8:
        return MigrationSteps::mySqlV8();
    case 9:
        return MigrationSteps::mySqlV9();
    case 10:
        return MigrationSteps::mySqlV10();
    default:
        return out;
    }
}

static constexpr int LatestVersion = 10;

int Migrations::latestVersion()
{
    return LatestVersion;
}

static bool run(const QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        if (error)
            *error = QStringLiteral("schema migration failed: %1").arg(q.lastError().text());
        return false;
    }
    return true;
}

// 1 when the column exists, 0 when not, -1 on error.
static int columnExists(const QSqlDatabase &db, const QString &table, const QString &column,
                        QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE "
                             "TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?"));
    q.addBindValue(table);
    q.addBindValue(column);
    if (!q.exec() || !q.next()) {
        if (error)
            *error = QStringLiteral("schema migration: cannot inspect %1.%2: %3")
                         .arg(table, column, q.lastError().text());
        return -1;
    }
    return q.value(0).toInt() > 0 ? 1 : 0;
}

static bool ensureVersionTable(const QSqlDatabase &db, QString *error)
{
    if (SqlUtil::isMySql(db))
        return run(db,
                   QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                  "version INT NOT NULL PRIMARY KEY,"
                                  "applied_at BIGINT NOT NULL)") +
                       QLatin1String(MySqlTableOptions),
                   error);
    return run(db,
               QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                              "version INTEGER NOT NULL PRIMARY KEY,"
                              "applied_at INTEGER NOT NULL)"),
               error);
}

static bool recordVersion(const QSqlDatabase &db, int version, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"));
    q.addBindValue(version);
    q.addBindValue(Clock::nowMs());
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("cannot record schema version %1: %2")
                         .arg(version)
                         .arg(q.lastError().text());
        return false;
    }
    return true;
}

int Migrations::currentVersion(const QSqlDatabase &db, QString *error)
{
    if (!ensureVersionTable(db, error))
        return -1;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) ||
        !q.next()) {
        if (error)
            *error = QStringLiteral("cannot read the schema version: %1").arg(q.lastError().text());
        return -1;
    }
    return q.value(0).toInt();
}

static bool tooNew(int current, QString *error)
{
    if (current <= LatestVersion)
        return false;
    if (error)
        *error = QStringLiteral("the database schema (version %1) is newer than this build "
                                "supports (version %2); upgrade aicarpool")
                     .arg(current)
                     .arg(LatestVersion);
    return true;
}

static bool applyMySql(QSqlDatabase &db, int target, QString *error)
{
    // One named lock per database (GET_LOCK is server-wide), held for the whole run.
    const QString lockName = QStringLiteral("aicarpool_migrate.") + db.databaseName().left(40);
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT GET_LOCK(?, 120)"));
        q.addBindValue(lockName);
        if (!q.exec() || !q.next() || q.value(0).toInt() != 1) {
            if (error)
                *error = QStringLiteral("schema migration: could not take the migration lock "
                                        "within 120 s (another instance migrating?) %1")
                             .arg(q.lastError().text())
                             .trimmed();
            return false;
        }
    }
    auto release = [&db, &lockName]() {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT RELEASE_LOCK(?)"));
        q.addBindValue(lockName);
        q.exec();
    };

    const int current = Migrations::currentVersion(db, error);
    if (current < 0 || tooNew(current, error)) {
        release();
        return false;
    }
    for (int v = current + 1; v <= target; ++v) {
        const QList<MySqlStatement> statements = stepMySql(v);
        for (const MySqlStatement &st : statements) {
            if (!st.guardColumn.isEmpty()) {
                const int exists = columnExists(db, st.guardTable, st.guardColumn, error);
                if (exists < 0) {
                    release();
                    return false;
                }
                if (exists > 0)
                    continue;
            }
            if (!run(db, st.sql, error)) {
                release();
                return false;
            }
        }
        if (!recordVersion(db, v, error)) {
            release();
            return false;
        }
    }
    release();
    return true;
}

static bool applySqlite(QSqlDatabase &db, int target, QString *error)
{
    const int initial = Migrations::currentVersion(db, error);
    if (initial < 0 || tooNew(initial, error))
        return false;
    for (int v = initial + 1; v <= target; ++v) {
        // BEGIN IMMEDIATE takes the write lock up front, so two processes serialise here and the
        // second one sees the version the first recorded.
        if (!run(db, QStringLiteral("BEGIN IMMEDIATE"), error))
            return false;
        QSqlQuery check(db);
        check.prepare(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
        if (!check.exec() || !check.next()) {
            if (error)
                *error = QStringLiteral("cannot read the schema version: %1")
                             .arg(check.lastError().text());
            run(db, QStringLiteral("ROLLBACK"), nullptr);
            return false;
        }
        const int current = check.value(0).toInt();
        check.finish();
        if (tooNew(current, error)) {
            run(db, QStringLiteral("ROLLBACK"), nullptr);
            return false;
        }
        if (current >= v) {
            run(db, QStringLiteral("COMMIT"), nullptr);
            continue;
        }
        const QStringList statements = stepSqlite(v);
        for (const QString &sql : statements) {
            if (!run(db, sql, error)) {
                run(db, QStringLiteral("ROLLBACK"), nullptr);
                return false;
            }
        }
        if (!recordVersion(db, v, error) || !run(db, QStringLiteral("COMMIT"), error)) {
            run(db, QStringLiteral("ROLLBACK"), nullptr);
            return false;
        }
    }
    return true;
}

bool Migrations::apply(QSqlDatabase &db, QString *error)
{
    return applyUpTo(db, LatestVersion, error);
}

bool Migrations::applyUpTo(QSqlDatabase &db, int targetVersion, QString *error)
{
    if (!db.isOpen()) {
        if (error)
            *error = QStringLiteral("schema migration: database is not connected");
        return false;
    }
    const int target = qBound(0, targetVersion, LatestVersion);
    if (SqlUtil::isMySql(db))
        return applyMySql(db, target, error);
    return applySqlite(db, target, error);
}
