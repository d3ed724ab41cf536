// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// One MySQL/MariaDB migration statement. MariaDB commits DDL implicitly, so a step can stop half
// way; a statement with a guard column is skipped when that column already exists, which lets a
// step that failed part way be run again.
struct MySqlStatement
{
    QString sql;
    QString guardTable;
    QString guardColumn;
};

// The schema steps from version 7 on, one file per step (MigrationV7.cpp, ...). Each returns the
// statements of its step for SQLite and for MySQL/MariaDB; Migrations applies them in order.
namespace MigrationSteps {

// The InnoDB/utf8mb4 table options every MySQL table is created with.
QString mySqlTableOptions();

// v7: the cost split of the ledger (1-hour cache writes, reasoning tokens).
QStringList sqliteV7();
QList<MySqlStatement> mySqlV7();
// v8: quotas, budgets and the shared limit counters.
QStringList sqliteV8();
QList<MySqlStatement> mySqlV8();
// v9: alert channels, rules, incidents and deliveries.
QStringList sqliteV9();
QList<MySqlStatement> mySqlV9();
// v10: usage rollups.
QStringList sqliteV10();
QList<MySqlStatement> mySqlV10();

} // namespace MigrationSteps
