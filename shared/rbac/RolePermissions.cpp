// SPDX-License-Identifier: GPL-3.0-or-later
#include "RolePermissions.h"

#include <algorithm>

using P = Permission;

QStringList RolePermissions::builtinIds()
{
    return {QStringLiteral("system_admin"),
            QStringLiteral("enterprise_owner"),
            QStringLiteral("enterprise_admin"),
            QStringLiteral("department_manager"),
            QStringLiteral("group_owner"),
            QStringLiteral("group_admin"),
            QStringLiteral("group_member"),
            QStringLiteral("auditor"),
            QStringLiteral("member")};
}

bool RolePermissions::isBuiltin(const QString &roleId)
{
    return builtinIds().contains(roleId);
}

QString RolePermissions::builtinForLegacy(const QString &legacyRole)
{
    if (legacyRole == QLatin1String("admin"))
        return QStringLiteral("system_admin");
    if (legacyRole == QLatin1String("member"))
        return QStringLiteral("member");
    return {};
}

bool RolePermissions::isKnownRole(const QString &role)
{
    return role == QLatin1String("admin") || role == QLatin1String("member");
}

std::vector<Permission> RolePermissions::of(const QString &role)
{
    const QString id = isKnownRole(role) ? builtinForLegacy(role) : role;
    if (id == QLatin1String("system_admin"))
        return std::vector<Permission>(Permissions::all.begin(), Permissions::all.end());
    if (id == QLatin1String("enterprise_owner"))
        return {P::EnterpriseManage, P::DepartmentManage, P::UserManage,  P::RoleManage,
                P::GroupManage,      P::AccountManage,    P::PoolManage,  P::ProxyManage,
                P::KeyManage,        P::KeyManageOwn,     P::UsageRead,   P::UsageReadOwn,
                P::AuditRead,        P::BudgetManage,     P::QuotaManage, P::AlertManage};
    if (id == QLatin1String("enterprise_admin"))
        return {P::DepartmentManage, P::UserManage, P::RoleManage,   P::GroupManage,
                P::AccountManage,    P::PoolManage, P::ProxyManage,  P::KeyManage,
                P::KeyManageOwn,     P::UsageRead,  P::UsageReadOwn, P::BudgetManage,
                P::QuotaManage,      P::AlertManage};
    if (id == QLatin1String("department_manager"))
        return {P::DepartmentManage, P::UserManage, P::KeyManage,
                P::KeyManageOwn,     P::UsageRead,  P::UsageReadOwn};
    if (id == QLatin1String("group_owner"))
        return {P::GroupManage,  P::KeyManageOwn, P::UsageRead,
                P::UsageReadOwn, P::BudgetManage, P::QuotaManage};
    if (id == QLatin1String("group_admin"))
        return {P::GroupManage, P::KeyManageOwn, P::UsageRead, P::UsageReadOwn};
    if (id == QLatin1String("group_member") || id == QLatin1String("member"))
        return {P::KeyManageOwn, P::UsageReadOwn};
    if (id == QLatin1String("auditor"))
        return {P::AuditRead, P::UsageRead, P::UsageReadOwn};
    return {};
}

bool RolePermissions::holds(const QString &role, Permission permission)
{
    const std::vector<Permission> held = of(role);
    return std::find(held.begin(), held.end(), permission) != held.end();
}
