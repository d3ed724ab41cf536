// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/GovernanceRules.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

// The tenant of the object a quota or budget applies to: a key's owner's enterprise, a user's,
// a group's, a department's, or the enterprise itself. Throws StoreError on a database failure.
class ScopeOwner
{
public:
    // The enterprise id (0 for a system-wide object: a user or group of no enterprise); nullopt
    // when no such object exists.
    static std::optional<qint64> enterpriseOf(const QSqlDatabase &db, LimitScope scope, qint64 id);
    // "No user with id 7." and the like.
    static QString notFoundMessage(LimitScope scope, qint64 id);
};
