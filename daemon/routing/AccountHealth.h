// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

// Runtime state of one upstream account, kept in memory by the daemon (see HealthBoard).
struct AccountHealth
{
    int inFlight = 0;                 // attempts started and not yet finished
    qint64 lastUsedMs = 0;            // when the last attempt started (0 = never)
    quint64 useSequence = 0;          // order of the last start across the board (0 = never)
    std::optional<double> ttfbEwmaMs; // moving average of time to first byte, unset until sampled
    qint64 cooldownUntilMs = 0;       // not picked before this time
    QString cooldownReason;           // why it is cooling down, for operators
    bool needsAttention = false;      // credentials refused (401/403): an operator should look
    int consecutiveFailures = 0;      // failed attempts since the last success
    int consecutive429s = 0;          // 429 answers since the last success
    QString lastErrorType;            // CooldownDecision::errorType of the last failure
    qint64 lastErrorMs = 0;

    bool isCoolingDown(qint64 nowMs) const { return cooldownUntilMs > nowMs; }
};
