// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/AlertSources.h"

#include "routing/RoutingService.h"

#include <QHash>

namespace {

qint64 enterpriseOf(const AccessModel *access, LimitScope scope, qint64 id)
{
    if (scope == LimitScope::Enterprise)
        return id;
    if (!access)
        return 0;
    AccessModel::Object kind = AccessModel::Object::Key;
    switch (scope) {
    case LimitScope::Key:
        kind = AccessModel::Object::Key;
        break;
    case LimitScope::User:
        kind = AccessModel::Object::User;
        break;
    case LimitScope::Group:
        kind = AccessModel::Object::Group;
        break;
    case LimitScope::Department:
        kind = AccessModel::Object::Department;
        break;
    case LimitScope::Enterprise:
        break;
    }
    const auto found = access->scopeOf(kind, id);
    return found ? access->enterpriseOf(*found) : 0;
}

} // namespace

QList<AlertBudget> AlertSources::budgets(const QList<BudgetStatus> &statuses,
                                         const GovernanceRules &rules, const AccessModel *access)
{
    QHash<qint64, const BudgetRule *> byId;
    for (const BudgetRule &r : rules.budgets)
        byId.insert(r.id, &r);
    QList<AlertBudget> out;
    for (const BudgetStatus &s : statuses) {
        const BudgetRule *rule = byId.value(s.budgetId);
        if (!rule || !rule->enabled)
            continue;
        AlertBudget b;
        b.id = s.budgetId;
        b.name = rule->name;
        b.scope = LimitScopes::name(rule->scope);
        b.scopeId = rule->scopeId;
        b.enterpriseId = enterpriseOf(access, rule->scope, rule->scopeId);
        b.thresholds = rule->thresholds.isEmpty() ? QList<int>{80, 95, 100} : rule->thresholds;
        b.amount = s.amount > 0 ? s.amount : rule->amount;
        b.spent = s.spent;
        b.periodStartMs = s.periodStartMs;
        b.periodEndMs = s.periodEndMs;
        out.append(b);
    }
    return out;
}

QList<AlertQuota> AlertSources::quotas(const QList<QuotaStatus> &statuses,
                                       const GovernanceRules &rules, const AccessModel *access)
{
    QHash<qint64, const QuotaRule *> byId;
    for (const QuotaRule &r : rules.quotas)
        byId.insert(r.id, &r);
    QList<AlertQuota> out;
    for (const QuotaStatus &s : statuses) {
        const QuotaRule *rule = byId.value(s.quotaId);
        if (!rule || !rule->enabled)
            continue;
        AlertQuota q;
        q.id = s.quotaId;
        q.name = rule->scopeName;
        q.scope = LimitScopes::name(rule->scope);
        q.scopeId = rule->scopeId;
        q.enterpriseId = enterpriseOf(access, rule->scope, rule->scopeId);
        q.limits = s.limits;
        out.append(q);
    }
    return out;
}

QList<AlertAccount> AlertSources::accounts(const RoutingService &routing,
                                           const RelaySnapshot &snapshot, qint64 nowMs)
{
    QList<AlertAccount> out;
    for (const RelayAccount &a : snapshot.accounts) {
        if (!a.enabled)
            continue;
        const QJsonObject health = routing.health(a.id, nowMs);
        AlertAccount account;
        account.id = a.id;
        account.name = a.name;
        account.provider = a.provider;
        account.coolingDown = health.value(QLatin1String("coolingDown")).toBool();
        account.cooldownUntilMs = health.value(QLatin1String("cooldownUntilMs")).toInteger();
        account.cooldownReason = health.value(QLatin1String("cooldownReason")).toString();
        account.needsAttention =
            a.needsAttention || health.value(QLatin1String("needsAttention")).toBool();
        out.append(account);
    }
    return out;
}
