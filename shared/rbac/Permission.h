// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLatin1String>
#include <QStringView>

#include <array>
#include <optional>

// The closed list of permissions the admin API checks. The daemon declares one per route; the
// console uses the same names to show or hide what a signed-in user may do. Adding a value means
// adding its name below and deciding which roles hold it (RolePermissions).
enum class Permission
{
    KeyManage,        // "key.manage": every user's keys
    KeyManageOwn,     // "key.manage_own": one's own personal keys
    UsageRead,        // "usage.read": everyone's usage
    UsageReadOwn,     // "usage.read_own": one's own usage
    UserManage,       // "user.manage": create, change and disable users
    AccountManage,    // "account.manage": provider accounts, OAuth sign-in, health, cooldowns
    PoolManage,       // "pool.manage"
    ProxyManage,      // "proxy.manage"
    SystemAdmin,      // "system.admin": settings of the installation itself
    EnterpriseManage, // "enterprise.manage": create, rename and delete enterprises
    DepartmentManage, // "department.manage": the department tree
    RoleManage,       // "role.manage": custom roles and role assignments
    GroupManage,      // "group.manage": carpool groups, members, invitations
    AuditRead,        // "audit.read": the audit log
    BudgetManage,     // "budget.manage"
    QuotaManage,      // "quota.manage"
    AlertManage,      // "alert.manage"
};

namespace Permissions {

inline constexpr std::array<Permission, 17> all = {
    Permission::EnterpriseManage, Permission::DepartmentManage, Permission::UserManage,
    Permission::RoleManage,       Permission::GroupManage,      Permission::AccountManage,
    Permission::PoolManage,       Permission::ProxyManage,      Permission::KeyManage,
    Permission::KeyManageOwn,     Permission::UsageRead,        Permission::UsageReadOwn,
    Permission::AuditRead,        Permission::BudgetManage,     Permission::QuotaManage,
    Permission::AlertManage,      Permission::SystemAdmin};

// The stable wire name, e.g. "key.manage_own".
QLatin1String name(Permission permission);
std::optional<Permission> fromName(QStringView name);

} // namespace Permissions
