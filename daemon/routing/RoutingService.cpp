// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/RoutingService.h"

#include <QMutexLocker>

RoutingService::RoutingService() = default;

void RoutingService::setCooldownSettings(const CooldownSettings &settings)
{
    QMutexLocker lock(&m_mutex);
    m_settings = settings;
}

void RoutingService::setSessionTtlMs(qint64 ttlMs)
{
    QMutexLocker lock(&m_mutex);
    m_sessions.setTtlMs(ttlMs);
}

RouteDecision RoutingService::route(const QList<RelayAccount> &accounts,
                                    const RouteRequest &request, const PriceTable &prices,
                                    qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    return m_router.route(accounts, request, m_health, m_sessions, prices, nowMs);
}

CooldownDecision RoutingService::finished(qint64 accountId, qint64 nowMs, qint64 ttfbMs,
                                          const AttemptOutcome &outcome)
{
    QMutexLocker lock(&m_mutex);
    return m_health.finishedWith(accountId, nowMs, ttfbMs, outcome, m_settings);
}

CooldownDecision RoutingService::assess(qint64 accountId, qint64 nowMs,
                                        const AttemptOutcome &outcome) const
{
    QMutexLocker lock(&m_mutex);
    return CooldownPolicy::decide(outcome, m_health.get(accountId), nowMs, m_settings);
}

QJsonObject RoutingService::health(qint64 accountId, qint64 nowMs) const
{
    QMutexLocker lock(&m_mutex);
    return m_health.toJson(accountId, nowMs);
}

void RoutingService::clearCooldown(qint64 accountId)
{
    QMutexLocker lock(&m_mutex);
    m_health.clearCooldown(accountId);
}

QList<qint64> RoutingService::accountsToProbe(qint64 nowMs, qint64 minRemainingMs) const
{
    QMutexLocker lock(&m_mutex);
    QList<qint64> out;
    const QList<qint64> ids = m_health.ids();
    for (qint64 id : ids) {
        const AccountHealth &h = m_health.get(id);
        if (h.needsAttention || h.cooldownUntilMs - nowMs > minRemainingMs)
            out.append(id);
    }
    return out;
}
