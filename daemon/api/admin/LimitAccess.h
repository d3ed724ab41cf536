// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminIdentity.h"
#include "domain/GovernanceRules.h"
#include "rbac/Permission.h"
#include "rbac/Scope.h"

#include <vector>

// Who may see or change a quota or a budget: decided at the scope of the object it applies to
// (a key or user where its owner is, a group, a department, an enterprise), from the in-memory
// access model, without SQL. Safe on any thread (the model is immutable).
class LimitAccess
{
public:
    enum class Verdict
    {
        Allowed,
        Hidden,   // a tenant the caller cannot see, or no such object: answer 404
        Forbidden // visible, but none of the permissions is held there: answer 403
    };

    // `enterpriseId` is the tenant recorded with an existing rule (used when the object is not
    // in the access model any more); pass -1 for a rule being created, whose object must be
    // in the model.
    static Verdict check(const AdminIdentity &who, const std::vector<Permission> &permissions,
                         LimitScope scope, qint64 scopeId, qint64 enterpriseId);
    // The permission scope of the object (global when unknown).
    static Scope scopeOf(const AdminIdentity &who, LimitScope scope, qint64 scopeId,
                         qint64 enterpriseId);
};
