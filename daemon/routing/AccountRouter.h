// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/RelaySnapshot.h"
#include "pricing/PriceTable.h"
#include "routing/HealthBoard.h"
#include "routing/RoutingStrategy.h"
#include "routing/StickySessions.h"

#include <QHash>
#include <QList>
#include <QRandomGenerator>
#include <QSet>
#include <QString>
#include <QStringList>

struct RouteRequest
{
    // Providers that can serve the client (e.g. {"anthropic", "anthropic-oauth"}); empty = any.
    QStringList protocolFamily;
    QString model;        // as the client asked for it
    QString sessionKey;   // StickySessions::sessionKey(); empty = no stickiness
    QSet<qint64> exclude; // accounts already tried for this request
    RoutingStrategy::Kind strategy = RoutingStrategy::Kind::Priority;
    QList<qint64> poolAccountIds; // empty = every account
};

struct RouteDecision
{
    enum Failure
    {
        None,
        NoAccountForProvider, // no enabled account of an acceptable provider in the pool
        NoAccountForModel,    // none of those serves the model
        AllCoolingDown,       // every account that serves the model cools down; see retryAtMs
        AllBusy,              // the rest are at their maxConcurrency
        AllTried              // the rest were already tried for this request (exclude)
    };

    const RelayAccount *account = nullptr; // points into the accounts list given to route()
    QString upstreamModel;                 // model name to send upstream, after modelMap
    bool sticky = false;                   // chosen because the session was bound to it
    // "session moved from account A (cooling down) to B" when a binding could not be kept.
    QString movedFromNote;
    Failure failure = None;
    qint64 retryAtMs = 0; // AllCoolingDown: when the first account comes back
};

// Picks the upstream account for one attempt. Pure logic: plain values in, a decision out; the
// current time is a parameter and randomness comes from a seedable generator.
//
// Eligible: enabled, acceptable provider, serves the model (allow-list contains it or modelMap
// has it as an alias; an account with neither list nor map serves every model), not cooling
// down, fewer than maxConcurrency in flight (when set), not excluded, in the pool. A session
// bound to an eligible account stays there; otherwise it moves and is rebound. On success the
// chosen account is marked started in the HealthBoard: call HealthBoard::finished() when the
// attempt ends.
class AccountRouter
{
public:
    AccountRouter();

    RouteDecision route(const QList<RelayAccount> &accounts, const RouteRequest &request,
                        HealthBoard &health, StickySessions &sessions, const PriceTable &prices,
                        qint64 nowMs);

    void setSeed(quint32 seed) { m_random.seed(seed); }

    // Whether `account` serves `model` (allow-list or modelMap alias; neither = every model).
    static bool servesModel(const RelayAccount &account, const QString &model);
    // The model to send upstream for `model` on `account`.
    static QString upstreamModel(const RelayAccount &account, const QString &model);
    // Comparable price of `model` (input + output USD per million tokens); nullopt if unknown.
    static std::optional<double> priceOf(const PriceTable &prices, const QString &model);

private:
    const RelayAccount *pick(const QList<const RelayAccount *> &eligible,
                             const RouteRequest &request, const HealthBoard &health,
                             const PriceTable &prices);

    QRandomGenerator m_random;
    QHash<QString, qint64> m_lastRoundRobin; // pool+model -> account id picked last
};
