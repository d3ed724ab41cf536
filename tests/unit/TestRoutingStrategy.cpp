// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/AccountRouter.h"

#include <QTest>

namespace {
const qint64 kNow = 1750000000000;

RelayAccount account(qint64 id, int priority = 50, int weight = 1,
                     const QString &provider = QStringLiteral("anthropic"))
{
    RelayAccount a;
    a.id = id;
    a.name = QStringLiteral("acct-%1").arg(id);
    a.provider = provider;
    a.baseUrl = QStringLiteral("https://upstream.invalid");
    a.priority = priority;
    a.weight = weight;
    return a;
}

RouteRequest request(RoutingStrategy::Kind strategy, const QString &model = "claude-sonnet-4-5")
{
    RouteRequest r;
    r.protocolFamily = {QStringLiteral("anthropic"), QStringLiteral("anthropic-oauth")};
    r.model = model;
    r.strategy = strategy;
    return r;
}

CooldownDecision cooldown(qint64 ms)
{
    CooldownDecision decision;
    decision.durationMs = ms;
    decision.reason = QStringLiteral("test");
    decision.failover = true;
    return decision;
}

struct Fixture
{
    AccountRouter router;
    HealthBoard health;
    StickySessions sessions;
    PriceTable prices;

    RouteDecision route(const QList<RelayAccount> &accounts, const RouteRequest &r,
                        qint64 now = kNow)
    {
        return router.route(accounts, r, health, sessions, prices, now);
    }

    // Picks `count` times, finishing each attempt at once; returns picks per account id.
    QHash<qint64, int> distribution(const QList<RelayAccount> &accounts, const RouteRequest &r,
                                    int count)
    {
        QHash<qint64, int> counts;
        for (int i = 0; i < count; ++i) {
            const RouteDecision d = route(accounts, r, kNow + i);
            if (!d.account)
                return counts;
            ++counts[d.account->id];
            health.finished(d.account->id, kNow + i, 100, true);
        }
        return counts;
    }
};
} // namespace

class TestRoutingStrategy : public QObject
{
    Q_OBJECT

private slots:
    void strategyNames()
    {
        QCOMPARE(RoutingStrategy::names(),
                 QStringList({"priority", "weighted", "round_robin", "least_busy", "lowest_latency",
                              "lowest_cost"}));
        for (const QString &name : RoutingStrategy::names()) {
            const auto kind = RoutingStrategy::parse(name);
            QVERIFY(kind.has_value());
            QCOMPARE(RoutingStrategy::name(*kind), name);
        }
        QCOMPARE(RoutingStrategy::parse(" Round-Robin "), RoutingStrategy::Kind::RoundRobin);
        QVERIFY(!RoutingStrategy::parse("random").has_value());
        QVERIFY(!RoutingStrategy::parse("").has_value());
    }

    void weightedFollowsWeights()
    {
        Fixture f;
        f.router.setSeed(12345);
        const QList<RelayAccount> accounts = {account(1, 50, 3), account(2, 50, 1)};
        const QHash<qint64, int> counts =
            f.distribution(accounts, request(RoutingStrategy::Kind::Weighted), 10000);
        QCOMPARE(counts.value(1) + counts.value(2), 10000);
        QVERIFY2(qAbs(counts.value(1) - 7500) <= 300, qPrintable(QString::number(counts.value(1))));
        QVERIFY2(qAbs(counts.value(2) - 2500) <= 300, qPrintable(QString::number(counts.value(2))));
    }

    void weightedIsDeterministicWithASeedAndSkipsZeroWeight()
    {
        const QList<RelayAccount> accounts = {account(1, 50, 2), account(2, 50, 5),
                                              account(3, 50, 0), account(4, 10, 1)};
        Fixture a;
        Fixture b;
        a.router.setSeed(7);
        b.router.setSeed(7);
        QList<qint64> first;
        QList<qint64> second;
        for (int i = 0; i < 200; ++i) {
            const RouteDecision da = a.route(accounts, request(RoutingStrategy::Kind::Weighted));
            const RouteDecision db = b.route(accounts, request(RoutingStrategy::Kind::Weighted));
            first << da.account->id;
            second << db.account->id;
        }
        QCOMPARE(first, second);
        QVERIFY(!first.contains(3));
        // Weighted spans every eligible account, whatever its priority.
        QVERIFY(first.contains(1) && first.contains(2) && first.contains(4));
    }

    void roundRobinIsExact()
    {
        Fixture f;
        const QList<RelayAccount> accounts = {account(4), account(2), account(9), account(5)};
        QList<qint64> order;
        for (int i = 0; i < 8; ++i) {
            const RouteDecision d = f.route(accounts, request(RoutingStrategy::Kind::RoundRobin));
            order << d.account->id;
        }
        QCOMPARE(order, QList<qint64>({2, 4, 5, 9, 2, 4, 5, 9}));
        const QHash<qint64, int> counts =
            f.distribution(accounts, request(RoutingStrategy::Kind::RoundRobin), 10000);
        for (qint64 id : {2, 4, 5, 9})
            QCOMPARE(counts.value(id), 2500);
    }

    void roundRobinSkipsUnavailableAndIsPerModel()
    {
        Fixture f;
        const QList<RelayAccount> accounts = {account(1), account(2), account(3)};
        auto next = [&](const QString &model) {
            return f.route(accounts, request(RoutingStrategy::Kind::RoundRobin, model)).account->id;
        };
        QCOMPARE(next("m1"), 1);
        QCOMPARE(next("m1"), 2);
        QCOMPARE(next("m2"), 1); // own rotation per model
        f.health.applyCooldown(3, cooldown(60000), kNow);
        QCOMPARE(next("m1"), 1); // 3 skipped
        QCOMPARE(next("m1"), 2);
    }

    void priorityUsesTheFirstTierAndSpreadsInsideIt()
    {
        Fixture f;
        const QList<RelayAccount> accounts = {account(1, 10), account(2, 10), account(3, 10),
                                              account(4, 20), account(5, 5, 1, "openai")};
        const QHash<qint64, int> counts =
            f.distribution(accounts, request(RoutingStrategy::Kind::Priority), 9999);
        QCOMPARE(counts.value(1), 3333);
        QCOMPARE(counts.value(2), 3333);
        QCOMPARE(counts.value(3), 3333);
        QCOMPARE(counts.value(4), 0);
        QCOMPARE(counts.value(5), 0); // other provider
    }

    void prioritySpreadsWithinOneMillisecond()
    {
        Fixture f;
        const QList<RelayAccount> accounts = {account(1, 10), account(2, 10)};
        QList<qint64> picked;
        for (int i = 0; i < 4; ++i) {
            const RouteDecision d = f.route(accounts, request(RoutingStrategy::Kind::Priority));
            picked << d.account->id;
            f.health.finished(d.account->id, kNow, 10, true);
        }
        QCOMPARE(picked, QList<qint64>({1, 2, 1, 2}));
    }

    void priorityFallsToTheNextTierOnlyWhenTheFirstIsFull()
    {
        Fixture f;
        QList<RelayAccount> accounts = {account(1, 10), account(2, 10), account(3, 20)};
        accounts[0].maxConcurrency = 2;
        accounts[1].maxConcurrency = 2;
        QHash<qint64, int> counts;
        for (int i = 0; i < 4; ++i)
            ++counts[f.route(accounts, request(RoutingStrategy::Kind::Priority)).account->id];
        QCOMPARE(counts.value(1), 2);
        QCOMPARE(counts.value(2), 2);
        QCOMPARE(counts.value(3), 0);
        // Tier 1 is full now.
        QCOMPARE(f.route(accounts, request(RoutingStrategy::Kind::Priority)).account->id, 3);
        f.health.finished(2, kNow, 10, true);
        QCOMPARE(f.route(accounts, request(RoutingStrategy::Kind::Priority)).account->id, 2);
        // Tier 1 cooling down: tier 2 serves.
        f.health.finished(1, kNow, 10, true);
        f.health.applyCooldown(1, cooldown(1000), kNow);
        f.health.applyCooldown(2, cooldown(1000), kNow);
        QCOMPARE(f.route(accounts, request(RoutingStrategy::Kind::Priority)).account->id, 3);
        QCOMPARE(
            f.route(accounts, request(RoutingStrategy::Kind::Priority), kNow + 1000).account->id,
            1);
    }

    void maxConcurrencyAllBusy()
    {
        Fixture f;
        QList<RelayAccount> accounts = {account(1), account(2)};
        accounts[0].maxConcurrency = 1;
        accounts[1].maxConcurrency = 1;
        QVERIFY(f.route(accounts, request(RoutingStrategy::Kind::LeastBusy)).account);
        QVERIFY(f.route(accounts, request(RoutingStrategy::Kind::LeastBusy)).account);
        const RouteDecision d = f.route(accounts, request(RoutingStrategy::Kind::LeastBusy));
        QVERIFY(!d.account);
        QCOMPARE(d.failure, RouteDecision::AllBusy);
        f.health.finished(2, kNow, 10, true);
        QCOMPARE(f.route(accounts, request(RoutingStrategy::Kind::LeastBusy)).account->id, 2);
    }

    void leastBusyBalancesInFlight()
    {
        Fixture f;
        const QList<RelayAccount> accounts = {account(1), account(2), account(3)};
        QHash<qint64, int> counts;
        for (int i = 0; i < 30; ++i)
            ++counts[f.route(accounts, request(RoutingStrategy::Kind::LeastBusy)).account->id];
        for (qint64 id : {1, 2, 3}) {
            QCOMPARE(counts.value(id), 10);
            QCOMPARE(f.health.get(id).inFlight, 10);
        }
        f.health.finished(2, kNow, 10, true);
        f.health.finished(2, kNow, 10, true);
        f.health.finished(3, kNow, 10, true);
        QCOMPARE(f.route(accounts, request(RoutingStrategy::Kind::LeastBusy)).account->id, 2);
        QCOMPARE(f.route(accounts, request(RoutingStrategy::Kind::LeastBusy)).account->id, 3);
        QCOMPARE(f.route(accounts, request(RoutingStrategy::Kind::LeastBusy)).account->id, 2);
    }

    void lowestLatencyMeasuresNewAccountsFirst()
    {
        Fixture f;
        const QList<RelayAccount> accounts = {account(1), account(2), account(3)};
        f.health.started(1, kNow);
        f.health.finished(1, kNow, 500, true);
        f.health.started(2, kNow);
        f.health.finished(2, kNow, 100, true);
        RouteDecision d = f.route(accounts, request(RoutingStrategy::Kind::LowestLatency));
        QCOMPARE(d.account->id, 3); // never measured
        f.health.finished(3, kNow, 300, true);
        const QHash<qint64, int> counts =
            f.distribution(accounts, request(RoutingStrategy::Kind::LowestLatency), 100);
        QCOMPARE(counts.value(2), 100); // distribution() reports 100 ms each time
        f.health.applyCooldown(2, cooldown(60000), kNow + 100);
        d = f.route(accounts, request(RoutingStrategy::Kind::LowestLatency), kNow + 100);
        QCOMPARE(d.account->id, 3); // 300 < 500
    }

    void lowestCostUsesTheMappedModelPrice()
    {
        Fixture f;
        QString error;
        QVERIFY2(f.prices.loadOverrides(R"({"models": {
                     "cheap-model": {"input": 0.5, "output": 1.5},
                     "mid-model": {"input": 3, "output": 15},
                     "pricey-model": {"input": 15, "output": 75}}})",
                                        &error),
                 qPrintable(error));
        QList<RelayAccount> accounts = {account(1), account(2), account(3), account(4)};
        accounts[0].modelMap = {{"smart", "pricey-model"}};
        accounts[1].modelMap = {{"smart", "unknown-model-xyz"}};
        accounts[2].modelMap = {{"smart", "cheap-model"}};
        accounts[3].modelMap = {{"smart", "mid-model"}};
        auto pick = [&](qint64 now) {
            return f.route(accounts, request(RoutingStrategy::Kind::LowestCost, "smart"), now);
        };
        RouteDecision d = pick(kNow);
        QCOMPARE(d.account->id, 3);
        QCOMPARE(d.upstreamModel, QStringLiteral("cheap-model"));
        f.health.applyCooldown(3, cooldown(60000), kNow);
        QCOMPARE(pick(kNow).account->id, 4);
        f.health.applyCooldown(4, cooldown(60000), kNow);
        QCOMPARE(pick(kNow).account->id, 1);
        f.health.applyCooldown(1, cooldown(60000), kNow);
        d = pick(kNow);
        QCOMPARE(d.account->id, 2); // unknown price only as a last resort
        QCOMPARE(d.upstreamModel, QStringLiteral("unknown-model-xyz"));
    }

    void lowestCostTiesSpreadLeastRecentlyUsed()
    {
        Fixture f;
        QString error;
        QVERIFY(f.prices.loadOverrides(R"({"models": {"m": {"input": 1, "output": 2}}})", &error));
        const QList<RelayAccount> accounts = {account(1), account(2)};
        const QHash<qint64, int> counts =
            f.distribution(accounts, request(RoutingStrategy::Kind::LowestCost, "m"), 100);
        QCOMPARE(counts.value(1), 50);
        QCOMPARE(counts.value(2), 50);
    }

    void modelServing()
    {
        RelayAccount open = account(1);
        QVERIFY(AccountRouter::servesModel(open, "anything"));
        RelayAccount listed = account(2);
        listed.models = {"claude-opus-4-1"};
        QVERIFY(AccountRouter::servesModel(listed, "claude-opus-4-1"));
        QVERIFY(!AccountRouter::servesModel(listed, "claude-sonnet-4-5"));
        RelayAccount mapped = account(3);
        mapped.modelMap = {{"claude-sonnet-4-5", "deepseek-chat"}};
        QVERIFY(AccountRouter::servesModel(mapped, "claude-sonnet-4-5"));
        QVERIFY(!AccountRouter::servesModel(mapped, "claude-haiku-4-5"));
        QCOMPARE(AccountRouter::upstreamModel(mapped, "claude-sonnet-4-5"),
                 QStringLiteral("deepseek-chat"));
        QCOMPARE(AccountRouter::upstreamModel(listed, "claude-opus-4-1"),
                 QStringLiteral("claude-opus-4-1"));
    }

    void failures()
    {
        Fixture f;
        QList<RelayAccount> accounts = {account(1, 50, 1, "openai"), account(2)};
        accounts[1].enabled = false;
        RouteDecision d = f.route(accounts, request(RoutingStrategy::Kind::Priority));
        QVERIFY(!d.account);
        QCOMPARE(d.failure, RouteDecision::NoAccountForProvider);

        accounts[1].enabled = true;
        accounts[1].models = {"claude-opus-4-1"};
        d = f.route(accounts, request(RoutingStrategy::Kind::Priority));
        QCOMPARE(d.failure, RouteDecision::NoAccountForModel);

        // Pool restriction: account 2 serves, but the pool only holds 1.
        accounts[1].models.clear();
        RouteRequest pooled = request(RoutingStrategy::Kind::Priority);
        pooled.poolAccountIds = {1};
        QCOMPARE(f.route(accounts, pooled).failure, RouteDecision::NoAccountForProvider);
        pooled.poolAccountIds = {1, 2};
        QCOMPARE(f.route(accounts, pooled).account->id, 2);
    }

    void allCoolingDownReportsTheSoonestRetry()
    {
        Fixture f;
        const QList<RelayAccount> accounts = {account(1), account(2), account(3),
                                              account(4, 50, 1, "openai")};
        f.health.applyCooldown(1, cooldown(90000), kNow);
        f.health.applyCooldown(2, cooldown(30000), kNow);
        f.health.applyCooldown(3, cooldown(60000), kNow);
        RouteDecision d = f.route(accounts, request(RoutingStrategy::Kind::Priority));
        QVERIFY(!d.account);
        QCOMPARE(d.failure, RouteDecision::AllCoolingDown);
        QCOMPARE(d.retryAtMs, kNow + 30000);
        d = f.route(accounts, request(RoutingStrategy::Kind::Priority), kNow + 30000);
        QCOMPARE(d.failure, RouteDecision::None);
        QCOMPARE(d.account->id, 2);
    }

    void failoverExcludesTriedAccounts()
    {
        Fixture f;
        const QList<RelayAccount> accounts = {account(1, 10), account(2, 20), account(3, 30)};
        RouteRequest r = request(RoutingStrategy::Kind::Priority);
        RouteDecision d = f.route(accounts, r);
        QCOMPARE(d.account->id, 1);
        r.exclude.insert(1);
        d = f.route(accounts, r);
        QCOMPARE(d.account->id, 2);
        r.exclude.insert(2);
        QCOMPARE(f.route(accounts, r).account->id, 3);
        r.exclude.insert(3);
        d = f.route(accounts, r);
        QVERIFY(!d.account);
        QCOMPARE(d.failure, RouteDecision::AllTried);
    }

    void routeMarksTheAttemptStarted()
    {
        Fixture f;
        const QList<RelayAccount> accounts = {account(1)};
        const RouteDecision d = f.route(accounts, request(RoutingStrategy::Kind::Priority));
        QCOMPARE(f.health.get(1).inFlight, 1);
        QCOMPARE(f.health.get(1).lastUsedMs, kNow);
        QVERIFY(d.account == &accounts.first());
        QCOMPARE(d.upstreamModel, QStringLiteral("claude-sonnet-4-5"));
    }
};

QTEST_GUILESS_MAIN(TestRoutingStrategy)
#include "TestRoutingStrategy.moc"
