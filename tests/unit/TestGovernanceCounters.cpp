// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/Clock.h"
#include "governance/Governor.h"
#include "governance/GovernorCore.h"
#include "pricing/PriceTable.h"
#include "relay/AdmissionEstimate.h"

#include <QDateTime>
#include <QJsonObject>

#include <QJsonDocument>
#include <QtTest>
#include <cmath>

namespace {

class ManualClock : public Clock
{
public:
    explicit ManualClock(qint64 ms) : m_ms(ms) {}
    void advance(qint64 ms) { m_ms += ms; }

protected:
    qint64 currentMs() const override { return m_ms; }

private:
    qint64 m_ms;
};

qint64 utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

const qint64 T0 = utc("2026-11-10T12:00:00Z");

RelayKey aKey()
{
    RelayKey k;
    k.id = 7;
    k.name = QStringLiteral("ci");
    k.userId = 3;
    k.departmentId = 12;
    k.enterpriseId = 1;
    return k;
}

RelaySnapshotPtr aSnapshot()
{
    auto s = std::make_shared<RelaySnapshot>();
    s->groupsByUser.insert(3, {20});
    s->departmentParent.insert(12, 10);
    s->departmentParent.insert(10, 0);
    return s;
}

AdmissionRequest call(qint64 nowMs, qint64 cost, qint64 tokens = 100,
                      const QString &model = QStringLiteral("claude-sonnet-4-5"))
{
    AdmissionRequest r;
    r.snapshot = aSnapshot();
    r.key = aKey();
    r.model = model;
    r.estimatedCost = cost;
    r.estimatedTokens = tokens;
    r.nowMs = nowMs;
    return r;
}

BudgetRule budget(qint64 id, LimitScope scope, qint64 scopeId, MicroUsd amount, bool hard = true)
{
    BudgetRule b;
    b.id = id;
    b.name = QStringLiteral("budget %1").arg(id);
    b.scope = scope;
    b.scopeId = scopeId;
    b.scopeName = QStringLiteral("scope %1").arg(scopeId);
    b.amount = amount;
    b.hard = hard;
    return b;
}

GovernanceRulesPtr rules(QList<QuotaRule> quotas, QList<BudgetRule> budgets)
{
    auto r = std::make_shared<GovernanceRules>();
    r->quotas = std::move(quotas);
    r->budgets = std::move(budgets);
    return r;
}

GovernorCore::Outcome run(GovernorCore &core, const AdmissionRequest &r, Admission *a,
                          QList<GovernorCore::LeaseNeed> *needs = nullptr, qint64 since = 0,
                          int round = 0)
{
    QList<GovernorCore::LeaseNeed> ignored;
    return core.evaluate(r, since ? since : r.nowMs, round, a, needs ? needs : &ignored);
}

QByteArray header(const HttpHeaderList &h, const QByteArray &name)
{
    for (const auto &p : h) {
        if (p.first == name)
            return p.second;
    }
    return {};
}

} // namespace

class TestGovernanceCounters : public QObject
{
    Q_OBJECT
private slots:
    void cleanup() { Clock::setInstance(nullptr); }

    void leaseSlicesShrinkAsTheLimitNears()
    {
        QCOMPARE(SharedCounter::grant(1000, 0, 0, 10), 50);   // 5% of what remains
        QCOMPARE(SharedCounter::grant(1000, 0, 0, 80), 80);   // at least the need
        QCOMPARE(SharedCounter::grant(1000, 900, 50, 60), 0); // does not fit: nothing
        QCOMPARE(SharedCounter::grant(1000, 990, 0, 5), 5);   // slices get small
        QCOMPARE(SharedCounter::grant(1000, 900, 0, 100), 100);
        QCOMPARE(SharedCounter::grant(1000, 0, 990, 20), 0); // leased by others
        QCOMPARE(SharedCounter::grant(1000, 0, 0, 0), 0);
        SharedCounter c;
        c.limit = 2000;
        c.clusterUsed = 1000;
        c.lastAdmitMs = T0;
        QCOMPARE(c.keep(T0 + 100), 50);
        QCOMPARE(c.keep(T0 + SharedCounter::kIdleMs + 1), 0); // idle: everything goes back
    }

    void aHardBudgetRefusesWhatDoesNotFitAndSettlementFreesIt()
    {
        const auto owner = std::make_shared<GovernorCore>(false); // tickets hold it weakly
        GovernorCore &core = *owner;
        core.setRules(rules({}, {budget(1, LimitScope::Department, 10, 1000)}), T0);
        Admission a1, a2, a3;
        QCOMPARE(run(core, call(T0, 400), &a1), GovernorCore::Outcome::Admitted);
        QCOMPARE(run(core, call(T0, 400), &a2), GovernorCore::Outcome::Admitted);
        QCOMPARE(run(core, call(T0, 400), &a3), GovernorCore::Outcome::Refused);
        QCOMPARE(a3.refusal->status, 402);
        QCOMPARE(a3.refusal->type, QStringLiteral("budget_exceeded"));
        QCOMPARE(a3.refusal->message,
                 QStringLiteral("monthly budget 'budget 1' of department 'scope 10' reached "
                                "(0.001 USD); resets 2026-12-01T00:00:00Z"));
        // The first call really cost 100: 600 of 1000 are spoken for, 400 more fit.
        a1.ticket->settled = true;
        core.settle(*a1.ticket, 50, 100, false);
        Admission a4;
        QCOMPARE(run(core, call(T0, 400), &a4), GovernorCore::Outcome::Admitted);
        const std::optional<BudgetStatus> s = core.budgetStatus(1, T0);
        QVERIFY(s);
        QCOMPARE(s->spent, 100);
        QCOMPARE(s->remaining, 900);
        QCOMPARE(PeriodMathIso(s->periodStartMs), QStringLiteral("2026-11-01T00:00:00Z"));
    }

    void budgetsRollUpTheTreeButNotSideways()
    {
        const auto owner = std::make_shared<GovernorCore>(false); // tickets hold it weakly
        GovernorCore &core = *owner;
        core.setRules(rules({}, {budget(1, LimitScope::Group, 99, 1), // another group
                                 budget(2, LimitScope::Enterprise, 2, 1),
                                 budget(3, LimitScope::Department, 11, 1)}),
                      T0);
        Admission a;
        QCOMPARE(run(core, call(T0, 500), &a), GovernorCore::Outcome::Admitted);
        // Spend rolls up to the group the call went through (the key's group), not to every
        // group the user is a member of (20 here): a personal key's call is not charged there.
        core.setRules(rules({}, {budget(4, LimitScope::Group, 20, 1)}), T0);
        Admission b;
        QCOMPARE(run(core, call(T0, 500), &b), GovernorCore::Outcome::Admitted);
        AdmissionRequest throughGroup = call(T0, 500);
        throughGroup.key.groupId = 20; // a key of group 20
        Admission c;
        QCOMPARE(run(core, throughGroup, &c), GovernorCore::Outcome::Refused);
        QVERIFY(c.refusal->message.contains(QStringLiteral("of group 'scope 20'")));
    }

    void aSoftBudgetCountsButNeverRefuses()
    {
        const auto owner = std::make_shared<GovernorCore>(false); // tickets hold it weakly
        GovernorCore &core = *owner;
        core.setRules(rules({}, {budget(1, LimitScope::User, 3, 100, false)}), T0);
        for (int i = 0; i < 3; ++i) {
            Admission a;
            QCOMPARE(run(core, call(T0, 80), &a), GovernorCore::Outcome::Admitted);
            a.ticket->settled = true;
            core.settle(*a.ticket, 10, 80, false);
        }
        QCOMPARE(core.budgetStatus(1, T0)->spent, 240);
        QCOMPARE(core.budgetStatus(1, T0)->remaining, 0);
    }

    void forecastIsLinearToThePeriodEnd()
    {
        const auto owner = std::make_shared<GovernorCore>(false); // tickets hold it weakly
        GovernorCore &core = *owner;
        core.setRules(rules({}, {budget(1, LimitScope::User, 3, 1'000'000, false)}), T0);
        const qint64 start = utc("2026-11-01T00:00:00Z");
        const qint64 third = start + (utc("2026-12-01T00:00:00Z") - start) / 3;
        Admission a;
        QCOMPARE(run(core, call(third, 1000), &a), GovernorCore::Outcome::Admitted);
        a.ticket->settled = true;
        core.settle(*a.ticket, 10, 1000, false);
        const BudgetStatus s = *core.budgetStatus(1, third);
        QCOMPARE(s.forecast, 3000);
    }

    void rpmConcurrencyAndTpm()
    {
        const auto owner = std::make_shared<GovernorCore>(false); // tickets hold it weakly
        GovernorCore &core = *owner;
        QuotaRule q;
        q.id = 5;
        q.scope = LimitScope::Key;
        q.scopeId = 7;
        q.scopeName = QStringLiteral("ci");
        q.rpm = 2;
        q.concurrency = 1;
        core.setRules(rules({q}, {}), T0);
        Admission a1, a2;
        QCOMPARE(run(core, call(T0, 1), &a1), GovernorCore::Outcome::Admitted);
        QCOMPARE(header(a1.headers, "x-ratelimit-limit-requests"), QByteArray("2"));
        QCOMPARE(header(a1.headers, "x-ratelimit-remaining-requests"), QByteArray("1"));
        QCOMPARE(run(core, call(T0, 1), &a2), GovernorCore::Outcome::Refused);
        QCOMPARE(a2.refusal->status, 429);
        QCOMPARE(a2.refusal->limit, QStringLiteral("concurrency"));
        a1.ticket.reset(); // dropped unsettled: released
        Admission a3, a4;
        QCOMPARE(run(core, call(T0 + 1000, 1), &a3), GovernorCore::Outcome::Admitted);
        a3.ticket.reset();
        QCOMPARE(run(core, call(T0 + 2000, 1), &a4), GovernorCore::Outcome::Refused);
        QCOMPARE(a4.refusal->limit, QStringLiteral("rpm"));
        QVERIFY(a4.refusal->message.endsWith(QStringLiteral("resets 2026-11-10T12:01:00Z")));
        Admission a5;
        QCOMPARE(run(core, call(T0 + 60000, 1), &a5), GovernorCore::Outcome::Admitted);

        // Tokens per minute: reserved by estimate, corrected by the real use.
        q.rpm = 0;
        q.concurrency = 0;
        q.tpm = 1000;
        core.setRules(rules({q}, {}), T0);
        const qint64 t1 = T0 + 120000;
        Admission b1, b2, b3;
        QCOMPARE(run(core, call(t1, 1, 1500), &b1), GovernorCore::Outcome::Admitted);
        QCOMPARE(run(core, call(t1, 1, 10), &b2), GovernorCore::Outcome::Refused);
        QCOMPARE(b2.refusal->limit, QStringLiteral("tpm"));
        b1.ticket->settled = true;
        core.settle(*b1.ticket, 200, 1, false); // it used 200 of the 1500 reserved
        QCOMPARE(run(core, call(t1, 1, 10), &b3), GovernorCore::Outcome::Admitted);
        QCOMPARE(core.quotaStatus(5, t1)->limits.value(0).used, 210);
    }

    void quotasApplyToTheirModelsOnly()
    {
        const auto owner = std::make_shared<GovernorCore>(false); // tickets hold it weakly
        GovernorCore &core = *owner;
        QuotaRule q;
        q.id = 1;
        q.scope = LimitScope::User;
        q.scopeId = 3;
        q.scopeName = QStringLiteral("ann");
        q.model = QStringLiteral("claude-opus*");
        q.dailyTokens = 10;
        core.setRules(rules({q}, {}), T0);
        Admission a, b;
        QCOMPARE(run(core, call(T0, 1, 100, QStringLiteral("gpt-4o")), &a),
                 GovernorCore::Outcome::Admitted);
        QCOMPARE(run(core, call(T0, 1, 100, QStringLiteral("claude-opus-4-1")), &b),
                 GovernorCore::Outcome::Refused);
        QCOMPARE(b.refusal->message, QStringLiteral("daily token limit of user 'ann' reached "
                                                    "(10 tokens); resets 2026-11-11T00:00:00Z"));
        // An alias the accounts' model maps send upstream as an Opus model is an Opus call.
        AdmissionRequest alias = call(T0, 1, 100, QStringLiteral("opus"));
        Admission c;
        QCOMPARE(run(core, alias, &c), GovernorCore::Outcome::Admitted);
        alias.upstreamModels = {QStringLiteral("claude-opus-4-1")};
        Admission d;
        QCOMPARE(run(core, alias, &d), GovernorCore::Outcome::Refused);
    }

    void leasedCountersAdmitFromTheLeaseAndWaitWhenItRunsOut()
    {
        const auto owner = std::make_shared<GovernorCore>(true);
        GovernorCore &core = *owner;
        core.setRules(rules({}, {budget(1, LimitScope::Enterprise, 1, 1000)}), T0);
        Admission a;
        QList<GovernorCore::LeaseNeed> needs;
        QCOMPARE(run(core, call(T0, 10), &a, &needs), GovernorCore::Outcome::Wait);
        QCOMPARE(needs.size(), 1);
        QCOMPARE(needs[0].op.need, 10);
        QVERIFY(core.beginLease(needs[0]));
        QVERIFY(!core.beginLease(needs[0])); // one request at a time per counter
        LeaseStore::Result granted;
        granted.key = needs[0].op.key;
        granted.periodStartMs = needs[0].op.periodStartMs;
        granted.need = 10;
        granted.granted = 50;
        granted.held = 50;
        granted.leased = 50;
        core.leaseAnswered(needs[0].op, granted, false, T0);
        QList<Admission> admitted(5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(run(core, call(T0, 10), &admitted[i]), GovernorCore::Outcome::Admitted);
        Admission sixth;
        QCOMPARE(run(core, call(T0, 10), &sixth, &needs), GovernorCore::Outcome::Wait);
        QVERIFY(core.beginLease(needs[0]));
        // The database has nothing left to lease: the waiting call is refused.
        LeaseStore::Result none = granted;
        none.granted = 0;
        none.used = 950;
        none.leased = 50;
        core.leaseAnswered(needs[0].op, none, false, T0 + 5);
        Admission retry;
        QCOMPARE(run(core, call(T0 + 5, 10), &retry, &needs, T0, 1),
                 GovernorCore::Outcome::Refused);
        QCOMPARE(retry.refusal->status, 402);
        // Another call a moment later is refused without asking the database again.
        Admission later;
        QCOMPARE(run(core, call(T0 + 50, 10), &later), GovernorCore::Outcome::Refused);

        // Settlement and synchronisation: 5 calls used 6 each; 20 of the 50 are kept in
        // reserve for the running... none are running: the unused lease goes back (minus the
        // slice kept while calls come in).
        for (Admission &x : admitted) {
            x.ticket->settled = true;
            core.settle(*x.ticket, 1, 6, false);
        }
        SharedCounter c = *core.counter(QStringLiteral("b1"), T0 + 100);
        QCOMPARE(c.pending, 30);
        QCOMPARE(c.free(), 20);
        const GovernorCore::SyncPlan plan = core.planSync(T0 + 100, false);
        QCOMPARE(plan.ops.size(), 1);
        QCOMPARE(plan.ops[0].commit, 30);
        const qint64 keep = (1000 - 950 - 30) / SharedCounter::kSliceDivisor; // 1
        QCOMPARE(plan.ops[0].giveBack, 20 - keep);
        c = *core.counter(QStringLiteral("b1"), T0 + 100);
        QCOMPARE(c.free(), keep); // given back at once, before the database answers
        LeaseStore::Result synced;
        synced.key = plan.ops[0].key;
        synced.periodStartMs = plan.ops[0].periodStartMs;
        synced.used = 980;
        synced.leased = keep;
        synced.held = keep;
        core.syncAnswered(plan.ops, {synced}, {}, false, T0 + 110);
        c = *core.counter(QStringLiteral("b1"), T0 + 110);
        QCOMPARE(c.held, keep);
        QCOMPARE(c.committing, 0);
        QCOMPARE(c.spent(), 980);
        QCOMPARE(core.budgetStatus(1, T0 + 110)->spent, 980);
    }

    // Regression: a call under many shared limits waits for one lease per limit; each answer
    // retries it, and it must not be refused for having waited through many answers.
    void aCallUnderManySharedLimitsIsAdmittedOnceEveryLeaseArrived()
    {
        const auto owner = std::make_shared<GovernorCore>(true);
        GovernorCore &core = *owner;
        QuotaRule q;
        q.id = 1;
        q.scope = LimitScope::User;
        q.scopeId = 3;
        q.scopeName = QStringLiteral("ann");
        q.dailyTokens = q.monthlyTokens = q.dailyCost = q.monthlyCost = 1'000'000'000;
        QuotaRule k = q;
        k.id = 2;
        k.scope = LimitScope::Key;
        k.scopeId = 7;
        core.setRules(rules({q, k}, {budget(1, LimitScope::User, 3, 1'000'000'000),
                                     budget(2, LimitScope::Enterprise, 1, 1'000'000'000),
                                     budget(3, LimitScope::Department, 10, 1'000'000'000)}),
                      T0);
        Admission a;
        QList<GovernorCore::LeaseNeed> needs;
        QCOMPARE(run(core, call(T0, 10), &a, &needs), GovernorCore::Outcome::Wait);
        QCOMPARE(needs.size(), 11);
        int round = 0;
        for (const GovernorCore::LeaseNeed &n : std::as_const(needs)) {
            QVERIFY(core.beginLease(n));
            LeaseStore::Result r;
            r.key = n.op.key;
            r.periodStartMs = n.op.periodStartMs;
            r.need = n.op.need;
            r.granted = r.held = r.leased = SharedCounter::grant(n.op.limit, 0, 0, n.op.need);
            core.leaseAnswered(n.op, r, false, T0);
            QList<GovernorCore::LeaseNeed> more;
            const GovernorCore::Outcome o = run(core, call(T0, 10), &a, &more, T0, ++round);
            QCOMPARE(o, &n == &needs.last() ? GovernorCore::Outcome::Admitted
                                            : GovernorCore::Outcome::Wait);
        }
        QVERIFY(a.ticket);
    }

    void atShutdownEveryUnusedLeaseGoesBack()
    {
        const auto owner = std::make_shared<GovernorCore>(true);
        GovernorCore &core = *owner;
        core.setRules(rules({}, {budget(1, LimitScope::Enterprise, 1, 100'000)}), T0);
        Admission a;
        QList<GovernorCore::LeaseNeed> needs;
        QCOMPARE(run(core, call(T0, 10), &a, &needs), GovernorCore::Outcome::Wait);
        QVERIFY(core.beginLease(needs[0]));
        LeaseStore::Result r;
        r.key = needs[0].op.key;
        r.periodStartMs = needs[0].op.periodStartMs;
        r.need = 10;
        r.granted = r.held = r.leased = 20000;
        core.leaseAnswered(needs[0].op, r, false, T0);
        Admission running, done;
        QCOMPARE(run(core, call(T0, 10), &running), GovernorCore::Outcome::Admitted);
        QCOMPARE(run(core, call(T0, 10), &done), GovernorCore::Outcome::Admitted);
        done.ticket->settled = true;
        core.settle(*done.ticket, 1, 4, false);
        // While calls come in, a slice is kept ...
        const qint64 keep = (100'000 - 4) / SharedCounter::kSliceDivisor;
        QCOMPARE(core.planSync(T0 + 1, false).ops.value(0).giveBack, 20000 - 10 - 4 - keep);
        // ... at shutdown, all but what the running call reserved goes back.
        const GovernorCore::SyncPlan last = core.planSync(T0 + 2, true);
        QCOMPARE(last.ops.size(), 1);
        QCOMPARE(last.ops[0].giveBack, keep);
        QCOMPARE(core.counter(QStringLiteral("b1"), T0 + 2)->free(), 0);
    }

    void aFailedSyncKeepsWhatItDidNotCommit()
    {
        const auto owner = std::make_shared<GovernorCore>(true);
        GovernorCore &core = *owner;
        core.setRules(rules({}, {budget(1, LimitScope::Enterprise, 1, 1000, false)}), T0);
        Admission a;
        QCOMPARE(run(core, call(T0, 10), &a), GovernorCore::Outcome::Admitted); // soft
        a.ticket->settled = true;
        core.settle(*a.ticket, 1, 7, false);
        const GovernorCore::SyncPlan plan = core.planSync(T0, false);
        QCOMPARE(plan.ops.size(), 1);
        QCOMPARE(plan.ops[0].commit, 7);
        core.syncAnswered(plan.ops, {std::nullopt}, {}, true, T0 + 10);
        QVERIFY(!core.databaseOnline());
        QCOMPARE(core.counter(QStringLiteral("b1"), T0)->pending, 7); // committed next time
        QCOMPARE(core.planSync(T0 + 500, false).ops.value(0).commit, 7);
    }

    void withoutTheDatabaseHardBudgetsHoldUntilTheGracePeriodEnds()
    {
        const auto owner = std::make_shared<GovernorCore>(true);
        GovernorCore &core = *owner;
        core.setDatabaseGraceMs(300000);
        core.setRules(rules({}, {budget(1, LimitScope::Enterprise, 1, 1000)}), T0);
        QList<GovernorCore::LeaseNeed> needs;
        Admission a;
        QCOMPARE(run(core, call(T0, 10), &a, &needs), GovernorCore::Outcome::Wait);
        LeaseStore::Result ok;
        ok.key = needs[0].op.key;
        ok.periodStartMs = needs[0].op.periodStartMs;
        ok.used = 900;
        ok.held = 0;
        ok.need = 0;
        core.leaseAnswered(needs[0].op, ok, false, T0); // the database was last seen at T0
        core.leaseAnswered(needs[0].op, std::nullopt, true, T0 + 1000);
        // Within the grace period: admitted on what is known (900 used + 10s reserved).
        QList<Admission> within(9);
        for (int i = 0; i < 9; ++i)
            QCOMPARE(run(core, call(T0 + 2000, 10), &within[i]), GovernorCore::Outcome::Admitted);
        Admission over;
        QCOMPARE(run(core, call(T0 + 2000, 20), &over), GovernorCore::Outcome::Refused);
        QCOMPARE(over.refusal->status, 402);
        // Past it: refused, saying why.
        Admission late;
        QCOMPARE(run(core, call(T0 + 300001, 1), &late), GovernorCore::Outcome::Refused);
        QCOMPARE(late.refusal->status, 503);
        QVERIFY(late.refusal->message.contains(QStringLiteral("unreachable since")));
    }

    void theGovernorAnswersAtOnceWithoutADatabaseOnTheInstalledClock()
    {
        ManualClock clock(T0);
        Clock::setInstance(&clock);
        Governor g(nullptr);
        QuotaRule q;
        q.id = 9;
        q.scope = LimitScope::Enterprise;
        q.scopeId = 1;
        q.scopeName = QStringLiteral("acme");
        q.rpm = 1;
        g.setRules(rules({q}, {}));
        int answers = 0;
        std::optional<AdmissionRefusal> refusal;
        AdmissionTicketPtr ticket;
        auto done = [&](const Admission &a) {
            ++answers;
            refusal = a.refusal;
            ticket = a.ticket;
        };
        g.admit(call(0, 1), done);
        QCOMPARE(answers, 1);
        QVERIFY(!refusal);
        g.settle(ticket, 10, 1, Clock::nowMs());
        g.settle(ticket, 10, 1, Clock::nowMs()); // once only
        g.admit(call(0, 1), done);
        QCOMPARE(answers, 2);
        QVERIFY(refusal);
        clock.advance(60000);
        g.admit(call(0, 1), done);
        QCOMPARE(answers, 3);
        QVERIFY(!refusal);
        QCOMPARE(g.quotaStatuses(Clock::nowMs()).size(), 1);
        QVERIFY(!g.quotaStatus(10, Clock::nowMs()));
    }

    void estimates()
    {
        const PriceTable prices = PriceTable::builtin();
        const QStringList sonnet{QStringLiteral("claude-sonnet-4-5")};
        auto of = [&](const QByteArray &body, RelayProtocol::Kind protocol, const QStringList &m,
                      bool countTokens = false) {
            return AdmissionEstimate::of(QJsonDocument::fromJson(body).object(), body, protocol,
                                         countTokens, m, prices, 4096);
        };
        const QByteArray anthropic =
            R"({"model":"claude-sonnet-4-5","max_tokens":1000,"messages":[]})";
        AdmissionEstimate e = of(anthropic, RelayProtocol::Anthropic, sonnet);
        QCOMPARE(e.inputTokens, (anthropic.size() + 3) / 4);
        QCOMPARE(e.outputTokens, 1000);
        QCOMPARE(e.tokens, e.inputTokens + 1000);
        // claude-sonnet-4-5: 3 USD input, 15 USD output per million tokens.
        QCOMPARE(e.cost, MicroUsd(std::ceil((e.inputTokens * 3.0 + 1000 * 15.0))));
        const QByteArray openai = R"({"model":"gpt-4o","max_completion_tokens":300,"n":2})";
        e = of(openai, RelayProtocol::OpenAi, {QStringLiteral("gpt-4o")});
        QCOMPARE(e.outputTokens, 600);
        const QByteArray gemini = R"({"generationConfig":{"maxOutputTokens":77}})";
        e = of(gemini, RelayProtocol::Gemini, {QStringLiteral("gemini-2.5-flash")});
        QCOMPARE(e.outputTokens, 77);
        // Gemini's JSON accepts 64-bit integers as strings.
        const QByteArray geminiStrings =
            R"({"generationConfig":{"maxOutputTokens":"65536","candidateCount":"2"}})";
        e = of(geminiStrings, RelayProtocol::Gemini, {QStringLiteral("gemini-2.5-flash")});
        QCOMPARE(e.outputTokens, 131072);
        const QByteArray empty = "{}";
        e = of(empty, RelayProtocol::OpenAi, {QStringLiteral("gpt-4o")});
        QCOMPARE(e.outputTokens, 4096);
        QVERIFY(e.cost > 0);

        // A model the table does not know is estimated at the table's highest prices, not 0.
        const AdmissionEstimate unknown =
            of(empty, RelayProtocol::OpenAi, {QStringLiteral("no-such-model")});
        QCOMPARE(unknown.outputTokens, 4096);
        const ModelPrice top = prices.highest();
        QVERIFY(top.output >= 15 && top.input >= 3);
        QCOMPARE(unknown.cost,
                 MicroUsd(std::ceil(unknown.inputTokens * top.input + 4096 * top.output)));
        QVERIFY(unknown.cost > e.cost);

        // An alias that a model map sends upstream as a priced model is estimated at that
        // model's price (the highest of the names it may go out as).
        const AdmissionEstimate alias =
            of(anthropic, RelayProtocol::Anthropic,
               {QStringLiteral("opus"), QStringLiteral("claude-opus-4-1")});
        const ModelPrice opus = *prices.find(QStringLiteral("claude-opus-4-1"));
        QCOMPARE(alias.cost,
                 MicroUsd(std::ceil(alias.inputTokens * opus.input + 1000 * opus.output)));

        // Input that may be written to the cache is priced at the 1-hour write rate.
        const QByteArray cached = R"({"model":"claude-sonnet-4-5","max_tokens":1000,)"
                                  R"("system":[{"type":"text","text":"x",)"
                                  R"("cache_control":{"type":"ephemeral","ttl":"1h"}}]})";
        e = of(cached, RelayProtocol::Anthropic, sonnet);
        QCOMPARE(e.cost, MicroUsd(std::ceil(e.inputTokens * 6.0 + 1000 * 15.0)));

        e = of(anthropic, RelayProtocol::Anthropic, sonnet, true);
        QCOMPARE(e.tokens, 0);
        QCOMPARE(e.cost, 0);
    }

private:
    static QString PeriodMathIso(qint64 ms) { return PeriodMath::isoUtc(ms); }
};

QTEST_GUILESS_MAIN(TestGovernanceCounters)
#include "TestGovernanceCounters.moc"
