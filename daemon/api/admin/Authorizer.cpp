// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/Authorizer.h"

#include "rbac/RolePermissions.h"

bool can(const AdminIdentity &who, Permission permission, const Scope &scope)
{
    Q_UNUSED(scope); // every grant is global for now
    return who.userId > 0 && RolePermissions::holds(who.role, permission);
}
