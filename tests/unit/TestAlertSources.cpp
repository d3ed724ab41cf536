// SPDX-License-Identifier: GPL-3.0-or-later
// The alert inputs built from the daemon's live objects: the Governor's statuses joined with the
// snapshot's rules (names, thresholds, scopes, the enterprise of each scope), and the accounts'
// routing health (cooling down after a 529, needing attention after a 401).
#include "alerts/AlertSources.h"
#include "routing/RoutingService.h"

#include <QtTest>

class TestAlertSources final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void budgetsAndQuotasJoinTheirRules()
    {
        GovernanceRules rules;
        BudgetRule b;
        b.id = 3;
        b.name = QStringLiteral("research");
        b.scope = LimitScope::Department;
        b.scopeId = 12;
        b.amount = 50'000'000;
        b.thresholds = {50, 90};
        rules.budgets << b;
        BudgetRule off = b;
        off.id = 4;
        off.enabled = false;
        rules.budgets << off;
        QuotaRule q;
        q.id = 8;
        q.scope = LimitScope::Enterprise;
        q.scopeId = 2;
        q.scopeName = QStringLiteral("acme");
        rules.quotas << q;

        AccessModel access;
        access.addEnterprise(2);
        access.addDepartment(12, 2, 0);

        BudgetStatus s;
        s.budgetId = 3;
        s.amount = 50'000'000;
        s.spent = 30'000'000;
        s.periodStartMs = 100;
        s.periodEndMs = 200;
        BudgetStatus unknown = s;
        unknown.budgetId = 99; // not in the snapshot (deleted meanwhile)
        BudgetStatus disabled = s;
        disabled.budgetId = 4;
        const auto budgets = AlertSources::budgets({s, unknown, disabled}, rules, &access);
        QCOMPARE(budgets.size(), 1);
        QCOMPARE(budgets.at(0).name, QStringLiteral("research"));
        QCOMPARE(budgets.at(0).scope, QStringLiteral("department"));
        QCOMPARE(budgets.at(0).enterpriseId, qint64(2)); // the department's enterprise
        QCOMPARE(budgets.at(0).thresholds, (QList<int>{50, 90}));
        QCOMPARE(budgets.at(0).spent, MicroUsd(30'000'000));
        QCOMPARE(budgets.at(0).periodStartMs, qint64(100));
        // Without the access model only enterprise budgets know their enterprise.
        QCOMPARE(AlertSources::budgets({s}, rules, nullptr).at(0).enterpriseId, qint64(0));

        QuotaStatus qs;
        qs.quotaId = 8;
        qs.limits = {LimitUse{QStringLiteral("rpm"), 10, 9, 0}};
        const auto quotas = AlertSources::quotas({qs}, rules, nullptr);
        QCOMPARE(quotas.size(), 1);
        QCOMPARE(quotas.at(0).enterpriseId, qint64(2));
        QCOMPARE(quotas.at(0).name, QStringLiteral("acme"));
        QCOMPARE(quotas.at(0).limits.at(0).used, qint64(9));
    }

    void accountsFromRoutingHealth()
    {
        RoutingService routing;
        RelaySnapshot snapshot;
        for (qint64 id : {1, 2, 3}) {
            RelayAccount a;
            a.id = id;
            a.name = QStringLiteral("acct-%1").arg(id);
            a.provider = QStringLiteral("anthropic");
            snapshot.accounts << a;
        }
        const qint64 now = 1'000'000;
        AttemptOutcome overloaded;
        overloaded.status = 529;
        routing.finished(1, now, -1, overloaded);
        AttemptOutcome refused;
        refused.status = 401;
        routing.finished(2, now, -1, refused);
        const auto accounts = AlertSources::accounts(routing, snapshot, now + 1);
        QCOMPARE(accounts.size(), 3);
        QVERIFY(accounts.at(0).coolingDown);
        QVERIFY(accounts.at(0).cooldownUntilMs > now);
        QVERIFY(!accounts.at(0).needsAttention);
        QVERIFY(accounts.at(1).needsAttention);
        QVERIFY(!accounts.at(2).coolingDown);
        QVERIFY(!accounts.at(2).needsAttention);
    }
};

QTEST_GUILESS_MAIN(TestAlertSources)
#include "TestAlertSources.moc"
