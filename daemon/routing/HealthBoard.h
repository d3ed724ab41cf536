// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "routing/AccountHealth.h"
#include "routing/CooldownPolicy.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

// Runtime health of every upstream account, by account id. Main-thread only; every call takes
// the current time so the board never reads the clock itself.
//
// Per attempt: AccountRouter::route() calls started(); when the attempt ends the relay calls
// finished() and, for a failed attempt, applyCooldown() with CooldownPolicy::decide() (decide
// reads the counters before applyCooldown updates them) — or finishedWith(), which does all
// three in that order.
class HealthBoard
{
public:
    // An attempt starts: one more in flight, used now.
    void started(qint64 id, qint64 nowMs);
    // An attempt ends. ttfbMs < 0 when no first byte arrived. `ok` false counts a failure
    // against the account; true resets the failure counters and the attention flag. Time to
    // first byte feeds the moving average only for successful attempts.
    void finished(qint64 id, qint64 nowMs, qint64 ttfbMs, bool ok);
    // Extends the cooldown to now + decision.durationMs (a longer cooldown already running is
    // kept), sets the attention flag when asked and counts a 429.
    void applyCooldown(qint64 id, const CooldownDecision &decision, qint64 nowMs);
    // Brings an account back at once (health probe succeeded or an operator reset it).
    void clearCooldown(qint64 id);

    // finished() + CooldownPolicy::decide() + applyCooldown(); returns the decision.
    CooldownDecision finishedWith(qint64 id, qint64 nowMs, qint64 ttfbMs,
                                  const AttemptOutcome &outcome, const CooldownSettings &settings);

    bool isCoolingDown(qint64 id, qint64 nowMs) const;
    // Earliest time one of `ids` is available: nowMs when one is not cooling down.
    // nowMs for an empty list.
    qint64 soonestAvailableMs(const QList<qint64> &ids, qint64 nowMs) const;

    // The state of one account; a default (healthy, idle) state for unknown ids.
    const AccountHealth &get(qint64 id) const;
    bool contains(qint64 id) const { return m_health.contains(id); }
    void remove(qint64 id) { m_health.remove(id); }
    QList<qint64> ids() const { return m_health.keys(); }

    // For the admin API: {"accountId", "inFlight", "lastUsedMs", "ttfbEwmaMs" (null until
    // measured), "coolingDown", "cooldownUntilMs", "cooldownRemainingMs", "cooldownReason",
    // "needsAttention", "consecutiveFailures", "consecutive429s", "lastErrorType",
    // "lastErrorMs"}.
    QJsonObject toJson(qint64 id, qint64 nowMs) const;

    static constexpr double kTtfbAlpha = 0.2;

private:
    QHash<qint64, AccountHealth> m_health;
    quint64 m_sequence = 0;
};
