// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/AlertInputs.h"

#include <QByteArray>

#include <deque>
#include <optional>

// The recent calls, oldest first, bounded by count and by age: what error-rate and latency
// rules measure over their windows.
class CallWindow
{
public:
    static constexpr int DefaultMaxCalls = 100000;
    static constexpr qint64 MaxWindowMs = 24LL * 3600 * 1000;

    explicit CallWindow(int maxCalls = DefaultMaxCalls) : m_maxCalls(maxCalls) {}

    void add(const CallOutcome &call);
    // Drops calls older than MaxWindowMs.
    void prune(qint64 nowMs);
    int size() const { return int(m_calls.size()); }

    struct Filter
    {
        qint64 enterpriseId = 0; // 0 = every call
        qint64 accountId = 0;
        QString provider;
        QString model;
        QString scope; // "" = any; key | user | group | department | enterprise
        qint64 scopeId = 0;
    };
    struct Stats
    {
        int calls = 0;
        int errors = 0;
        qint64 p95LatencyMs = 0; // nearest-rank 95th percentile; 0 without calls
    };
    Stats stats(qint64 windowMs, const Filter &filter, qint64 nowMs) const;

    // A call as the ledger's usage feed publishes it (UsageRecord::toJson); nullopt when the
    // event is not a usage record.
    static std::optional<CallOutcome> fromFeedEvent(const QByteArray &json);
    // Whether a call with this status counts as failed: 5xx, or no answer at all (status 0)
    // unless the client hung up. Refusals and client errors (4xx) do not count.
    static bool isFailure(int status, bool clientAborted);

private:
    int m_maxCalls;
    std::deque<CallOutcome> m_calls;
};
