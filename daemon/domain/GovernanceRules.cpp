// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/GovernanceRules.h"

QString LimitScopes::name(LimitScope scope)
{
    switch (scope) {
    case LimitScope::Key:
        return QStringLiteral("key");
    case LimitScope::User:
        return QStringLiteral("user");
    case LimitScope::Group:
        return QStringLiteral("group");
    case LimitScope::Department:
        return QStringLiteral("department");
    case LimitScope::Enterprise:
        return QStringLiteral("enterprise");
    }
    return {};
}

bool LimitScopes::fromName(const QString &name, LimitScope *scope)
{
    static const LimitScope all[] = {LimitScope::Key, LimitScope::User, LimitScope::Group,
                                     LimitScope::Department, LimitScope::Enterprise};
    for (LimitScope s : all) {
        if (LimitScopes::name(s) == name) {
            *scope = s;
            return true;
        }
    }
    return false;
}

QString BudgetPeriods::name(BudgetPeriod period)
{
    switch (period) {
    case BudgetPeriod::Day:
        return QStringLiteral("day");
    case BudgetPeriod::Week:
        return QStringLiteral("week");
    case BudgetPeriod::Month:
        return QStringLiteral("month");
    }
    return {};
}

bool BudgetPeriods::fromName(const QString &name, BudgetPeriod *period)
{
    static const BudgetPeriod all[] = {BudgetPeriod::Day, BudgetPeriod::Week, BudgetPeriod::Month};
    for (BudgetPeriod p : all) {
        if (BudgetPeriods::name(p) == name) {
            *period = p;
            return true;
        }
    }
    return false;
}
