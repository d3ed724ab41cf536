// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/AccessModel.h"

#include "rbac/RolePermissions.h"

void AccessModel::addOwned(Object kind, qint64 id, qint64 enterpriseId)
{
    m_owned[int(kind)].insert(id, enterpriseId);
}

void AccessModel::addCustomRole(const QString &id, qint64 enterpriseId,
                                QList<Permission> permissions)
{
    m_customRoles.insert(id, std::move(permissions));
    m_roleEnterprise.insert(id, enterpriseId);
}

void AccessModel::addAssignment(qint64 userId, const Assignment &assignment)
{
    m_assignments[userId].append(assignment);
}

QList<Permission> AccessModel::permissionsOf(const QString &roleId) const
{
    if (RolePermissions::isBuiltin(roleId)) {
        const std::vector<Permission> held = RolePermissions::of(roleId);
        return QList<Permission>(held.begin(), held.end());
    }
    return m_customRoles.value(roleId);
}

bool AccessModel::roleExists(const QString &roleId) const
{
    return RolePermissions::isBuiltin(roleId) || m_customRoles.contains(roleId);
}

bool AccessModel::departmentWithin(qint64 id, qint64 ancestor) const
{
    // Bounded walk: a corrupted tree with a cycle cannot loop forever.
    for (int depth = 0; id > 0 && depth <= m_departments.size(); ++depth) {
        if (id == ancestor)
            return true;
        id = m_departments.value(id).parentId;
    }
    return false;
}

qint64 AccessModel::enterpriseOf(const Scope &scope) const
{
    switch (scope.level) {
    case Scope::Level::Global:
        return 0;
    case Scope::Level::Enterprise:
        return m_enterprises.contains(scope.id) ? scope.id : 0;
    case Scope::Level::Department:
        return m_departments.value(scope.id).enterpriseId;
    case Scope::Level::Group:
        return m_groups.value(scope.id);
    }
    return 0;
}

bool AccessModel::covers(const Scope &granted, const Scope &target) const
{
    switch (granted.level) {
    case Scope::Level::Global:
        return true;
    case Scope::Level::Enterprise:
        return target.level != Scope::Level::Global && granted.id > 0 &&
               enterpriseOf(target) == granted.id;
    case Scope::Level::Department:
        return target.level == Scope::Level::Department && departmentWithin(target.id, granted.id);
    case Scope::Level::Group:
        return target.level == Scope::Level::Group && target.id == granted.id;
    }
    return false;
}

bool AccessModel::can(qint64 userId, Permission permission, const Scope &scope) const
{
    const auto it = m_assignments.constFind(userId);
    if (it == m_assignments.cend())
        return false;
    for (const Assignment &a : *it) {
        if (permissionsOf(a.roleId).contains(permission) && covers(a.scope, scope))
            return true;
    }
    return false;
}

bool AccessModel::holdsAnywhere(qint64 userId, Permission permission) const
{
    const auto it = m_assignments.constFind(userId);
    if (it == m_assignments.cend())
        return false;
    for (const Assignment &a : *it) {
        if (permissionsOf(a.roleId).contains(permission))
            return true;
    }
    return false;
}

bool AccessModel::seesEverything(qint64 userId) const
{
    const auto it = m_assignments.constFind(userId);
    if (it == m_assignments.cend())
        return false;
    for (const Assignment &a : *it) {
        if (a.scope.level != Scope::Level::Global)
            continue;
        // A global role that only reaches one's own keys and usage (member) sees no tenant
        // but its own; any other global role is system staff.
        const QList<Permission> held = permissionsOf(a.roleId);
        for (Permission p : held) {
            if (p != Permission::KeyManageOwn && p != Permission::UsageReadOwn)
                return true;
        }
    }
    return false;
}

QList<qint64> AccessModel::visibleEnterprises(qint64 userId) const
{
    QSet<qint64> out;
    const qint64 own = m_users.value(userId).enterpriseId;
    if (own > 0)
        out.insert(own);
    for (const Assignment &a : m_assignments.value(userId)) {
        const qint64 e = enterpriseOf(a.scope);
        if (e > 0)
            out.insert(e);
    }
    return QList<qint64>(out.begin(), out.end());
}

bool AccessModel::sees(qint64 userId, qint64 enterpriseId) const
{
    if (seesEverything(userId))
        return true;
    return enterpriseId > 0 && visibleEnterprises(userId).contains(enterpriseId);
}

std::optional<AccessModel::UserPlace> AccessModel::user(qint64 id) const
{
    const auto it = m_users.constFind(id);
    if (it == m_users.cend())
        return std::nullopt;
    return *it;
}

std::optional<Scope> AccessModel::scopeOf(Object kind, qint64 id) const
{
    auto byEnterprise = [](qint64 e) { return e > 0 ? Scope::enterprise(e) : Scope::global(); };
    switch (kind) {
    case Object::Enterprise:
        if (!m_enterprises.contains(id))
            return std::nullopt;
        return Scope::enterprise(id);
    case Object::Department:
        if (!m_departments.contains(id))
            return std::nullopt;
        return Scope::department(id);
    case Object::User: {
        const auto u = user(id);
        if (!u)
            return std::nullopt;
        if (u->departmentId > 0 && m_departments.contains(u->departmentId))
            return Scope::department(u->departmentId);
        return byEnterprise(u->enterpriseId);
    }
    case Object::Group:
        if (!m_groups.contains(id))
            return std::nullopt;
        return Scope::group(id);
    case Object::Role:
        return std::nullopt; // roles have text ids; see roleEnterprise()
    case Object::Key: {
        // A key lives where its owner does.
        const auto owner = m_keyOwners.constFind(id);
        if (owner == m_keyOwners.cend())
            return std::nullopt;
        return scopeOf(Object::User, *owner);
    }
    case Object::Account:
    case Object::Pool:
    case Object::Proxy:
        break;
    }
    const auto owned = m_owned.value(int(kind));
    const auto it = owned.constFind(id);
    if (it == owned.cend())
        return std::nullopt;
    return byEnterprise(*it);
}
