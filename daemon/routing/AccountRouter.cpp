// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/AccountRouter.h"

#include <algorithm>
#include <tuple>
#include <vector>

namespace {

QString accountLabel(const RelayAccount *account, qint64 id)
{
    if (account && !account->name.isEmpty())
        return account->name;
    return QStringLiteral("#%1").arg(id);
}

} // namespace

AccountRouter::AccountRouter() : m_random(QRandomGenerator::system()->generate()) {}

bool AccountRouter::servesModel(const RelayAccount &account, const QString &model)
{
    if (account.models.isEmpty() && account.modelMap.isEmpty())
        return true;
    return account.models.contains(model) || account.modelMap.contains(model);
}

QString AccountRouter::upstreamModel(const RelayAccount &account, const QString &model)
{
    return account.modelMap.value(model, model);
}

std::optional<double> AccountRouter::priceOf(const PriceTable &prices, const QString &model)
{
    const std::optional<ModelPrice> price = prices.find(model);
    if (!price)
        return std::nullopt;
    return price->input + price->output;
}

RouteDecision AccountRouter::route(const QList<RelayAccount> &accounts, const RouteRequest &request,
                                   HealthBoard &health, StickySessions &sessions,
                                   const PriceTable &prices, qint64 nowMs)
{
    RouteDecision decision;
    // A sorted copy, not a hash set: cheaper to build for every route, and as quick to search.
    std::vector<qint64> pool(request.poolAccountIds.cbegin(), request.poolAccountIds.cend());
    std::sort(pool.begin(), pool.end());
    auto inPool = [&](const RelayAccount &account) {
        return pool.empty() || std::binary_search(pool.cbegin(), pool.cend(), account.id);
    };
    auto acceptableProvider = [&](const RelayAccount &account) {
        return request.protocolFamily.isEmpty() ||
               request.protocolFamily.contains(account.provider);
    };
    auto full = [&](const RelayAccount &account) {
        return account.maxConcurrency > 0 &&
               health.get(account.id).inFlight >= account.maxConcurrency;
    };

    QList<const RelayAccount *> eligible;
    QList<qint64> servingIds;
    eligible.reserve(accounts.size());
    servingIds.reserve(accounts.size());
    bool anyProvider = false;
    bool anyNotCooling = false;
    bool anyNotTried = false;
    for (const RelayAccount &account : accounts) {
        if (!inPool(account) || !account.enabled || !acceptableProvider(account))
            continue;
        anyProvider = true;
        if (!servesModel(account, request.model))
            continue;
        servingIds.append(account.id);
        if (health.isCoolingDown(account.id, nowMs))
            continue;
        anyNotCooling = true;
        if (request.exclude.contains(account.id))
            continue;
        anyNotTried = true;
        if (full(account))
            continue;
        eligible.append(&account);
    }

    if (eligible.isEmpty()) {
        if (!anyProvider) {
            decision.failure = RouteDecision::NoAccountForProvider;
        } else if (servingIds.isEmpty()) {
            decision.failure = RouteDecision::NoAccountForModel;
        } else if (!anyNotCooling) {
            decision.failure = RouteDecision::AllCoolingDown;
            decision.retryAtMs = health.soonestAvailableMs(servingIds, nowMs);
        } else if (!anyNotTried) {
            decision.failure = RouteDecision::AllTried;
        } else {
            decision.failure = RouteDecision::AllBusy;
        }
        return decision;
    }

    const RelayAccount *chosen = nullptr;
    std::optional<qint64> boundId;
    if (!request.sessionKey.isEmpty()) {
        boundId = sessions.lookup(request.sessionKey, nowMs);
        if (boundId) {
            for (const RelayAccount *account : eligible) {
                if (account->id == *boundId) {
                    chosen = account;
                    decision.sticky = true;
                    break;
                }
            }
        }
    }

    if (!chosen) {
        chosen = pick(eligible, request, health, prices);
        if (boundId) {
            const RelayAccount *bound = nullptr;
            for (const RelayAccount &account : accounts) {
                if (account.id == *boundId) {
                    bound = &account;
                    break;
                }
            }
            QString why;
            if (!bound)
                why = QStringLiteral("removed");
            else if (!inPool(*bound))
                why = QStringLiteral("not in the pool");
            else if (!bound->enabled)
                why = QStringLiteral("disabled");
            else if (!acceptableProvider(*bound))
                why = QStringLiteral("provider %1 not usable here").arg(bound->provider);
            else if (!servesModel(*bound, request.model))
                why = QStringLiteral("does not serve %1").arg(request.model);
            else if (health.isCoolingDown(bound->id, nowMs))
                why = QStringLiteral("cooling down");
            else if (request.exclude.contains(bound->id))
                why = QStringLiteral("failed for this request");
            else if (full(*bound))
                why = QStringLiteral("at its concurrency limit");
            else
                why = QStringLiteral("unavailable");
            decision.movedFromNote =
                QStringLiteral("session moved from account %1 (%2) to %3")
                    .arg(accountLabel(bound, *boundId), why, accountLabel(chosen, chosen->id));
        }
        if (!request.sessionKey.isEmpty())
            sessions.bind(request.sessionKey, chosen->id, nowMs);
    }

    health.started(chosen->id, nowMs);
    decision.account = chosen;
    decision.upstreamModel = upstreamModel(*chosen, request.model);
    return decision;
}

const RelayAccount *AccountRouter::pick(const QList<const RelayAccount *> &eligibleIn,
                                        const RouteRequest &request, const HealthBoard &health,
                                        const PriceTable &prices)
{
    QList<const RelayAccount *> eligible = eligibleIn;
    std::sort(eligible.begin(), eligible.end(),
              [](const RelayAccount *a, const RelayAccount *b) { return a->id < b->id; });

    // Least recently used first (never used = first of all), then the lower id.
    auto lru = [&](const RelayAccount *account) {
        return std::make_tuple(health.get(account->id).useSequence, account->id);
    };
    auto minBy = [&](auto key) {
        return *std::min_element(
            eligible.cbegin(), eligible.cend(),
            [&](const RelayAccount *a, const RelayAccount *b) { return key(a) < key(b); });
    };

    switch (request.strategy) {
    case RoutingStrategy::Kind::Priority:
        return minBy([&](const RelayAccount *account) {
            return std::tuple_cat(std::make_tuple(account->priority), lru(account));
        });
    case RoutingStrategy::Kind::Weighted: {
        quint64 total = 0;
        for (const RelayAccount *account : eligible)
            total += quint64(std::max(0, account->weight));
        if (total == 0)
            return eligible.at(int(m_random.bounded(quint32(eligible.size()))));
        quint64 ticket = m_random.bounded(total);
        for (const RelayAccount *account : eligible) {
            const quint64 weight = quint64(std::max(0, account->weight));
            if (ticket < weight)
                return account;
            ticket -= weight;
        }
        return eligible.last();
    }
    case RoutingStrategy::Kind::RoundRobin: {
        QStringList poolIds;
        QList<qint64> sortedPool = request.poolAccountIds;
        std::sort(sortedPool.begin(), sortedPool.end());
        for (qint64 id : sortedPool)
            poolIds << QString::number(id);
        const QString key = request.protocolFamily.join(QLatin1Char(',')) + QLatin1Char('|') +
                            poolIds.join(QLatin1Char(',')) + QLatin1Char('|') + request.model;
        const auto last = m_lastRoundRobin.constFind(key);
        const RelayAccount *next = eligible.first();
        if (last != m_lastRoundRobin.constEnd()) {
            for (const RelayAccount *account : eligible) {
                if (account->id > *last) {
                    next = account;
                    break;
                }
            }
        }
        m_lastRoundRobin.insert(key, next->id);
        return next;
    }
    case RoutingStrategy::Kind::LeastBusy:
        return minBy([&](const RelayAccount *account) {
            return std::tuple_cat(std::make_tuple(health.get(account->id).inFlight), lru(account));
        });
    case RoutingStrategy::Kind::LowestLatency:
        // Accounts never measured go first so they get a sample.
        return minBy([&](const RelayAccount *account) {
            const std::optional<double> &ttfb = health.get(account->id).ttfbEwmaMs;
            return std::tuple_cat(std::make_tuple(ttfb.has_value(), ttfb.value_or(0.0)),
                                  lru(account));
        });
    case RoutingStrategy::Kind::LowestCost:
        // Unknown prices sort last.
        return minBy([&](const RelayAccount *account) {
            const std::optional<double> price =
                priceOf(prices, upstreamModel(*account, request.model));
            return std::tuple_cat(std::make_tuple(!price.has_value(), price.value_or(0.0)),
                                  lru(account));
        });
    }
    return eligible.first();
}
