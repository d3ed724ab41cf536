// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminIdentity.h"
#include "api/admin/AuditNote.h"
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
    // What the handler adds to the audit entry of this request (routes that are recorded);
    // keep a copy (auditNote()) to fill it from a completion or a database job.
    AuditNotePtr note = std::make_shared<AuditNote>();

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

    const AuditNotePtr &auditNote() const { return note; }
    // The target and, where known, the state before and after (secrets are redacted when the
    // entry is written).
    void audit(const QString &targetType, const QString &targetId, const QJsonValue &before,
               const QJsonValue &after) const
    {
        note->setTarget(targetType, targetId);
        if (!before.isUndefined())
            note->setBefore(before);
        if (!after.isUndefined())
            note->setAfter(after);
    }
};
