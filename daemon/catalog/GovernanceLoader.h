// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/GovernanceRules.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

// Reads what admission needs into the snapshot: the enabled quotas and budgets (with the name
// of each scope, for refusal messages), the groups of each user and each department's parent.
// Catalog thread; throws StoreError.
class GovernanceLoader
{
public:
    struct Result
    {
        GovernanceRulesPtr rules;
        QHash<qint64, QList<qint64>> groupsByUser;
        QHash<qint64, qint64> departmentParent;
    };

    static Result load(QSqlDatabase &db);
    // Parses "[80,95,100]" into ascending percentages in 1..1000; {80,95,100} when unusable.
    static QList<int> parseThresholds(const QString &json);
};
