// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/MigrationSteps.h"

QStringList MigrationSteps::sqliteV8()
{
    return {};
}

QList<MySqlStatement> MigrationSteps::mySqlV8()
{
    return {};
}
