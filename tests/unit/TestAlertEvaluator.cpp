// SPDX-License-Identifier: GPL-3.0-or-later
// The alert state machine without a database: which conditions hold, dedupe of active
// incidents, the cooldown, auto-resolve, budget thresholds (claims per period) and the tenant
// filter, with the time passed in.
#include "alerts/AlertEvaluator.h"
#include "alerts/AlertRuleSpec.h"

#include <QJsonArray>
#include <QtTest>

class TestAlertEvaluator final : public QObject
{
    Q_OBJECT

    static AlertRuleRow rule(qint64 id, const QString &kind, const QJsonObject &params = {},
                             qint64 cooldownSecs = 900)
    {
        AlertRuleRow r;
        r.id = id;
        r.name = QStringLiteral("rule %1").arg(id);
        r.kind = kind;
        r.params = params;
        r.cooldownSecs = cooldownSecs;
        r.channelIds = {1};
        return r;
    }

    static AlertBudget budget(MicroUsd spent, qint64 periodStart = 1000)
    {
        AlertBudget b;
        b.id = 3;
        b.name = QStringLiteral("research");
        b.scope = QStringLiteral("group");
        b.scopeId = 5;
        b.enterpriseId = 2;
        b.thresholds = {80, 95, 100};
        b.amount = 50'000'000;
        b.spent = spent;
        b.periodStartMs = periodStart;
        return b;
    }

    static IncidentRow incident(qint64 id, qint64 ruleId, const QString &subject)
    {
        IncidentRow i;
        i.id = id;
        i.ruleId = ruleId;
        i.subject = subject;
        return i;
    }

    static void addCalls(CallWindow &w, int ok, int failed, qint64 atMs, qint64 latencyMs = 100)
    {
        for (int i = 0; i < ok + failed; ++i) {
            CallOutcome c;
            c.atMs = atMs;
            c.error = i < failed;
            c.latencyMs = latencyMs;
            c.enterpriseId = 2;
            w.add(c);
        }
    }

private Q_SLOTS:
    void budgetThresholdsCrossed()
    {
        AlertEvaluator::Observation o;
        o.budgets = {budget(47'500'000)}; // 95%
        const auto conditions =
            AlertEvaluator::conditions(rule(1, QStringLiteral("budget_threshold")), o, 0);
        QCOMPARE(conditions.size(), 2);
        QCOMPARE(conditions.at(0).subject, QStringLiteral("budget:3:80"));
        QCOMPARE(conditions.at(1).subject, QStringLiteral("budget:3:95"));
        QVERIFY(conditions.at(1).claim);
        QCOMPARE(conditions.at(1).claim->periodStartMs, qint64(1000));
        QCOMPARE(conditions.at(1).claim->threshold, 95);
        QVERIFY(conditions.at(0).title.contains(QStringLiteral("research")));
        QVERIFY(conditions.at(0).summary.contains(QStringLiteral("47.50 of 50.00 USD")));

        // Just under 80%: nothing.
        o.budgets = {budget(39'999'999)};
        QVERIFY(AlertEvaluator::conditions(rule(1, QStringLiteral("budget_threshold")), o, 0)
                    .isEmpty());
        // The rule's own thresholds, and a budget filter that does not match.
        o.budgets = {budget(30'000'000)};
        QCOMPARE(AlertEvaluator::conditions(
                     rule(1, QStringLiteral("budget_threshold"),
                          QJsonObject{{QStringLiteral("thresholds"), QJsonArray{50}}}),
                     o, 0)
                     .size(),
                 1);
        QVERIFY(AlertEvaluator::conditions(rule(1, QStringLiteral("budget_threshold"),
                                                QJsonObject{{QStringLiteral("budgetId"), 4}}),
                                           o, 0)
                    .isEmpty());
    }

    void budgetFiresOncePerPeriodThroughClaims()
    {
        // Budget thresholds ignore the cooldown (the claim per period decides), so a new
        // period's crossing opens again even right after the last incident.
        const QList<AlertRuleRow> rules{rule(1, QStringLiteral("budget_threshold"), {}, 900)};
        AlertEvaluator::Observation o;
        o.budgets = {budget(40'000'000, 1000)};
        const QHash<QString, qint64> recently{
            {AlertEvaluator::key(1, QStringLiteral("budget:3:80")), 5000}};
        auto plan = AlertEvaluator::plan(rules, o, {}, recently, 6000);
        QCOMPARE(plan.open.size(), 1);
        QCOMPARE(plan.open.at(0).claim->periodStartMs, qint64(1000));
        // The period rolled over: spend back to zero resolves the active incident.
        o.budgets = {budget(0, 2000)};
        plan = AlertEvaluator::plan(rules, o, {incident(9, 1, QStringLiteral("budget:3:80"))}, {},
                                    7000);
        QCOMPARE(plan.resolve, QList<qint64>{9});
        QVERIFY(plan.open.isEmpty());
        // Crossed again in the new period: a claim for the new period start.
        o.budgets = {budget(45'000'000, 2000)};
        plan = AlertEvaluator::plan(rules, o, {}, recently, 8000);
        QCOMPARE(plan.open.size(), 1);
        QCOMPARE(plan.open.at(0).claim->periodStartMs, qint64(2000));
    }

    void activeIncidentIsRefreshedNotReopened()
    {
        const QList<AlertRuleRow> rules{rule(1, QStringLiteral("account_cooldown"))};
        AlertEvaluator::Observation o;
        AlertAccount a;
        a.id = 7;
        a.name = QStringLiteral("main");
        a.coolingDown = true;
        o.accounts = {a};
        auto plan = AlertEvaluator::plan(rules, o, {}, {}, 1000);
        QCOMPARE(plan.open.size(), 1);
        QCOMPARE(plan.open.at(0).subject, QStringLiteral("account:7"));
        // While the incident is active (open or acknowledged) it is only refreshed.
        plan =
            AlertEvaluator::plan(rules, o, {incident(4, 1, QStringLiteral("account:7"))}, {}, 2000);
        QVERIFY(plan.open.isEmpty());
        QCOMPARE(plan.refresh.size(), 1);
        QCOMPARE(plan.refresh.at(0).first, qint64(4));
        QVERIFY(plan.resolve.isEmpty());
        // The account recovered: auto-resolve.
        o.accounts[0].coolingDown = false;
        plan =
            AlertEvaluator::plan(rules, o, {incident(4, 1, QStringLiteral("account:7"))}, {}, 3000);
        QCOMPARE(plan.resolve, QList<qint64>{4});
    }

    void cooldownHoldsBackANewIncident()
    {
        const QList<AlertRuleRow> rules{
            rule(1, QStringLiteral("account_needs_attention"), {}, 600)};
        AlertEvaluator::Observation o;
        AlertAccount a;
        a.id = 7;
        a.needsAttention = true;
        o.accounts = {a};
        const QHash<QString, qint64> last{
            {AlertEvaluator::key(1, QStringLiteral("account:7")), 100'000}};
        // 599 s after the last incident opened: held back.
        auto plan = AlertEvaluator::plan(rules, o, {}, last, 100'000 + 599'000);
        QVERIFY(plan.open.isEmpty());
        QCOMPARE(plan.suppressed, 1);
        // 600 s after: opens.
        plan = AlertEvaluator::plan(rules, o, {}, last, 100'000 + 600'000);
        QCOMPARE(plan.open.size(), 1);
        QCOMPARE(plan.suppressed, 0);
    }

    void errorRateOverTheWindow()
    {
        CallWindow w;
        const qint64 now = 1'000'000;
        addCalls(w, 7, 3, now - 1000); // 30% failed
        AlertEvaluator::Observation o;
        o.calls = &w;
        const AlertRuleRow r = rule(2, QStringLiteral("error_rate"),
                                    QJsonObject{{QStringLiteral("windowSeconds"), 60},
                                                {QStringLiteral("thresholdPercent"), 25},
                                                {QStringLiteral("minRequests"), 10}});
        auto c = AlertEvaluator::conditions(r, o, now);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c.at(0).subject, QStringLiteral("calls"));
        QCOMPARE(c.at(0).details.value(QLatin1String("errors")).toInt(), 3);
        // Too few calls: nothing.
        AlertRuleRow many = r;
        many.params.insert(QStringLiteral("minRequests"), 11);
        QVERIFY(AlertEvaluator::conditions(many, o, now).isEmpty());
        // Outside the window: nothing.
        QVERIFY(AlertEvaluator::conditions(r, o, now + 61'000).isEmpty());
        // Healthy calls dilute the rate below the threshold: the incident resolves.
        addCalls(w, 10, 0, now);
        auto plan =
            AlertEvaluator::plan({r}, o, {incident(5, 2, QStringLiteral("calls"))}, {}, now);
        QCOMPARE(plan.resolve, QList<qint64>{5});
        // Another tenant's rule does not see enterprise 2's calls.
        AlertRuleRow other = r;
        other.enterpriseId = 8;
        w = CallWindow();
        addCalls(w, 0, 20, now);
        QVERIFY(AlertEvaluator::conditions(other, o, now).isEmpty());
        other.enterpriseId = 2;
        QCOMPARE(AlertEvaluator::conditions(other, o, now).size(), 1);
    }

    void errorRateOfOneScope()
    {
        CallWindow w;
        const qint64 now = 1'000'000;
        for (int i = 0; i < 10; ++i) {
            CallOutcome c;
            c.atMs = now;
            c.error = true;
            c.groupId = i < 6 ? 5 : 6;
            c.userId = 40 + i;
            w.add(c);
        }
        AlertEvaluator::Observation o;
        o.calls = &w;
        AlertRuleRow r = rule(2, QStringLiteral("error_rate"),
                              QJsonObject{{QStringLiteral("scope"), QStringLiteral("group")},
                                          {QStringLiteral("scopeId"), 5},
                                          {QStringLiteral("minRequests"), 6}});
        auto c = AlertEvaluator::conditions(r, o, now);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c.at(0).details.value(QLatin1String("calls")).toInt(), 6);
        r.params.insert(QStringLiteral("scopeId"), 6); // 4 calls: fewer than minRequests
        QVERIFY(AlertEvaluator::conditions(r, o, now).isEmpty());
        r.params = QJsonObject{{QStringLiteral("scope"), QStringLiteral("user")},
                               {QStringLiteral("scopeId"), 41},
                               {QStringLiteral("minRequests"), 1}};
        QCOMPARE(AlertEvaluator::conditions(r, o, now).size(), 1);

        QString error;
        AlertRuleSpec::normalise(QStringLiteral("error_rate"),
                                 QJsonObject{{QStringLiteral("scope"), QStringLiteral("group")}},
                                 false, &error);
        QVERIFY(error.contains(QStringLiteral("scopeId")));
    }

    void latencyP95()
    {
        CallWindow w;
        const qint64 now = 500'000;
        addCalls(w, 19, 0, now, 100);
        addCalls(w, 1, 0, now, 90'000); // 1 slow call of 20: p95 is still 100 ms
        AlertEvaluator::Observation o;
        o.calls = &w;
        const AlertRuleRow r = rule(3, QStringLiteral("latency_p95"),
                                    QJsonObject{{QStringLiteral("thresholdMs"), 5000},
                                                {QStringLiteral("minRequests"), 20}});
        QVERIFY(AlertEvaluator::conditions(r, o, now).isEmpty());
        addCalls(w, 2, 0, now, 90'000); // 3 of 22 slow: above the 95th percentile
        const auto c = AlertEvaluator::conditions(r, o, now);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c.at(0).details.value(QLatin1String("p95LatencyMs")).toInteger(), 90'000);
    }

    void quotaThreshold()
    {
        AlertQuota q;
        q.id = 11;
        q.name = QStringLiteral("alice");
        q.scope = QStringLiteral("user");
        q.scopeId = 4;
        q.limits = {LimitUse{QStringLiteral("rpm"), 100, 95, 0},
                    LimitUse{QStringLiteral("dailyTokens"), 1000, 10, 0}};
        AlertEvaluator::Observation o;
        o.quotas = {q};
        const auto c =
            AlertEvaluator::conditions(rule(4, QStringLiteral("quota_threshold"),
                                            QJsonObject{{QStringLiteral("thresholdPercent"), 90}}),
                                       o, 0);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c.at(0).subject, QStringLiteral("quota:11:rpm"));
        // A scope filter of another user.
        QVERIFY(AlertEvaluator::conditions(
                    rule(4, QStringLiteral("quota_threshold"),
                         QJsonObject{{QStringLiteral("scope"), QStringLiteral("user")},
                                     {QStringLiteral("scopeId"), 5},
                                     {QStringLiteral("thresholdPercent"), 90}}),
                    o, 0)
                    .isEmpty());
    }

    void incidentsOfRemovedRulesResolve()
    {
        const auto plan =
            AlertEvaluator::plan({}, {}, {incident(8, 99, QStringLiteral("calls"))}, {}, 1);
        QCOMPARE(plan.resolve, QList<qint64>{8});
        AlertRuleRow disabled = rule(99, QStringLiteral("error_rate"));
        disabled.enabled = false;
        QCOMPARE(
            AlertEvaluator::plan({disabled}, {}, {incident(8, 99, QStringLiteral("calls"))}, {}, 1)
                .resolve,
            QList<qint64>{8});
    }

    void ruleParameterChecks()
    {
        QString error;
        auto p = AlertRuleSpec::normalise(QStringLiteral("error_rate"), {}, false, &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(p.value(QLatin1String("windowSeconds")).toInt(), 300);
        QCOMPARE(p.value(QLatin1String("thresholdPercent")).toInt(), 10);
        QCOMPARE(p.value(QLatin1String("minRequests")).toInt(), 20);
        p = AlertRuleSpec::normalise(QStringLiteral("error_rate"),
                                     QJsonObject{{QStringLiteral("windowSeconds"), 5}}, false,
                                     &error);
        QVERIFY(error.contains(QStringLiteral("windowSeconds")));
        error.clear();
        AlertRuleSpec::normalise(QStringLiteral("latency_p95"), {}, false, &error);
        QVERIFY(error.contains(QStringLiteral("thresholdMs")));
        error.clear();
        AlertRuleSpec::normalise(QStringLiteral("account_cooldown"), {}, true, &error);
        QVERIFY(error.contains(QStringLiteral("system-wide")));
        error.clear();
        AlertRuleSpec::normalise(QStringLiteral("budget_threshold"),
                                 QJsonObject{{QStringLiteral("scope"), QStringLiteral("key")}},
                                 false, &error);
        QVERIFY(error.contains(QStringLiteral("scope")));
    }
};

QTEST_GUILESS_MAIN(TestAlertEvaluator)
#include "TestAlertEvaluator.moc"
