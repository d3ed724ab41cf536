// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/GovernanceRules.h"

#include <QList>
#include <QString>
#include <QtGlobal>

// One row of `budgets`. `amountMicros` is micro-USD; `thresholds` are ascending percentages
// (stored as a JSON array). `enterpriseId` is the tenant of the scope object (0: system-wide),
// derived by BudgetRepository on insert.
struct BudgetRow
{
    qint64 id = 0;
    qint64 enterpriseId = 0;
    QString name;
    LimitScope scope = LimitScope::Enterprise; // never Key
    qint64 scopeId = 0;
    BudgetPeriod period = BudgetPeriod::Month;
    MicroUsd amountMicros = 0;
    bool hard = false;
    QList<int> thresholds = defaultThresholds();
    bool enabled = true;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;

    // 80, 95 and 100 percent.
    static QList<int> defaultThresholds()
    {
        QList<int> out;
        out << 80 << 95 << 100;
        return out;
    }

    // The rule the governance engine applies (scopeName is the loader's to fill).
    BudgetRule rule() const
    {
        BudgetRule r;
        r.id = id;
        r.name = name;
        r.scope = scope;
        r.scopeId = scopeId;
        r.period = period;
        r.amount = amountMicros;
        r.hard = hard;
        r.thresholds = thresholds;
        r.enabled = enabled;
        return r;
    }
};
