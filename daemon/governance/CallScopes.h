// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/GovernanceRules.h"
#include "domain/RelaySnapshot.h"

#include <QList>
#include <QPair>

// The scopes a call counts against: its key, the key's user, every group of the user and the
// key's own group, the user's department and each of its parents, and the enterprise.
class CallScopes
{
public:
    using Scope = QPair<LimitScope, qint64>;

    // Departments deeper than this (or a loop in the parent links) stop the walk.
    static constexpr int kMaxDepartmentDepth = 64;

    static QList<Scope> of(const RelayKey &key, const QHash<qint64, QList<qint64>> &groupsByUser,
                           const QHash<qint64, qint64> &departmentParent);

    // Whether a quota's model ("" = all, "claude-opus*" = prefix, else exact) covers `model`.
    static bool modelMatches(const QString &pattern, const QString &model);

    // A hash key for one scope.
    static quint64 key(LimitScope scope, qint64 id) { return (quint64(scope) << 56) ^ quint64(id); }
};
