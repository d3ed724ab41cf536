// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminIdentity.h"
#include "api/admin/Authorizer.h"
#include "http/HttpResponder.h"

#include <optional>

// One admin request as a handler sees it: the request, where the answer goes and, for routes
// that are not public, who is calling (already authenticated and allowed by the route table).
struct AdminCall
{
    const HttpRequest &request;
    HttpResponderPtr responder;
    std::optional<AdminIdentity> caller;
    // Where the route's permission was found (resolved by the route table from the path or
    // body); global for routes that need none.
    Scope where = Scope::global();

    const AdminIdentity &who() const { return *caller; }
    bool can(Permission permission, const Scope &scope = Scope::global()) const
    {
        return caller && ::can(*caller, permission, scope);
    }
    bool canAnywhere(Permission permission) const
    {
        return caller && ::canAnywhere(*caller, permission);
    }
    // The tenants whose rows this caller may see (everything for a public route's caller-less
    // call is never asked).
    TenantFilter tenants() const
    {
        return caller ? visibleTenants(*caller) : TenantFilter::only({});
    }
    // The numeric {id} path parameter; throws ApiError 404 when it is not a positive number.
    qint64 pathId(const QString &name = QStringLiteral("id")) const;
};
