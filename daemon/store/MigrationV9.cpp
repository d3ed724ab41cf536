// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/MigrationSteps.h"

QStringList MigrationSteps::sqliteV9()
{
    return {};
}

QList<MySqlStatement> MigrationSteps::mySqlV9()
{
    return {};
}
