// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/MigrationSteps.h"

QStringList MigrationSteps::sqliteV10()
{
    return {};
}

QList<MySqlStatement> MigrationSteps::mySqlV10()
{
    return {};
}
