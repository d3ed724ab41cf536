// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminIdentity.h"
#include "rbac/Permission.h"

#include <QString>

#include <vector>

// What an admin route requires, declared when the route is registered. There is no default:
// a route states that it is public, that any signed-in user may call it, or which permissions
// (any one of them) it needs. AdminRouteTable refuses everything else.
class RouteAccess
{
public:
    RouteAccess() = delete;

    static RouteAccess publicRoute() { return RouteAccess(Kind::Public, {}); }
    static RouteAccess signedIn() { return RouteAccess(Kind::SignedIn, {}); }
    static RouteAccess need(Permission permission) { return RouteAccess(Kind::Need, {permission}); }
    // The handler narrows what it does by which of these the caller holds (e.g. every key
    // or only one's own).
    static RouteAccess needAnyOf(std::vector<Permission> permissions)
    {
        return RouteAccess(Kind::Need, std::move(permissions));
    }

    bool isPublic() const { return m_kind == Kind::Public; }
    // Whether an authenticated caller may call the route (a route that needs permissions but
    // lists none allows nobody).
    bool allows(const AdminIdentity &who) const;
    const std::vector<Permission> &permissions() const { return m_permissions; }
    // For listings and logs: "public", "signed-in" or "key.manage|key.manage_own".
    QString describe() const;

private:
    enum class Kind
    {
        Public,
        SignedIn,
        Need
    };
    RouteAccess(Kind kind, std::vector<Permission> permissions)
        : m_kind(kind), m_permissions(std::move(permissions))
    {
    }

    Kind m_kind;
    std::vector<Permission> m_permissions;
};
