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
    KeyManage,     // "key.manage": every user's keys
    KeyManageOwn,  // "key.manage_own": one's own personal keys
    UsageRead,     // "usage.read": everyone's usage
    UsageReadOwn,  // "usage.read_own": one's own usage
    UserManage,    // "user.manage": create, change and disable users
    AccountManage, // "account.manage": provider accounts, OAuth sign-in, health, cooldowns
    PoolManage,    // "pool.manage"
    ProxyManage,   // "proxy.manage"
    GroupManage,   // "group.manage": carpool groups, their members, invitations and links
    SystemAdmin,   // "system.admin": settings of the installation itself
    AuditRead,     // "audit.read": the audit log and its verification
};

namespace Permissions {

inline constexpr std::array<Permission, 11> all = {
    Permission::KeyManage,    Permission::KeyManageOwn, Permission::UsageRead,
    Permission::UsageReadOwn, Permission::UserManage,   Permission::AccountManage,
    Permission::PoolManage,   Permission::ProxyManage,  Permission::GroupManage,
    Permission::SystemAdmin,  Permission::AuditRead};

// The stable wire name, e.g. "key.manage_own".
QLatin1String name(Permission permission);
std::optional<Permission> fromName(QStringView name);

} // namespace Permissions
