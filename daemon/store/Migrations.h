// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

// Versioned schema migrations for SQLite and MySQL/MariaDB, recorded in
// `schema_migrations(version, applied_at)`.
//
// apply() is idempotent and safe when several daemons start at once: on MySQL the whole run
// holds a named lock (GET_LOCK) and every step re-reads the version under it; on SQLite each step
// runs in its own `BEGIN IMMEDIATE` transaction (DDL included). MySQL commits DDL implicitly, so
// its steps use `IF NOT EXISTS`, inline indexes, and ALTER TABLE statements skipped when their
// first column exists, to be re-runnable after a crash mid-step.
//
// Version 2: accounts.max_concurrency/model_map/proxy_enc/proxy_id/oauth_enc/needs_attention,
// tables proxies, pools, pool_accounts; api_keys.pool_id; usage_records.attempts/attempt_log/
// upstream_model.
// Version 6: the audit log, tables audit_log and audit_chain_head (one row, the chain's head).
// Versions 4 and 5 belong to other features; on their own they are empty steps.
class Migrations
{
public:
    static int latestVersion();

    // The highest applied version, 0 on an empty database, -1 on error.
    static int currentVersion(const QSqlDatabase &db, QString *error);

    // Applies every pending step. Fails when the database is newer than this build.
    static bool apply(QSqlDatabase &db, QString *error);
    // Applies pending steps up to `targetVersion` only (tests use it to build an old schema).
    static bool applyUpTo(QSqlDatabase &db, int targetVersion, QString *error);
};
