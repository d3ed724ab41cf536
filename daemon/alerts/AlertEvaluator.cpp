// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/AlertEvaluator.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>

namespace {

QString usd(MicroUsd micros)
{
    return QString::number(double(micros) / 1e6, 'f', 2);
}

qint64 param(const AlertRuleRow &rule, const char *key, qint64 fallback = 0)
{
    const QJsonValue v = rule.params.value(QLatin1String(key));
    return v.isDouble() ? v.toInteger() : fallback;
}

QString textParam(const AlertRuleRow &rule, const char *key)
{
    return rule.params.value(QLatin1String(key)).toString();
}

QString title(const AlertRuleRow &rule, const QString &what)
{
    return QStringLiteral("[aicarpool] %1: %2").arg(rule.name, what);
}

// A tenant's rule watches its own enterprise only.
bool visible(const AlertRuleRow &rule, qint64 enterpriseId)
{
    return rule.enterpriseId == 0 || rule.enterpriseId == enterpriseId;
}

bool scopeMatches(const AlertRuleRow &rule, const QString &scope, qint64 scopeId)
{
    const QString want = textParam(rule, "scope");
    if (want.isEmpty())
        return true;
    const qint64 wantId = param(rule, "scopeId");
    return want == scope && (wantId == 0 || wantId == scopeId);
}

void budgetConditions(const AlertRuleRow &rule, const AlertEvaluator::Observation &o,
                      QList<AlertEvaluator::Condition> *out)
{
    const qint64 budgetId = param(rule, "budgetId");
    QList<int> override;
    for (const QJsonValue &v : rule.params.value(QLatin1String("thresholds")).toArray())
        override << v.toInt();
    for (const AlertBudget &b : o.budgets) {
        if ((budgetId > 0 && b.id != budgetId) || !visible(rule, b.enterpriseId) ||
            !scopeMatches(rule, b.scope, b.scopeId) || b.amount <= 0)
            continue;
        const QList<int> thresholds = override.isEmpty() ? b.thresholds : override;
        for (int pct : thresholds) {
            // spent / amount >= pct / 100, in integers.
            if (pct <= 0 || b.spent * 100 < b.amount * pct)
                continue;
            AlertEvaluator::Condition c;
            c.ruleId = rule.id;
            c.subject = QStringLiteral("budget:%1:%2").arg(b.id).arg(pct);
            c.title = title(rule, QStringLiteral("budget '%1' reached %2%").arg(b.name).arg(pct));
            c.summary = QStringLiteral("Budget '%1' has spent %2 of %3 USD (%4% of the period's "
                                       "amount; threshold %5%).")
                            .arg(b.name, usd(b.spent), usd(b.amount))
                            .arg(double(b.spent) * 100 / double(b.amount), 0, 'f', 1)
                            .arg(pct);
            c.details = QJsonObject{{QStringLiteral("budgetId"), b.id},
                                    {QStringLiteral("threshold"), pct},
                                    {QStringLiteral("spent"), double(b.spent) / 1e6},
                                    {QStringLiteral("amount"), double(b.amount) / 1e6},
                                    {QStringLiteral("periodStartMs"), b.periodStartMs},
                                    {QStringLiteral("periodEndMs"), b.periodEndMs}};
            c.claim = AlertEvaluator::ThresholdClaim{b.id, b.periodStartMs, pct};
            out->append(c);
        }
    }
}

void quotaConditions(const AlertRuleRow &rule, const AlertEvaluator::Observation &o,
                     QList<AlertEvaluator::Condition> *out)
{
    const qint64 quotaId = param(rule, "quotaId");
    const qint64 pct = param(rule, "thresholdPercent", 90);
    const QString onlyLimit = textParam(rule, "limit");
    for (const AlertQuota &q : o.quotas) {
        if ((quotaId > 0 && q.id != quotaId) || !visible(rule, q.enterpriseId) ||
            !scopeMatches(rule, q.scope, q.scopeId))
            continue;
        for (const LimitUse &l : q.limits) {
            if (l.max <= 0 || (!onlyLimit.isEmpty() && l.limit != onlyLimit) ||
                l.used * 100 < l.max * pct)
                continue;
            AlertEvaluator::Condition c;
            c.ruleId = rule.id;
            c.subject = QStringLiteral("quota:%1:%2").arg(q.id).arg(l.limit);
            c.title = title(rule, QStringLiteral("quota %1 (%2 '%3') %4 at %5%")
                                      .arg(q.id)
                                      .arg(q.scope, q.name, l.limit)
                                      .arg(l.used * 100 / l.max));
            c.summary = QStringLiteral("The %1 limit of quota %2 (%3 '%4') is at %5 of %6 "
                                       "(threshold %7%).")
                            .arg(l.limit)
                            .arg(q.id)
                            .arg(q.scope, q.name)
                            .arg(l.used)
                            .arg(l.max)
                            .arg(pct);
            c.details = QJsonObject{{QStringLiteral("quotaId"), q.id},
                                    {QStringLiteral("limit"), l.limit},
                                    {QStringLiteral("used"), l.used},
                                    {QStringLiteral("max"), l.max},
                                    {QStringLiteral("resetAtMs"), l.resetAtMs}};
            out->append(c);
        }
    }
}

void accountConditions(const AlertRuleRow &rule, const AlertEvaluator::Observation &o,
                       bool cooldown, QList<AlertEvaluator::Condition> *out)
{
    if (rule.enterpriseId != 0)
        return; // accounts are system-wide
    const qint64 accountId = param(rule, "accountId");
    for (const AlertAccount &a : o.accounts) {
        if (accountId > 0 && a.id != accountId)
            continue;
        if (cooldown ? !a.coolingDown : !a.needsAttention)
            continue;
        AlertEvaluator::Condition c;
        c.ruleId = rule.id;
        c.subject = QStringLiteral("account:%1").arg(a.id);
        if (cooldown) {
            c.title = title(rule, QStringLiteral("account '%1' is cooling down").arg(a.name));
            c.summary = QStringLiteral("Account '%1' (%2) is not used until %3: %4.")
                            .arg(a.name, a.provider,
                                 QDateTime::fromMSecsSinceEpoch(a.cooldownUntilMs, Qt::UTC)
                                     .toString(Qt::ISODate),
                                 a.cooldownReason.isEmpty() ? QStringLiteral("failures")
                                                            : a.cooldownReason);
        } else {
            c.title = title(rule, QStringLiteral("account '%1' needs attention").arg(a.name));
            c.summary = QStringLiteral("Account '%1' (%2) had its credentials refused; update "
                                       "its key or sign in again.")
                            .arg(a.name, a.provider);
        }
        c.details = QJsonObject{{QStringLiteral("accountId"), a.id},
                                {QStringLiteral("account"), a.name},
                                {QStringLiteral("reason"), a.cooldownReason}};
        out->append(c);
    }
}

void callConditions(const AlertRuleRow &rule, const AlertEvaluator::Observation &o, qint64 nowMs,
                    bool errorRate, QList<AlertEvaluator::Condition> *out)
{
    if (!o.calls)
        return;
    CallWindow::Filter filter;
    filter.enterpriseId = rule.enterpriseId;
    filter.accountId = param(rule, "accountId");
    filter.provider = textParam(rule, "provider");
    filter.model = textParam(rule, "model");
    filter.scope = textParam(rule, "scope");
    filter.scopeId = param(rule, "scopeId");
    const qint64 windowSecs = param(rule, "windowSeconds", 300);
    const qint64 minRequests = param(rule, "minRequests", 20);
    const CallWindow::Stats s = o.calls->stats(windowSecs * 1000, filter, nowMs);
    if (s.calls < minRequests || s.calls == 0)
        return;
    AlertEvaluator::Condition c;
    c.ruleId = rule.id;
    c.subject = QStringLiteral("calls");
    if (errorRate) {
        const qint64 pct = param(rule, "thresholdPercent", 10);
        if (qint64(s.errors) * 100 < pct * s.calls)
            return;
        const double rate = double(s.errors) * 100 / s.calls;
        c.title = title(rule, QStringLiteral("error rate %1%").arg(rate, 0, 'f', 1));
        c.summary = QStringLiteral("%1 of the last %2 calls failed in %3 s (%4%; threshold %5%).")
                        .arg(s.errors)
                        .arg(s.calls)
                        .arg(windowSecs)
                        .arg(rate, 0, 'f', 1)
                        .arg(pct);
    } else {
        const qint64 limit = param(rule, "thresholdMs");
        if (limit <= 0 || s.p95LatencyMs < limit)
            return;
        c.title = title(rule, QStringLiteral("p95 latency %1 ms").arg(s.p95LatencyMs));
        c.summary = QStringLiteral("The 95th percentile latency of the last %1 calls in %2 s is "
                                   "%3 ms (threshold %4 ms).")
                        .arg(s.calls)
                        .arg(windowSecs)
                        .arg(s.p95LatencyMs)
                        .arg(limit);
    }
    c.details = QJsonObject{{QStringLiteral("calls"), s.calls},
                            {QStringLiteral("errors"), s.errors},
                            {QStringLiteral("p95LatencyMs"), s.p95LatencyMs},
                            {QStringLiteral("windowSeconds"), windowSecs}};
    out->append(c);
}

} // namespace

QList<AlertEvaluator::Condition>
AlertEvaluator::conditions(const AlertRuleRow &rule, const Observation &observation, qint64 nowMs)
{
    QList<Condition> out;
    if (rule.kind == QLatin1String("budget_threshold"))
        budgetConditions(rule, observation, &out);
    else if (rule.kind == QLatin1String("quota_threshold"))
        quotaConditions(rule, observation, &out);
    else if (rule.kind == QLatin1String("account_cooldown"))
        accountConditions(rule, observation, true, &out);
    else if (rule.kind == QLatin1String("account_needs_attention"))
        accountConditions(rule, observation, false, &out);
    else if (rule.kind == QLatin1String("error_rate"))
        callConditions(rule, observation, nowMs, true, &out);
    else if (rule.kind == QLatin1String("latency_p95"))
        callConditions(rule, observation, nowMs, false, &out);
    return out;
}

AlertEvaluator::Plan AlertEvaluator::plan(const QList<AlertRuleRow> &rules,
                                          const Observation &observation,
                                          const QList<IncidentRow> &active,
                                          const QHash<QString, qint64> &lastOpened, qint64 nowMs)
{
    Plan plan;
    QHash<QString, qint64> activeByKey;
    for (const IncidentRow &i : active)
        activeByKey.insert(key(i.ruleId, i.subject), i.id);
    QSet<QString> holding;
    for (const AlertRuleRow &rule : rules) {
        if (!rule.enabled)
            continue;
        for (const Condition &c : conditions(rule, observation, nowMs)) {
            const QString k = key(c.ruleId, c.subject);
            holding.insert(k);
            if (const auto it = activeByKey.constFind(k); it != activeByKey.constEnd()) {
                plan.refresh.append({it.value(), c});
                continue;
            }
            // A budget threshold fires once per period (the claim decides); every other
            // condition waits out the rule's cooldown since the last incident it opened.
            if (!c.claim) {
                const auto last = lastOpened.constFind(k);
                if (last != lastOpened.constEnd() &&
                    nowMs - last.value() < rule.cooldownSecs * 1000) {
                    ++plan.suppressed;
                    continue;
                }
            }
            plan.open.append(c);
        }
    }
    for (const IncidentRow &i : active) {
        if (!holding.contains(key(i.ruleId, i.subject)))
            plan.resolve.append(i.id);
    }
    return plan;
}
