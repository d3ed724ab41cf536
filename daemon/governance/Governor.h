// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/HeaderList.h"
#include "domain/GovernanceRules.h"
#include "domain/RelaySnapshot.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class DbWorker;

// What the relay asks before it starts a call.
struct AdmissionRequest
{
    RelaySnapshotPtr snapshot; // the rules and the roll-up tree (groupsByUser, departmentParent)
    RelayKey key;
    QString model; // the model the client asked for
    // The names the call may go upstream as (the candidate accounts' model maps); a quota's
    // model pattern matches the requested name or any of these.
    QStringList upstreamModels;
    qint64 estimatedTokens = 0; // input estimate + the output the call may produce
    MicroUsd estimatedCost = 0;
    qint64 nowMs = 0;
};

// Why a call may not start.
struct AdmissionRefusal
{
    int status = 429;       // 429 quota; 402 hard budget
    QString type;           // "rate_limit_exceeded" or "budget_exceeded"
    QString message;        // names the limit, its scope and when it resets
    HttpHeaderList headers; // retry-after, x-ratelimit-limit-*, -remaining, -reset
    QString limit;          // which limit: "rpm", ..., "budget" (the metrics label)
};

// The reservations of one admitted call; settled once when the call ends.
class AdmissionTicket;
using AdmissionTicketPtr = std::shared_ptr<AdmissionTicket>;

struct Admission
{
    std::optional<AdmissionRefusal> refusal; // set: refused
    AdmissionTicketPtr ticket;               // set when admitted
    HttpHeaderList headers;                  // x-ratelimit-* of the tightest quota, on success
};

// One limit of a quota and its current use ("rpm", "tpm", "concurrency", "dailyTokens",
// "monthlyTokens", "dailyCost", "monthlyCost"; costs in micro-USD).
struct LimitUse
{
    QString limit;
    qint64 max = 0;
    qint64 used = 0;
    qint64 resetAtMs = 0; // 0 for concurrency
};

struct QuotaStatus
{
    qint64 quotaId = 0;
    QList<LimitUse> limits;
};

struct BudgetStatus
{
    qint64 budgetId = 0;
    MicroUsd amount = 0;
    MicroUsd spent = 0; // across every daemon on the database, as last synchronised
    MicroUsd remaining = 0;
    MicroUsd forecast = 0; // spend at the period's end at the current rate
    qint64 periodStartMs = 0;
    qint64 periodEndMs = 0;
};

// Admission against quotas and budgets, and settlement from the real usage. Counters live in
// memory; budgets and the daily/monthly quotas are shared between daemons through leases on
// the database (see docs/governance.md). Thread-safe.
class Governor : public QObject
{
    Q_OBJECT
public:
    // `db` may be null (counters in memory only, for tests of the pure logic).
    explicit Governor(DbWorker *db, QObject *parent = nullptr);
    ~Governor() override;

    // IANA name, e.g. "Europe/Berlin"; days, weeks and months begin at midnight there.
    void setTimeZone(const QString &ianaName);
    // How long a node that lost the database keeps admitting calls on hard budgets.
    void setDatabaseGraceMs(qint64 ms);

    // The rules of the current snapshot (main thread, on every snapshot).
    void setRules(GovernanceRulesPtr rules);

    // Starts and stops the periodic synchronisation with the database (main thread).
    void start();
    void stop();

    // Any thread with an event loop. Calls `done` exactly once, on the calling thread (at
    // once when the answer is known without waiting for the database).
    void admit(const AdmissionRequest &request, std::function<void(const Admission &)> done);
    // Settles an admitted call with what it really used (streams and hung-up calls included).
    void settle(const AdmissionTicketPtr &ticket, qint64 tokens, MicroUsd cost, qint64 nowMs);

    std::optional<QuotaStatus> quotaStatus(qint64 quotaId, qint64 nowMs) const;
    std::optional<BudgetStatus> budgetStatus(qint64 budgetId, qint64 nowMs) const;
    QList<QuotaStatus> quotaStatuses(qint64 nowMs) const;
    QList<BudgetStatus> budgetStatuses(qint64 nowMs) const;

    // Whether any enabled quota or budget is loaded; without, admit() has nothing to check.
    bool hasRules() const;
    // Whether the last exchange with the database succeeded.
    bool databaseOnline() const;

    // Counters are committed, leases returned or renewed and cluster-wide use read this often.
    static constexpr int kSyncIntervalMs = 500;
    // The longest a call waits for a lease before it is answered 503 (checked at each sync).
    static constexpr qint64 kLeaseWaitMs = 5000;

private:
    struct Private;
    std::unique_ptr<Private> d;
};
