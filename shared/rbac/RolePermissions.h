// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Permission.h"

#include <QString>

#include <vector>

// Today's two roles as permission sets: "admin" holds every permission globally; "member"
// manages its own keys and reads its own usage. An unknown role holds nothing.
class RolePermissions
{
public:
    static bool isKnownRole(const QString &role);
    static std::vector<Permission> of(const QString &role);
    static bool holds(const QString &role, Permission permission);
};
