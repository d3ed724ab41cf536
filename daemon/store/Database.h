// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>

// Opens QtSql connections for a DatabaseUrl. A QSqlDatabase belongs to the thread that opened
// it: give every thread its own connection name.
class Database
{
public:
    // Opens (or reopens) the connection `connectionName`. SQLite: creates the parent directory,
    // WAL, synchronous=NORMAL, busy_timeout=5000, foreign_keys=ON. MySQL/MariaDB: utf8mb4, no
    // automatic reconnect, connect/read/write timeouts, UTC
    // session time zone. On failure returns an invalid/closed QSqlDatabase and sets `error` to
    // one line naming the database (password redacted) and the cause.
    static QSqlDatabase open(const DatabaseUrl &url, const QString &connectionName, QString *error);

    // Closes and unregisters `connectionName`. Call it on the owning thread once every
    // QSqlDatabase/QSqlQuery copy of the connection is gone.
    static void close(const QString &connectionName);

    // A cheap round trip (`SELECT 1`): false when the connection is gone.
    static bool ping(const QSqlDatabase &db);

    static bool isMySql(const QSqlDatabase &db);
};
