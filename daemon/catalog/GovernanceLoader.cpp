// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/GovernanceLoader.h"

#include "store/SqlUtil.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace {

QHash<qint64, QString> names(QSqlDatabase &db, const QString &sql, const QString &what)
{
    QHash<qint64, QString> out;
    QSqlQuery q = SqlUtil::prepare(db, sql);
    SqlUtil::exec(q, what);
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toString());
    return out;
}

} // namespace

QList<int> GovernanceLoader::parseThresholds(const QString &json)
{
    QList<int> out;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    for (const QJsonValue &v : doc.array()) {
        const int p = v.toInt(0);
        if (p >= 1 && p <= 1000 && !out.contains(p))
            out.append(p);
    }
    if (out.isEmpty())
        return {80, 95, 100};
    std::sort(out.begin(), out.end());
    return out;
}

GovernanceLoader::Result GovernanceLoader::load(QSqlDatabase &db)
{
    Result r;
    {
        QSqlQuery q = SqlUtil::prepare(db, QStringLiteral("SELECT group_id, user_id FROM "
                                                          "group_members ORDER BY group_id"));
        SqlUtil::exec(q, QStringLiteral("read group members"));
        while (q.next())
            r.groupsByUser[q.value(1).toLongLong()].append(q.value(0).toLongLong());
    }
    {
        QSqlQuery q = SqlUtil::prepare(db, QStringLiteral("SELECT id, parent_id FROM departments"));
        SqlUtil::exec(q, QStringLiteral("read departments"));
        while (q.next())
            r.departmentParent.insert(q.value(0).toLongLong(),
                                      q.value(1).isNull() ? 0 : q.value(1).toLongLong());
    }
    auto rules = std::make_shared<GovernanceRules>();
    {
        QSqlQuery q = SqlUtil::prepare(
            db, QStringLiteral("SELECT id, scope, scope_id, model, rpm, tpm, concurrency, "
                               "daily_tokens, monthly_tokens, daily_cost_micros, "
                               "monthly_cost_micros FROM quotas WHERE enabled <> 0 ORDER BY id"));
        SqlUtil::exec(q, QStringLiteral("read quotas"));
        while (q.next()) {
            QuotaRule rule;
            rule.id = q.value(0).toLongLong();
            if (!LimitScopes::fromName(q.value(1).toString(), &rule.scope))
                continue;
            rule.scopeId = q.value(2).toLongLong();
            rule.model = q.value(3).toString();
            rule.rpm = q.value(4).toLongLong();
            rule.tpm = q.value(5).toLongLong();
            rule.concurrency = q.value(6).toLongLong();
            rule.dailyTokens = q.value(7).toLongLong();
            rule.monthlyTokens = q.value(8).toLongLong();
            rule.dailyCost = q.value(9).toLongLong();
            rule.monthlyCost = q.value(10).toLongLong();
            rules->quotas.append(rule);
        }
    }
    {
        QSqlQuery q = SqlUtil::prepare(
            db, QStringLiteral("SELECT id, name, scope, scope_id, period, amount_micros, hard, "
                               "thresholds FROM budgets WHERE enabled <> 0 ORDER BY id"));
        SqlUtil::exec(q, QStringLiteral("read budgets"));
        while (q.next()) {
            BudgetRule rule;
            rule.id = q.value(0).toLongLong();
            rule.name = q.value(1).toString();
            if (!LimitScopes::fromName(q.value(2).toString(), &rule.scope) ||
                !BudgetPeriods::fromName(q.value(4).toString(), &rule.period))
                continue;
            rule.scopeId = q.value(3).toLongLong();
            rule.amount = q.value(5).toLongLong();
            rule.hard = q.value(6).toInt() != 0;
            rule.thresholds = parseThresholds(q.value(7).toString());
            rules->budgets.append(rule);
        }
    }
    if (!rules->quotas.isEmpty() || !rules->budgets.isEmpty()) {
        // Scope names for the messages, read only when some rule needs them.
        QHash<int, QHash<qint64, QString>> byScope;
        auto need = [&](LimitScope s) { return !byScope.contains(int(s)); };
        auto nameOf = [&](LimitScope s, qint64 id) -> QString {
            if (need(s)) {
                switch (s) {
                case LimitScope::Key:
                    byScope.insert(int(s),
                                   names(db, QStringLiteral("SELECT id, name FROM api_keys"),
                                         QStringLiteral("read key names")));
                    break;
                case LimitScope::User:
                    byScope.insert(int(s),
                                   names(db,
                                         QStringLiteral("SELECT id, CASE WHEN name = '' "
                                                        "THEN email ELSE name END FROM users"),
                                         QStringLiteral("read user names")));
                    break;
                case LimitScope::Group:
                    byScope.insert(int(s),
                                   names(db, QStringLiteral("SELECT id, name FROM `groups`"),
                                         QStringLiteral("read group names")));
                    break;
                case LimitScope::Department:
                    byScope.insert(int(s),
                                   names(db, QStringLiteral("SELECT id, name FROM departments"),
                                         QStringLiteral("read department names")));
                    break;
                case LimitScope::Enterprise:
                    byScope.insert(int(s),
                                   names(db, QStringLiteral("SELECT id, name FROM enterprises"),
                                         QStringLiteral("read enterprise names")));
                    break;
                }
            }
            const QString n = byScope.value(int(s)).value(id);
            return n.isEmpty() ? QStringLiteral("#%1").arg(id) : n;
        };
        for (QuotaRule &rule : rules->quotas)
            rule.scopeName = nameOf(rule.scope, rule.scopeId);
        for (BudgetRule &rule : rules->budgets)
            rule.scopeName = nameOf(rule.scope, rule.scopeId);
    }
    r.rules = std::move(rules);
    return r;
}
