// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/HealthBoard.h"

#include <QJsonValue>

#include <algorithm>

void HealthBoard::started(qint64 id, qint64 nowMs)
{
    AccountHealth &health = m_health[id];
    ++health.inFlight;
    health.lastUsedMs = nowMs;
    health.useSequence = ++m_sequence;
}

void HealthBoard::finished(qint64 id, qint64 nowMs, qint64 ttfbMs, bool ok)
{
    AccountHealth &health = m_health[id];
    health.inFlight = std::max(0, health.inFlight - 1);
    if (ok) {
        health.consecutiveFailures = 0;
        health.consecutive429s = 0;
        health.needsAttention = false;
        if (ttfbMs >= 0) {
            const double sample = double(ttfbMs);
            health.ttfbEwmaMs = health.ttfbEwmaMs
                                    ? kTtfbAlpha * sample + (1.0 - kTtfbAlpha) * *health.ttfbEwmaMs
                                    : sample;
        }
    } else {
        ++health.consecutiveFailures;
        health.lastErrorMs = nowMs;
    }
}

void HealthBoard::applyCooldown(qint64 id, const CooldownDecision &decision, qint64 nowMs)
{
    AccountHealth &health = m_health[id];
    if (!decision.errorType.isEmpty()) {
        health.lastErrorType = decision.errorType;
        health.lastErrorMs = nowMs;
    }
    if (decision.errorType == QLatin1String("rate_limit"))
        ++health.consecutive429s;
    if (decision.needsAttention)
        health.needsAttention = true;
    if (decision.durationMs > 0) {
        const qint64 until = nowMs + decision.durationMs;
        if (!health.isCoolingDown(nowMs) || until > health.cooldownUntilMs) {
            health.cooldownUntilMs = until;
            health.cooldownReason = decision.reason;
        }
    }
}

void HealthBoard::clearCooldown(qint64 id)
{
    auto it = m_health.find(id);
    if (it == m_health.end())
        return;
    it->cooldownUntilMs = 0;
    it->cooldownReason.clear();
    it->needsAttention = false;
    it->consecutive429s = 0;
}

CooldownDecision HealthBoard::finishedWith(qint64 id, qint64 nowMs, qint64 ttfbMs,
                                           const AttemptOutcome &outcome,
                                           const CooldownSettings &settings)
{
    const CooldownDecision decision = CooldownPolicy::decide(outcome, get(id), nowMs, settings);
    // A client error proves the account answers and is not limited.
    finished(id, nowMs, ttfbMs, !decision.failover);
    if (decision.failover)
        applyCooldown(id, decision, nowMs);
    return decision;
}

bool HealthBoard::isCoolingDown(qint64 id, qint64 nowMs) const
{
    return get(id).isCoolingDown(nowMs);
}

qint64 HealthBoard::soonestAvailableMs(const QList<qint64> &ids, qint64 nowMs) const
{
    if (ids.isEmpty())
        return nowMs;
    qint64 soonest = -1;
    for (qint64 id : ids) {
        const AccountHealth &health = get(id);
        const qint64 available = health.isCoolingDown(nowMs) ? health.cooldownUntilMs : nowMs;
        if (soonest < 0 || available < soonest)
            soonest = available;
    }
    return soonest;
}

const AccountHealth &HealthBoard::get(qint64 id) const
{
    static const AccountHealth healthy;
    auto it = m_health.constFind(id);
    return it == m_health.constEnd() ? healthy : *it;
}

QJsonObject HealthBoard::toJson(qint64 id, qint64 nowMs) const
{
    const AccountHealth &health = get(id);
    const bool cooling = health.isCoolingDown(nowMs);
    QJsonObject json;
    json.insert(QStringLiteral("accountId"), id);
    json.insert(QStringLiteral("inFlight"), health.inFlight);
    json.insert(QStringLiteral("lastUsedMs"), health.lastUsedMs);
    json.insert(QStringLiteral("ttfbEwmaMs"),
                health.ttfbEwmaMs ? QJsonValue(*health.ttfbEwmaMs) : QJsonValue(QJsonValue::Null));
    json.insert(QStringLiteral("coolingDown"), cooling);
    json.insert(QStringLiteral("cooldownUntilMs"), cooling ? health.cooldownUntilMs : qint64(0));
    json.insert(QStringLiteral("cooldownRemainingMs"),
                cooling ? health.cooldownUntilMs - nowMs : qint64(0));
    json.insert(QStringLiteral("cooldownReason"), cooling ? health.cooldownReason : QString());
    json.insert(QStringLiteral("needsAttention"), health.needsAttention);
    json.insert(QStringLiteral("consecutiveFailures"), health.consecutiveFailures);
    json.insert(QStringLiteral("consecutive429s"), health.consecutive429s);
    json.insert(QStringLiteral("lastErrorType"), health.lastErrorType);
    json.insert(QStringLiteral("lastErrorMs"), health.lastErrorMs);
    return json;
}
