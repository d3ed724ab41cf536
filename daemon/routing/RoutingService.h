// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "routing/AccountRouter.h"
#include "routing/CooldownPolicy.h"
#include "routing/HealthBoard.h"
#include "routing/StickySessions.h"

#include <QJsonObject>
#include <QMutex>

class PriceTable;
struct RelaySnapshot;

// The routing state shared by every HTTP thread: the router, the accounts' health and the
// sticky sessions, behind one mutex (each call holds it for microseconds).
class RoutingService
{
public:
    RoutingService();

    void setCooldownSettings(const CooldownSettings &settings);
    void setSessionTtlMs(qint64 ttlMs);

    // Picks an account for an attempt and counts it as started.
    RouteDecision route(const QList<RelayAccount> &accounts, const RouteRequest &request,
                        const PriceTable &prices, qint64 nowMs);
    // Ends an attempt; for a failure, decides (and applies) the account's cooldown.
    CooldownDecision finished(qint64 accountId, qint64 nowMs, qint64 ttfbMs,
                              const AttemptOutcome &outcome);
    // What a failure would mean (failover or not) without recording anything.
    CooldownDecision assess(qint64 accountId, qint64 nowMs, const AttemptOutcome &outcome) const;

    QJsonObject health(qint64 accountId, qint64 nowMs) const;
    // Accounts worth probing: cooling down for longer than `minRemainingMs`, or refused their
    // credentials (needs attention).
    QList<qint64> accountsToProbe(qint64 nowMs, qint64 minRemainingMs) const;
    void clearCooldown(qint64 accountId);

private:
    mutable QMutex m_mutex;
    AccountRouter m_router;
    HealthBoard m_health;
    StickySessions m_sessions;
    CooldownSettings m_settings;
};
