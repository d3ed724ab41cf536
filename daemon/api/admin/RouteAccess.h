// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminIdentity.h"
#include "rbac/Permission.h"

#include <QString>

#include <vector>

// Where the scope of a route's permission check comes from. The route table resolves it before
// the handler runs: an object that does not exist, or that belongs to a tenant the caller cannot
// see, answers 404; a visible object whose scope the caller lacks the permission at answers 403.
enum class ScopeFrom
{
    Global,         // the permission must be held globally (system staff); the default
    Anywhere,       // held at any scope; the handler filters what it answers by tenant
    Enterprise,     // the path's enterprise id
    Department,     // the path's department id
    User,           // the path's user: their department, else their enterprise, else global
    Account,        // the path's account: its enterprise, else global (system-wide)
    Pool,           // likewise for a pool
    Proxy,          // likewise for a proxy
    Key,            // a key: its owner's enterprise
    Role,           // the path's role id: a custom role's enterprise; built-in roles are global
    Group,          // the path's carpool group (its enterprise, for visibility)
    BodyEnterprise, // the body's "enterpriseId": that enterprise, absent or null = global
};

// What an admin route requires, declared when the route is registered. There is no default:
// a route states that it is public, that any signed-in user may call it, or which permissions
// (any one of them) it needs and at which scope. AdminRouteTable refuses everything else.
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
    // The same requirement checked at the scope `from` resolves to; `param` names the path
    // parameter holding the id.
    RouteAccess at(ScopeFrom from, const QString &param = QStringLiteral("id")) const
    {
        RouteAccess r = *this;
        r.m_scope = from;
        r.m_param = param;
        return r;
    }

    bool isPublic() const { return m_kind == Kind::Public; }
    bool needsPermission() const { return m_kind == Kind::Need; }
    // Whether an authenticated caller may call the route at all, before any scope is known:
    // signed in for signedIn(), holding one of the permissions at some scope for need().
    bool allows(const AdminIdentity &who) const;
    const std::vector<Permission> &permissions() const { return m_permissions; }
    ScopeFrom scopeFrom() const { return m_scope; }
    const QString &scopeParam() const { return m_param; }
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
    ScopeFrom m_scope = ScopeFrom::Global;
    QString m_param = QStringLiteral("id");
};
