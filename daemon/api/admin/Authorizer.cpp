// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/Authorizer.h"

#include "rbac/RolePermissions.h"

bool can(const AdminIdentity &who, Permission permission, const Scope &scope)
{
    if (who.userId <= 0)
        return false;
    if (who.access)
        return who.access->can(who.userId, permission, scope);
    return RolePermissions::holds(who.role, permission);
}

bool canAnywhere(const AdminIdentity &who, Permission permission)
{
    if (who.userId <= 0)
        return false;
    if (who.access)
        return who.access->holdsAnywhere(who.userId, permission);
    return RolePermissions::holds(who.role, permission);
}

TenantFilter visibleTenants(const AdminIdentity &who)
{
    if (!who.access)
        return who.isAdmin() ? TenantFilter::all() : TenantFilter::only({});
    if (who.access->seesEverything(who.userId))
        return TenantFilter::all();
    return TenantFilter::only(who.access->visibleEnterprises(who.userId));
}
