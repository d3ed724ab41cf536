// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/Governor.h"

#include "base/Clock.h"
#include "base/ThreadContext.h"
#include "governance/GovernorCore.h"
#include "store/DbWorker.h"
#include "store/StoreError.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>
#include <QUuid>

#include <atomic>

Q_LOGGING_CATEGORY(lcGovernance, "aicarpool.governance")

namespace {

// What one synchronisation job did on the database worker.
struct SyncOutcome
{
    QList<std::optional<LeaseStore::Result>> results;
    QList<LeaseStore::Row> rows;
    bool lost = false;
};

struct LeaseOutcome
{
    std::optional<LeaseStore::Result> result;
    bool lost = false;
};

// A call waiting for a lease from the database.
struct Waiter
{
    AdmissionRequest request;
    std::function<void(const Admission &)> done;
    QObject *origin = nullptr; // the caller's thread
    qint64 sinceMs = 0;
    int rounds = 0;
};

} // namespace

struct Governor::Private
{
    DbWorker *db = nullptr;
    std::shared_ptr<GovernorCore> core;
    QString nodeId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    qint64 leaseTtlMs = 60000;
    QTimer *timer = nullptr;
    bool syncInFlight = false;
    std::atomic<bool> stopped{false}; // read on the HTTP threads
    qint64 leaseWaitMs = kLeaseWaitMs;
    QMutex waitMutex; // guards waiters
    QList<std::shared_ptr<Waiter>> waiters;
    Governor *q = nullptr;

    void requestLeases(const QList<GovernorCore::LeaseNeed> &needs);
    // Answers the calls that waited for a lease longer than leaseWaitMs (a database that
    // stalls without failing must not hold calls for minutes).
    void expireWaiters(qint64 nowMs);
    void retryWaiters();
    void synchronise(bool final);
};

Governor::Governor(DbWorker *db, QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->db = db;
    d->q = this;
    d->core = std::make_shared<GovernorCore>(db != nullptr);
}

Governor::~Governor()
{
    stop();
}

void Governor::setTimeZone(const QString &ianaName)
{
    d->core->setTimeZone(ianaName);
}

void Governor::setDatabaseGraceMs(qint64 ms)
{
    d->core->setDatabaseGraceMs(ms);
}

void Governor::setRules(GovernanceRulesPtr rules)
{
    d->core->setRules(std::move(rules), Clock::nowMs());
}

void Governor::start()
{
    if (!d->db || d->timer)
        return;
    d->stopped = false;
    d->timer = new QTimer(this);
    d->timer->setInterval(kSyncIntervalMs);
    connect(d->timer, &QTimer::timeout, this, [this] {
        d->expireWaiters(Clock::nowMs());
        d->synchronise(false);
    });
    d->timer->start();
}

void Governor::stop()
{
    if (d->stopped)
        return;
    d->stopped = true;
    if (d->timer)
        d->timer->stop();
    // Whoever still waits for a lease is answered now.
    QList<std::shared_ptr<Waiter>> waiting;
    {
        QMutexLocker lock(&d->waitMutex);
        waiting.swap(d->waiters);
    }
    for (const auto &w : std::as_const(waiting)) {
        Admission a;
        AdmissionRefusal r;
        r.status = 503;
        r.type = QStringLiteral("overloaded_error");
        r.message = QStringLiteral("The relay is stopping; retry in a moment.");
        r.headers.append(qMakePair(QByteArray("retry-after"), QByteArray("1")));
        a.refusal = r;
        ThreadContext::post(w->origin, [done = w->done, a] { done(a); });
    }
    // The last commit and every unused lease go back (the worker runs posted jobs before it
    // stops).
    if (d->db)
        d->synchronise(true);
}

void Governor::admit(const AdmissionRequest &request, std::function<void(const Admission &)> done)
{
    Admission a;
    QList<GovernorCore::LeaseNeed> needs;
    const qint64 now = request.nowMs > 0 ? request.nowMs : Clock::nowMs();
    const GovernorCore::Outcome o = d->core->evaluate(request, now, 0, &a, &needs);
    if (o != GovernorCore::Outcome::Wait || !d->db || d->stopped) {
        if (o == GovernorCore::Outcome::Wait) {
            AdmissionRefusal r;
            r.status = 503;
            r.type = QStringLiteral("overloaded_error");
            r.message = QStringLiteral("The relay is stopping; retry in a moment.");
            a.refusal = r;
        }
        done(a);
        return;
    }
    auto w = std::make_shared<Waiter>();
    w->request = request;
    w->done = std::move(done);
    w->origin = ThreadContext::current();
    w->sinceMs = now;
    {
        QMutexLocker lock(&d->waitMutex);
        d->waiters.append(w);
    }
    d->requestLeases(needs);
}

void Governor::Private::requestLeases(const QList<GovernorCore::LeaseNeed> &needs)
{
    for (const GovernorCore::LeaseNeed &n : needs) {
        if (!core->beginLease(n))
            continue; // one is already on its way; its answer retries every waiting call
        const LeaseStore::Op op = n.op;
        const QString node = nodeId;
        const qint64 ttl = leaseTtlMs;
        std::shared_ptr<GovernorCore> shared = core;
        QPointer<Governor> self(q);
        db->post<LeaseOutcome>(
            [op, node, ttl](QSqlDatabase &sql) {
                LeaseOutcome out;
                out.result = LeaseStore(sql, node, ttl).apply(op, Clock::nowMs());
                return out;
            },
            q,
            [self, shared, op](const LeaseOutcome &out) {
                shared->leaseAnswered(op, out.result, false, Clock::nowMs());
                if (self)
                    self->d->retryWaiters();
            },
            [self, shared, op](const StoreError &e) {
                const bool lost = e.kind() == StoreError::Kind::Unavailable;
                if (lost)
                    qCWarning(lcGovernance).noquote()
                        << QStringLiteral("lease of %1 failed: %2").arg(op.key, e.message());
                shared->leaseAnswered(op, std::nullopt, lost, Clock::nowMs());
                if (self)
                    self->d->retryWaiters();
            });
    }
}

void Governor::Private::expireWaiters(qint64 nowMs)
{
    QList<std::shared_ptr<Waiter>> expired;
    {
        QMutexLocker lock(&waitMutex);
        for (auto it = waiters.begin(); it != waiters.end();) {
            if (nowMs - (*it)->sinceMs >= leaseWaitMs) {
                expired.append(*it);
                it = waiters.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (const auto &w : std::as_const(expired)) {
        qCWarning(lcGovernance).noquote()
            << QStringLiteral("a call waited %1 ms for a limit counter lease; answered 503")
                   .arg(nowMs - w->sinceMs);
        Admission a;
        AdmissionRefusal r;
        r.status = 503;
        r.type = QStringLiteral("overloaded_error");
        r.message = QStringLiteral("Quotas and budgets could not be checked in time (the database "
                                   "answers slowly); retry in a moment.");
        r.headers.append(qMakePair(QByteArray("retry-after"), QByteArray("1")));
        a.refusal = r;
        ThreadContext::post(w->origin, [done = w->done, a] { done(a); });
    }
}

void Governor::Private::retryWaiters()
{
    QList<std::shared_ptr<Waiter>> waiting;
    {
        QMutexLocker lock(&waitMutex);
        waiting.swap(waiters);
    }
    QList<std::shared_ptr<Waiter>> still;
    QList<GovernorCore::LeaseNeed> needs;
    for (const auto &w : std::as_const(waiting)) {
        Admission a;
        QList<GovernorCore::LeaseNeed> n;
        ++w->rounds;
        const GovernorCore::Outcome o = core->evaluate(w->request, w->sinceMs, w->rounds, &a, &n);
        if (o == GovernorCore::Outcome::Wait) {
            still.append(w);
            needs += n;
            continue;
        }
        ThreadContext::post(w->origin, [done = w->done, a] { done(a); });
    }
    if (!still.isEmpty()) {
        {
            QMutexLocker lock(&waitMutex);
            waiters = still + waiters;
        }
        requestLeases(needs);
    }
}

void Governor::Private::synchronise(bool final)
{
    if (!db || (syncInFlight && !final))
        return;
    const qint64 now = Clock::nowMs();
    core->prune(now);
    const GovernorCore::SyncPlan plan = core->planSync(now, final);
    if (plan.ops.isEmpty() && (final || !plan.anyCounter))
        return; // no quota or budget: nothing to read or write
    const QString node = nodeId;
    const qint64 ttl = leaseTtlMs;
    std::shared_ptr<GovernorCore> shared = core;
    syncInFlight = true;
    QPointer<Governor> self(q);
    const QList<LeaseStore::Op> ops = plan.ops;
    const qint64 since = plan.oldestPeriodStartMs;
    db->post<SyncOutcome>(
        [ops, node, ttl, since, final](QSqlDatabase &sql) {
            SyncOutcome out;
            LeaseStore store(sql, node, ttl);
            bool anyApplied = false;
            for (const LeaseStore::Op &op : ops) {
                if (out.lost) {
                    out.results.append(std::nullopt);
                    continue;
                }
                try {
                    out.results.append(store.apply(op, Clock::nowMs()));
                    anyApplied = true;
                } catch (const StoreError &e) {
                    // Nothing committed yet: the worker sees the error, so it checks (and
                    // reopens) its connection before the next job.
                    if (!anyApplied && e.kind() == StoreError::Kind::Unavailable)
                        throw;
                    out.results.append(std::nullopt);
                    out.lost = e.kind() == StoreError::Kind::Unavailable;
                }
            }
            if (!out.lost && !final) {
                if (!anyApplied) {
                    out.rows = store.rowsSince(since); // a failure goes to the worker
                } else {
                    try {
                        out.rows = store.rowsSince(since);
                    } catch (const StoreError &e) {
                        out.lost = e.kind() == StoreError::Kind::Unavailable;
                    }
                }
            }
            return out;
        },
        q,
        [self, shared, ops](const SyncOutcome &out) {
            shared->syncAnswered(ops, out.results, out.rows, out.lost, Clock::nowMs());
            if (self) {
                self->d->syncInFlight = false;
                self->d->retryWaiters();
            }
        },
        [self, shared, ops](const StoreError &e) {
            qCWarning(lcGovernance).noquote()
                << QStringLiteral("limit counters not synchronised: %1").arg(e.message());
            shared->syncAnswered(ops, {}, {}, e.kind() == StoreError::Kind::Unavailable,
                                 Clock::nowMs());
            if (self) {
                self->d->syncInFlight = false;
                self->d->retryWaiters();
            }
        });
}

void Governor::settle(const AdmissionTicketPtr &ticket, qint64 tokens, MicroUsd cost, qint64)
{
    if (!ticket || ticket->settled.exchange(true))
        return;
    d->core->settle(*ticket, tokens, cost, false);
}

bool Governor::hasRules() const
{
    return d->core->hasRules();
}

bool Governor::databaseOnline() const
{
    return d->core->databaseOnline();
}

std::optional<QuotaStatus> Governor::quotaStatus(qint64 quotaId, qint64 nowMs) const
{
    return d->core->quotaStatus(quotaId, nowMs);
}

std::optional<BudgetStatus> Governor::budgetStatus(qint64 budgetId, qint64 nowMs) const
{
    return d->core->budgetStatus(budgetId, nowMs);
}

QList<QuotaStatus> Governor::quotaStatuses(qint64 nowMs) const
{
    return d->core->quotaStatuses(nowMs);
}

QList<BudgetStatus> Governor::budgetStatuses(qint64 nowMs) const
{
    return d->core->budgetStatuses(nowMs);
}
