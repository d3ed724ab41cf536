// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/Governor.h"
#include "store/BudgetRow.h"

#include <QJsonObject>
#include <QString>
#include <QTimeZone>

#include <optional>

// The JSON of a budget on the admin API, both ways. Pure: tested without sockets or SQL.
class BudgetFields
{
public:
    // Applies the fields present in `body` to `row` (every field a POST needs when `create`);
    // returns what is wrong, in words that say what to send instead, or empty.
    static QString apply(const QJsonObject &body, BudgetRow &row, bool create);

    // The budget as defined (audit entries).
    static QJsonObject ruleJson(const BudgetRow &row);
    // The budget with its use: `spent`, `remaining`, `periodStart`, `periodEnd` and `forecast`
    // from the engine, or zero use over the current period (computed here in `zone`) when the
    // engine has not counted this budget yet.
    static QJsonObject toJson(const BudgetRow &row, const std::optional<BudgetStatus> &status,
                              qint64 nowMs, const QTimeZone &zone);
};
