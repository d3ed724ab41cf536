// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/MigrationSteps.h"

QStringList MigrationSteps::sqliteV7()
{
    return {};
}

QList<MySqlStatement> MigrationSteps::mySqlV7()
{
    return {};
}

QString MigrationSteps::mySqlTableOptions()
{
    return QStringLiteral(" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
}
