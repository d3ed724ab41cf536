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

    const AdminIdentity &who() const { return *caller; }
    bool can(Permission permission, const Scope &scope = Scope::global()) const
    {
        return caller && ::can(*caller, permission, scope);
    }
    // The numeric {id} path parameter; throws ApiError 404 when it is not a positive number.
    qint64 pathId(const QString &name = QStringLiteral("id")) const;
};
