// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/Metrics.h"

#include <cmath>

void Metrics::addInFlight(int delta)
{
    m_inFlight.fetch_add(delta, std::memory_order_relaxed);
}

int Metrics::inFlight() const
{
    return m_inFlight.load(std::memory_order_relaxed);
}

void Metrics::countRequest(const QString &endpoint, int status)
{
    QMutexLocker lock(&m_mutex);
    QString label = endpoint;
    if (!m_endpoints.contains(label)) {
        if (m_endpoints.size() >= kMaxEndpoints)
            label = QStringLiteral("other");
        else
            m_endpoints.insert(label);
    }
    ++m_requests[qMakePair(label, status)];
}

QByteArray Metrics::escapeLabelValue(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

void Metrics::countRefusal(const QString &limit)
{
    QMutexLocker lock(&m_mutex);
    // The limits are a fixed set; anything else is counted as "other".
    static const QSet<QString> known = {QStringLiteral("rpm"),
                                        QStringLiteral("tpm"),
                                        QStringLiteral("concurrency"),
                                        QStringLiteral("dailyTokens"),
                                        QStringLiteral("monthlyTokens"),
                                        QStringLiteral("dailyCost"),
                                        QStringLiteral("monthlyCost"),
                                        QStringLiteral("budget"),
                                        QStringLiteral("budget_unavailable")};
    ++m_refusals[known.contains(limit) ? limit : QStringLiteral("other")];
}

void Metrics::countUpstreamError(const QString &provider, const QString &errorType)
{
    QMutexLocker lock(&m_mutex);
    ++m_upstreamErrors[qMakePair(provider, errorType)];
}

void Metrics::observeUpstreamLatency(double seconds)
{
    // One slot per observation (the first bucket it fits, or none past the last); render() sums
    // them into Prometheus's cumulative buckets.
    if (!std::isfinite(seconds) || seconds < 0)
        return; // not a latency: counted nowhere, so neither _sum nor _count goes wrong
    size_t slot = kBuckets.size(); // none: past the last bound
    if (seconds <= kBuckets.back()) {
        slot = 0;
        while (seconds > kBuckets[slot])
            ++slot;
    }
    QMutexLocker lock(&m_mutex);
    if (slot < kBuckets.size())
        ++m_latencyBuckets[slot];
    ++m_latencyCount;
    m_latencySum += seconds;
}

void Metrics::addGauge(const QString &name, const QString &help, std::function<double()> read)
{
    QMutexLocker lock(&m_mutex);
    m_gauges.append({name, Gauge{help, std::move(read), false}});
}

void Metrics::addCounter(const QString &name, const QString &help, std::function<double()> read)
{
    QMutexLocker lock(&m_mutex);
    m_gauges.append({name, Gauge{help, std::move(read), true}});
}

QByteArray Metrics::render() const
{
    QMutexLocker lock(&m_mutex);
    QByteArray out;
    out.reserve(4096);
    out += "# HELP aicarpool_requests_total Requests answered, by endpoint and status.\n"
           "# TYPE aicarpool_requests_total counter\n";
    for (auto it = m_requests.cbegin(); it != m_requests.cend(); ++it) {
        out += "aicarpool_requests_total{endpoint=\"" + escapeLabelValue(it.key().first) +
               "\",status=\"" + QByteArray::number(it.key().second) + "\"} " +
               QByteArray::number(it.value()) + '\n';
    }
    out += "# HELP aicarpool_upstream_errors_total Upstream calls that failed, by provider and "
           "error type.\n# TYPE aicarpool_upstream_errors_total counter\n";
    for (auto it = m_upstreamErrors.cbegin(); it != m_upstreamErrors.cend(); ++it) {
        out += "aicarpool_upstream_errors_total{provider=\"" + escapeLabelValue(it.key().first) +
               "\",type=\"" + escapeLabelValue(it.key().second) + "\"} " +
               QByteArray::number(it.value()) + '\n';
    }
    out += "# HELP aicarpool_governance_refusals_total Relay calls refused by a quota or "
           "budget, by limit.\n# TYPE aicarpool_governance_refusals_total counter\n";
    for (auto it = m_refusals.cbegin(); it != m_refusals.cend(); ++it) {
        out += "aicarpool_governance_refusals_total{limit=\"" + escapeLabelValue(it.key()) +
               "\"} " + QByteArray::number(it.value()) + '\n';
    }
    out += "# HELP aicarpool_requests_in_flight Relay requests being served.\n"
           "# TYPE aicarpool_requests_in_flight gauge\naicarpool_requests_in_flight " +
           QByteArray::number(inFlight()) + '\n';
    out += "# HELP aicarpool_upstream_latency_seconds Time to the first upstream response byte.\n"
           "# TYPE aicarpool_upstream_latency_seconds histogram\n";
    quint64 cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += m_latencyBuckets[i];
        out += "aicarpool_upstream_latency_seconds_bucket{le=\"" + QByteArray::number(kBuckets[i]) +
               "\"} " + QByteArray::number(cumulative) + '\n';
    }
    out += "aicarpool_upstream_latency_seconds_bucket{le=\"+Inf\"} " +
           QByteArray::number(m_latencyCount) + '\n';
    out +=
        "aicarpool_upstream_latency_seconds_sum " + QByteArray::number(m_latencySum, 'f', 6) + '\n';
    out += "aicarpool_upstream_latency_seconds_count " + QByteArray::number(m_latencyCount) + '\n';
    for (const auto &g : m_gauges) {
        out += "# HELP " + g.first.toUtf8() + ' ' + g.second.help.toUtf8() + "\n# TYPE " +
               g.first.toUtf8() + (g.second.counter ? " counter\n" : " gauge\n") +
               g.first.toUtf8() + ' ' + QByteArray::number(g.second.read(), 'g', 12) + '\n';
    }
    return out;
}
