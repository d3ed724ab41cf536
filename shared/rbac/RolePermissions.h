// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Permission.h"

#include <QString>
#include <QStringList>

#include <vector>

// The built-in roles (stable ids) as permission sets, and the two legacy account roles of
// users.role: "admin" is system_admin held globally, "member" is member held globally. Custom
// roles live in the database (one enterprise each); an unknown id holds nothing here.
class RolePermissions
{
public:
    // The built-in role ids, in the order the documentation lists them.
    static QStringList builtinIds();
    static bool isBuiltin(const QString &roleId);
    // The built-in role that a legacy users.role value stands for ("" when none).
    static QString builtinForLegacy(const QString &legacyRole);

    // users.role values accepted by the user API ("admin" | "member").
    static bool isKnownRole(const QString &role);
    // The permissions of a built-in role id or a legacy role value.
    static std::vector<Permission> of(const QString &role);
    static bool holds(const QString &role, Permission permission);
};
