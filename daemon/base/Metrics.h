// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QString>

#include <array>
#include <atomic>
#include <functional>

// Process-wide counters rendered in the Prometheus text format. Thread-safe: HTTP connections
// are served by several threads.
//
// Label values are escaped per the Prometheus text exposition format, and the number of
// distinct endpoint labels is capped (kMaxEndpoints; the rest share "other"): callers pass
// route templates, never raw paths, so the cap is only a safety net.
class Metrics
{
public:
    static constexpr int kMaxEndpoints = 256;

    void countRequest(const QString &endpoint, int status);
    void countUpstreamError(const QString &provider, const QString &errorType);
    void observeUpstreamLatency(double seconds); // time to first upstream byte
    void addInFlight(int delta);
    // A call refused by a quota or budget; `limit` is "rpm", "tpm", ..., "budget" (bounded).
    void countRefusal(const QString &limit);
    int inFlight() const;

    // Gauges read at render time (ledger queue depth, open connections, ...).
    void addGauge(const QString &name, const QString &help, std::function<double()> read);
    // Counters kept elsewhere, read at render time the same way.
    void addCounter(const QString &name, const QString &help, std::function<double()> read);

    QByteArray render() const;

    // Backslash, double quote and newline escaped, as a label value must be.
    static QByteArray escapeLabelValue(const QString &value);

private:
    static constexpr std::array<double, 12> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                        0.5,   1,    2.5,   5,    10,  30};
    struct Gauge
    {
        QString help;
        std::function<double()> read;
        bool counter = false;
    };
    mutable QMutex m_mutex;
    QHash<QPair<QString, int>, quint64> m_requests;
    QSet<QString> m_endpoints;
    QHash<QPair<QString, QString>, quint64> m_upstreamErrors;
    std::array<quint64, kBuckets.size()> m_latencyBuckets{}; // per bucket, not cumulative
    quint64 m_latencyCount = 0;
    double m_latencySum = 0;
    std::atomic<int> m_inFlight{0}; // changed twice per call: no lock
    QHash<QString, quint64> m_refusals;
    QList<QPair<QString, Gauge>> m_gauges;
};
