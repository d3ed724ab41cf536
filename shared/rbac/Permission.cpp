// SPDX-License-Identifier: GPL-3.0-or-later
#include "Permission.h"

QLatin1String Permissions::name(Permission permission)
{
    switch (permission) {
    case Permission::KeyManage:
        return QLatin1String("key.manage");
    case Permission::KeyManageOwn:
        return QLatin1String("key.manage_own");
    case Permission::UsageRead:
        return QLatin1String("usage.read");
    case Permission::UsageReadOwn:
        return QLatin1String("usage.read_own");
    case Permission::UserManage:
        return QLatin1String("user.manage");
    case Permission::AccountManage:
        return QLatin1String("account.manage");
    case Permission::PoolManage:
        return QLatin1String("pool.manage");
    case Permission::ProxyManage:
        return QLatin1String("proxy.manage");
    case Permission::SystemAdmin:
        return QLatin1String("system.admin");
    case Permission::EnterpriseManage:
        return QLatin1String("enterprise.manage");
    case Permission::DepartmentManage:
        return QLatin1String("department.manage");
    case Permission::RoleManage:
        return QLatin1String("role.manage");
    case Permission::GroupManage:
        return QLatin1String("group.manage");
    case Permission::AuditRead:
        return QLatin1String("audit.read");
    case Permission::BudgetManage:
        return QLatin1String("budget.manage");
    case Permission::QuotaManage:
        return QLatin1String("quota.manage");
    case Permission::AlertManage:
        return QLatin1String("alert.manage");
    }
    return QLatin1String("");
}

std::optional<Permission> Permissions::fromName(QStringView name)
{
    for (Permission p : all) {
        if (name == Permissions::name(p))
            return p;
    }
    return std::nullopt;
}
