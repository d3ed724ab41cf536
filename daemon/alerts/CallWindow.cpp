// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/CallWindow.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <vector>

namespace {

// The id a call has in `scope` (the department the key's owner was in, not its parents).
qint64 scopeIdOf(const CallOutcome &c, const QString &scope)
{
    if (scope == QLatin1String("key"))
        return c.keyId;
    if (scope == QLatin1String("user"))
        return c.userId;
    if (scope == QLatin1String("group"))
        return c.groupId;
    if (scope == QLatin1String("department"))
        return c.departmentId;
    return c.enterpriseId;
}

} // namespace

void CallWindow::add(const CallOutcome &call)
{
    m_calls.push_back(call);
    while (int(m_calls.size()) > m_maxCalls)
        m_calls.pop_front();
}

void CallWindow::prune(qint64 nowMs)
{
    while (!m_calls.empty() && m_calls.front().atMs < nowMs - MaxWindowMs)
        m_calls.pop_front();
}

CallWindow::Stats CallWindow::stats(qint64 windowMs, const Filter &filter, qint64 nowMs) const
{
    Stats s;
    std::vector<qint64> latencies;
    const qint64 from = nowMs - windowMs;
    // Newest first: stop at the first call older than the window.
    for (auto it = m_calls.rbegin(); it != m_calls.rend(); ++it) {
        const CallOutcome &c = *it;
        if (c.atMs < from)
            break;
        if (c.atMs > nowMs)
            continue;
        if (filter.enterpriseId > 0 && c.enterpriseId != filter.enterpriseId)
            continue;
        if (filter.accountId > 0 && c.accountId != filter.accountId)
            continue;
        if (!filter.provider.isEmpty() && c.provider != filter.provider)
            continue;
        if (!filter.model.isEmpty() && c.model != filter.model)
            continue;
        if (!filter.scope.isEmpty() && scopeIdOf(c, filter.scope) != filter.scopeId)
            continue;
        ++s.calls;
        if (c.error)
            ++s.errors;
        latencies.push_back(c.latencyMs);
    }
    if (!latencies.empty()) {
        // Nearest rank: the smallest value with at least 95% of the values at or below it.
        const size_t rank = (latencies.size() * 95 + 99) / 100;
        const size_t index = rank == 0 ? 0 : rank - 1;
        std::nth_element(latencies.begin(), latencies.begin() + qsizetype(index), latencies.end());
        s.p95LatencyMs = latencies[index];
    }
    return s;
}

bool CallWindow::isFailure(int status, bool clientAborted)
{
    if (status >= 500)
        return true;
    return status == 0 && !clientAborted;
}

std::optional<CallOutcome> CallWindow::fromFeedEvent(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    if (!o.contains(QLatin1String("status")) || !o.contains(QLatin1String("createdAt")))
        return std::nullopt;
    CallOutcome c;
    const QDateTime at =
        QDateTime::fromString(o.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs);
    c.atMs = at.isValid() ? at.toMSecsSinceEpoch() : 0;
    const int status = o.value(QLatin1String("status")).toInt();
    c.error = isFailure(status, o.value(QLatin1String("clientAborted")).toBool());
    c.latencyMs = o.value(QLatin1String("latencyMs")).toInteger();
    c.accountId = o.value(QLatin1String("accountId")).toInteger();
    c.enterpriseId = o.value(QLatin1String("enterpriseId")).toInteger();
    c.departmentId = o.value(QLatin1String("departmentId")).toInteger();
    c.groupId = o.value(QLatin1String("groupId")).toInteger();
    c.userId = o.value(QLatin1String("userId")).toInteger();
    c.keyId = o.value(QLatin1String("keyId")).toInteger();
    c.provider = o.value(QLatin1String("provider")).toString();
    c.model = o.value(QLatin1String("model")).toString();
    return c;
}
