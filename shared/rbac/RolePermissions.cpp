// SPDX-License-Identifier: GPL-3.0-or-later
#include "RolePermissions.h"

#include <algorithm>

bool RolePermissions::isKnownRole(const QString &role)
{
    return role == QLatin1String("admin") || role == QLatin1String("member");
}

std::vector<Permission> RolePermissions::of(const QString &role)
{
    if (role == QLatin1String("admin"))
        return std::vector<Permission>(Permissions::all.begin(), Permissions::all.end());
    if (role == QLatin1String("member"))
        return {Permission::KeyManageOwn, Permission::UsageReadOwn};
    return {};
}

bool RolePermissions::holds(const QString &role, Permission permission)
{
    const std::vector<Permission> held = of(role);
    return std::find(held.begin(), held.end(), permission) != held.end();
}
