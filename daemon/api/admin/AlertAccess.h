// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/ApiError.h"
#include "api/admin/Authorizer.h"

// The tenant check of alert channels, rules and incidents: a row of another tenant answers as
// if it did not exist (404); a visible row the caller lacks alert.manage at answers 403.
namespace AlertAccess {

inline void check(const AdminIdentity &who, qint64 enterpriseId, const QString &what, qint64 id)
{
    if (!visibleTenants(who).sees(enterpriseId))
        throw ApiError::notFound(QStringLiteral("No %1 with id %2.").arg(what).arg(id));
    const Scope scope = enterpriseId > 0 ? Scope::enterprise(enterpriseId) : Scope::global();
    if (!can(who, Permission::AlertManage, scope))
        throw ApiError::forbidden(QStringLiteral("You lack alert.manage for this %1; ask an "
                                                 "administrator of its enterprise.")
                                      .arg(what));
}

} // namespace AlertAccess
