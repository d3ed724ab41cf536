// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/Governor.h"
#include "governance/LeaseStore.h"
#include "governance/PeriodMath.h"
#include "governance/RateWindow.h"
#include "governance/RefusalBuilder.h"
#include "governance/SharedCounter.h"

#include <QHash>
#include <QMutex>

#include <atomic>

class GovernorCore;

// The reservations of one admitted call. Released with its estimates if it is dropped without
// being settled.
class AdmissionTicket
{
public:
    struct RateHold
    {
        qint64 quotaId = 0;
        qint64 windowStartMs = 0;
        qint64 tokens = 0;
    };
    struct SharedHold
    {
        QString counter; // key@periodStart
        qint64 estimate = 0;
        bool cost = false; // micro-USD; else tokens
    };

    ~AdmissionTicket();

    std::weak_ptr<GovernorCore> core;
    QList<RateHold> rates;
    QList<SharedHold> shared;
    std::atomic<bool> settled{false};
};

// The state of the governance engine, without threads or a database of its own: admission
// decisions, reservations, settlement, and the bookkeeping of leases and synchronisations
// (whose SQL runs elsewhere, see Governor and LeaseStore). Every public method locks.
class GovernorCore : public std::enable_shared_from_this<GovernorCore>
{
public:
    enum class Outcome
    {
        Admitted,
        Refused,
        Wait // a lease must come from the database first: see needs
    };
    struct LeaseNeed
    {
        QString counter;
        LeaseStore::Op op;
    };
    // One synchronisation: the operations to run and what they moved locally.
    struct SyncPlan
    {
        QList<LeaseStore::Op> ops;
        qint64 oldestPeriodStartMs = 0;
        bool anyCounter = false; // whether there is anything to read back
    };

    // leased: counters are shared through database leases; otherwise they are local.
    explicit GovernorCore(bool leased);

    void setTimeZone(const QString &ianaName);
    QString timeZoneName() const;
    void setDatabaseGraceMs(qint64 ms);
    void setRules(GovernanceRulesPtr rules, qint64 nowMs);

    // waitingSinceMs: when the call first asked (a lease answered after that which could not
    // cover it refuses the call). round: how many lease rounds it has waited already.
    Outcome evaluate(const AdmissionRequest &request, qint64 waitingSinceMs, int round,
                     Admission *admission, QList<LeaseNeed> *needs);
    void settle(AdmissionTicket &ticket, qint64 tokens, MicroUsd cost, bool estimates);

    // Lease bookkeeping: marks the counter's lease request in flight; false if one already is.
    bool beginLease(const LeaseNeed &need);
    void leaseAnswered(const LeaseStore::Op &op, const std::optional<LeaseStore::Result> &result,
                       bool databaseLost, qint64 nowMs);

    // Synchronisation: what to commit, give back and renew now (final: give back everything).
    SyncPlan planSync(qint64 nowMs, bool final);
    void syncAnswered(const QList<LeaseStore::Op> &ops,
                      const QList<std::optional<LeaseStore::Result>> &results,
                      const QList<LeaseStore::Row> &rows, bool databaseLost, qint64 nowMs);
    // Drops counters of past periods and deleted rules once nothing is held or pending.
    void prune(qint64 nowMs);

    bool databaseOnline() const;
    // Whether any enabled quota or budget exists (lock-free: the relay asks on every call).
    bool hasRules() const { return m_hasRules.load(std::memory_order_relaxed); }

    std::optional<QuotaStatus> quotaStatus(qint64 quotaId, qint64 nowMs);
    std::optional<BudgetStatus> budgetStatus(qint64 budgetId, qint64 nowMs);
    QList<QuotaStatus> quotaStatuses(qint64 nowMs);
    QList<BudgetStatus> budgetStatuses(qint64 nowMs);

    // For tests: the counter of a budget or a quota limit in the current period.
    std::optional<SharedCounter> counter(const QString &key, qint64 nowMs);

    static constexpr qint64 kRenewMs = 10000;
    static constexpr qint64 kExhaustedMemoMs = 1000;
    // Lease answers a waiting call may see before it is refused (a safety net: it is normally
    // refused when an answer after it began could not cover it).
    static constexpr int kMaxLeaseRounds = 64;

private:
    struct SharedLimit
    {
        QString key;
        QString limit; // "budget", "dailyTokens", ...
        PeriodMath::Unit unit = PeriodMath::Unit::Month;
        qint64 max = 0;
        bool enforced = true;
        bool cost = false;
        // The counter of the current period, cached until the period ends.
        QString counter;
        qint64 windowStartMs = 0;
        qint64 windowEndMs = 0;
    };
    static QString counterId(const QString &key, qint64 periodStartMs);
    SharedCounter &counterFor(SharedLimit &limit, qint64 nowMs);
    // The period of `unit` around `nowMs` (cached: time zone conversions are not cheap).
    PeriodMath::Window window(PeriodMath::Unit unit, qint64 nowMs);
    QList<SharedLimit> sharedLimitsOf(const QuotaRule &q) const;
    SharedLimit sharedLimitOf(const BudgetRule &b) const;
    QuotaStatus quotaStatusLocked(int index, qint64 nowMs);
    BudgetStatus budgetStatusLocked(int index, qint64 nowMs);

    mutable QMutex m_mutex;
    const bool m_leased;
    PeriodMath m_periods;
    qint64 m_graceMs = 300000;
    GovernanceRulesPtr m_rules;
    QHash<quint64, QList<int>> m_quotasByScope;  // scope key -> index in m_rules->quotas
    QHash<quint64, QList<int>> m_budgetsByScope; // scope key -> index in m_rules->budgets
    QHash<qint64, int> m_quotaIndex;
    QHash<qint64, int> m_budgetIndex;
    QList<QList<SharedLimit>> m_quotaLimits;  // by index in m_rules->quotas
    QList<SharedLimit> m_budgetLimits;        // by index in m_rules->budgets
    PeriodMath::Window m_windows[4];          // by PeriodMath::Unit
    QHash<qint64, RateWindow> m_rates;        // by quota id
    QHash<QString, SharedCounter> m_counters; // by key@periodStart
    std::atomic<bool> m_hasRules{false};
    bool m_dbOnline = true;
    qint64 m_lastDbOkMs = 0;
};
