// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Migrations.h"

#include "store/SqlUtil.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

static const char *const MySqlTableOptions =
    " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";

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
    default:
        return {};
    }
}

static QStringList stepMySql(int version)
{
    const QString opts = QLatin1String(MySqlTableOptions);
    switch (version) {
    case 1:
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
    default:
        return {};
    }
}

static constexpr int LatestVersion = 1;

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
    q.addBindValue(SqlUtil::nowMs());
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

static bool applyMySql(QSqlDatabase &db, QString *error)
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
    for (int v = current + 1; v <= LatestVersion; ++v) {
        const QStringList statements = stepMySql(v);
        for (const QString &sql : statements) {
            if (!run(db, sql, error)) {
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

static bool applySqlite(QSqlDatabase &db, QString *error)
{
    const int initial = Migrations::currentVersion(db, error);
    if (initial < 0 || tooNew(initial, error))
        return false;
    for (int v = initial + 1; v <= LatestVersion; ++v) {
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
    if (!db.isOpen()) {
        if (error)
            *error = QStringLiteral("schema migration: database is not connected");
        return false;
    }
    if (SqlUtil::isMySql(db))
        return applyMySql(db, error);
    return applySqlite(db, error);
}
