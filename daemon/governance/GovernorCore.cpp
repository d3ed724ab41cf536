// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/GovernorCore.h"

#include "base/Clock.h"
#include "governance/CallScopes.h"

#include <QVarLengthArray>

#include <cmath>

AdmissionTicket::~AdmissionTicket()
{
    if (settled.exchange(true))
        return;
    if (const std::shared_ptr<GovernorCore> c = core.lock())
        c->settle(*this, 0, 0, true);
}

GovernorCore::GovernorCore(bool leased)
    : m_leased(leased), m_rules(std::make_shared<GovernanceRules>()), m_lastDbOkMs(Clock::nowMs())
{
}

void GovernorCore::setTimeZone(const QString &ianaName)
{
    QMutexLocker lock(&m_mutex);
    m_periods.setTimeZone(ianaName);
    for (PeriodMath::Window &w : m_windows)
        w = PeriodMath::Window();
    for (QList<SharedLimit> &limits : m_quotaLimits) {
        for (SharedLimit &l : limits)
            l.counter.clear();
    }
    for (SharedLimit &l : m_budgetLimits)
        l.counter.clear();
}

QString GovernorCore::timeZoneName() const
{
    QMutexLocker lock(&m_mutex);
    return m_periods.timeZoneName();
}

void GovernorCore::setDatabaseGraceMs(qint64 ms)
{
    QMutexLocker lock(&m_mutex);
    m_graceMs = ms;
}

bool GovernorCore::databaseOnline() const
{
    QMutexLocker lock(&m_mutex);
    return m_dbOnline;
}

QString GovernorCore::counterId(const QString &key, qint64 periodStartMs)
{
    return key + QLatin1Char('@') + QString::number(periodStartMs);
}

QList<GovernorCore::SharedLimit> GovernorCore::sharedLimitsOf(const QuotaRule &q) const
{
    QList<SharedLimit> out;
    const QString base = QStringLiteral("q%1.").arg(q.id);
    auto add = [&](const char *suffix, const char *limit, PeriodMath::Unit unit, qint64 max,
                   bool cost) {
        SharedLimit l;
        l.key = base + QLatin1String(suffix);
        l.limit = QLatin1String(limit);
        l.unit = unit;
        l.max = max;
        l.cost = cost;
        out.append(l);
    };
    if (q.dailyTokens > 0)
        add("dt", "dailyTokens", PeriodMath::Unit::Day, q.dailyTokens, false);
    if (q.monthlyTokens > 0)
        add("mt", "monthlyTokens", PeriodMath::Unit::Month, q.monthlyTokens, false);
    if (q.dailyCost > 0)
        add("dc", "dailyCost", PeriodMath::Unit::Day, q.dailyCost, true);
    if (q.monthlyCost > 0)
        add("mc", "monthlyCost", PeriodMath::Unit::Month, q.monthlyCost, true);
    return out;
}

GovernorCore::SharedLimit GovernorCore::sharedLimitOf(const BudgetRule &b) const
{
    SharedLimit l;
    l.key = QStringLiteral("b%1").arg(b.id);
    l.limit = QStringLiteral("budget");
    l.unit = b.period == BudgetPeriod::Day    ? PeriodMath::Unit::Day
             : b.period == BudgetPeriod::Week ? PeriodMath::Unit::Week
                                              : PeriodMath::Unit::Month;
    l.max = b.amount;
    l.enforced = b.hard;
    l.cost = true;
    return l;
}

PeriodMath::Window GovernorCore::window(PeriodMath::Unit unit, qint64 nowMs)
{
    PeriodMath::Window &w = m_windows[int(unit)];
    if (nowMs < w.startMs || nowMs >= w.endMs)
        w = m_periods.window(unit, nowMs);
    return w;
}

SharedCounter &GovernorCore::counterFor(SharedLimit &limit, qint64 nowMs)
{
    if (nowMs < limit.windowStartMs || nowMs >= limit.windowEndMs || limit.counter.isEmpty()) {
        const PeriodMath::Window w = window(limit.unit, nowMs);
        limit.windowStartMs = w.startMs;
        limit.windowEndMs = w.endMs;
        limit.counter = counterId(limit.key, w.startMs);
    }
    auto it = m_counters.find(limit.counter);
    if (it == m_counters.end()) {
        SharedCounter c;
        c.key = limit.key;
        c.periodStartMs = limit.windowStartMs;
        c.periodEndMs = limit.windowEndMs;
        it = m_counters.insert(limit.counter, c);
    }
    it->limit = limit.max;
    it->enforced = limit.enforced;
    return *it;
}

void GovernorCore::setRules(GovernanceRulesPtr rules, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    m_rules = rules ? std::move(rules) : std::make_shared<GovernanceRules>();
    m_quotasByScope.clear();
    m_budgetsByScope.clear();
    m_quotaIndex.clear();
    m_budgetIndex.clear();
    m_quotaLimits.clear();
    m_budgetLimits.clear();
    for (int i = 0; i < m_rules->quotas.size(); ++i) {
        const QuotaRule &q = m_rules->quotas.at(i);
        m_quotaLimits.append(sharedLimitsOf(q));
        if (!q.enabled)
            continue;
        m_quotasByScope[CallScopes::key(q.scope, q.scopeId)].append(i);
        m_quotaIndex.insert(q.id, i);
        // Counters exist from the start, so the synchronisation reads their cluster-wide use.
        for (SharedLimit &l : m_quotaLimits[i])
            counterFor(l, nowMs);
    }
    for (int i = 0; i < m_rules->budgets.size(); ++i) {
        const BudgetRule &b = m_rules->budgets.at(i);
        m_budgetLimits.append(sharedLimitOf(b));
        if (!b.enabled || b.amount <= 0)
            continue;
        m_budgetsByScope[CallScopes::key(b.scope, b.scopeId)].append(i);
        m_budgetIndex.insert(b.id, i);
        counterFor(m_budgetLimits[i], nowMs);
    }
    m_hasRules = !m_quotaIndex.isEmpty() || !m_budgetIndex.isEmpty();
}

GovernorCore::Outcome GovernorCore::evaluate(const AdmissionRequest &request, qint64 waitingSinceMs,
                                             int round, Admission *admission,
                                             QList<LeaseNeed> *needs)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = request.nowMs > 0 ? request.nowMs : Clock::nowMs();
    // Tickets are made only for admitted calls: one dropped here would release under the lock.
    auto newTicket = [this] {
        auto t = std::make_shared<AdmissionTicket>();
        t->core = weak_from_this();
        return t;
    };
    QVarLengthArray<int, 16> quotas; // no heap allocation for the usual handful of rules
    QVarLengthArray<int, 16> budgets;
    if (!m_quotasByScope.isEmpty() || !m_budgetsByScope.isEmpty()) {
        static const QHash<qint64, QList<qint64>> noGroups;
        static const QHash<qint64, qint64> noParents;
        const RelaySnapshot *s = request.snapshot.get();
        const QList<CallScopes::Scope> scopes = CallScopes::of(
            request.key, s ? s->groupsByUser : noGroups, s ? s->departmentParent : noParents);
        for (const CallScopes::Scope &scope : scopes) {
            const quint64 k = CallScopes::key(scope.first, scope.second);
            // Spend rolls up to the group a call went through (the key's group), not to every
            // group its user belongs to; quotas apply to all of the user's groups.
            if (scope.first != LimitScope::Group || scope.second == request.key.groupId) {
                for (int i : m_budgetsByScope.value(k))
                    budgets.append(i);
            }
            for (int i : m_quotasByScope.value(k)) {
                const QString &pattern = m_rules->quotas.at(i).model;
                bool matches = CallScopes::modelMatches(pattern, request.model);
                for (qsizetype m = 0; !matches && m < request.upstreamModels.size(); ++m)
                    matches = CallScopes::modelMatches(pattern, request.upstreamModels.at(m));
                if (matches)
                    quotas.append(i);
            }
        }
    }
    if (quotas.isEmpty() && budgets.isEmpty()) {
        const AdmissionTicketPtr ticket = newTicket();
        lock.unlock(); // a ticket the caller's Admission held before is released unlocked
        admission->ticket = ticket;
        return Outcome::Admitted;
    }

    const qint64 estTokens = qMax<qint64>(1, request.estimatedTokens);
    const qint64 estCost = qMax<qint64>(1, request.estimatedCost);
    const bool offline = m_leased && !m_dbOnline;
    const bool pastGrace = offline && now - m_lastDbOkMs > m_graceMs;
    std::optional<LimitBreach> breach;
    // Counters are looked up again when committing: the hash may grow meanwhile.
    QVarLengthArray<AdmissionTicket::SharedHold, 16> holds;
    QList<LeaseNeed> wanted;

    // Checks one shared counter; false on a breach (filled in by the caller).
    auto checkShared = [&](SharedCounter &c, qint64 amount) -> bool {
        if (!c.enforced)
            return true;
        if (!m_leased)
            return c.fitsWithoutLease(amount);
        // The lease first, whether the database answers or not.
        if (c.free() >= amount)
            return true;
        if (offline)
            return c.fitsOffline(amount);
        const qint64 missing = amount - c.free();
        const qint64 available = c.limit - c.clusterUsed - c.clusterLeased;
        const bool recentlyExhausted =
            c.exhaustedAtMs > 0 &&
            (c.exhaustedAtMs >= waitingSinceMs || now - c.exhaustedAtMs < kExhaustedMemoMs);
        if ((recentlyExhausted && available < missing) || round >= kMaxLeaseRounds)
            return false;
        LeaseNeed n;
        n.counter = counterId(c.key, c.periodStartMs);
        n.op.key = c.key;
        n.op.periodStartMs = c.periodStartMs;
        n.op.limit = c.limit;
        n.op.need = missing;
        wanted.append(n);
        return true;
    };

    for (int i : std::as_const(budgets)) {
        const BudgetRule &b = m_rules->budgets.at(i);
        SharedLimit &l = m_budgetLimits[i];
        SharedCounter &c = counterFor(l, now);
        if (b.hard && pastGrace && !breach) {
            LimitBreach x;
            x.kind = LimitBreach::Kind::BudgetOffline;
            x.limit = l.limit;
            x.scope = b.scope;
            x.scopeName = b.scopeName;
            x.budgetName = b.name;
            x.period = b.period;
            x.max = b.amount;
            x.databaseLostAtMs = m_lastDbOkMs;
            breach = x;
            continue;
        }
        if (!checkShared(c, estCost) && !breach) {
            LimitBreach x;
            x.kind = LimitBreach::Kind::Budget;
            x.limit = l.limit;
            x.scope = b.scope;
            x.scopeName = b.scopeName;
            x.budgetName = b.name;
            x.period = b.period;
            x.max = b.amount;
            x.used = c.spent() + c.reserved;
            x.resetAtMs = c.periodEndMs;
            breach = x;
        }
        holds.append({l.counter, estCost, true});
    }
    // The tightest quota limit, for the headers of an admitted call.
    double tightest = 2.0;
    struct
    {
        const QString *limit = nullptr;
        qint64 max = 0;
        qint64 used = 0;
        qint64 resetAtMs = 0;
    } tight;
    auto consider = [&](const QString &limit, qint64 max, qint64 used, qint64 resetAtMs) {
        const double left = double(max - used) / double(max);
        if (left < tightest) {
            tightest = left;
            tight = {&limit, max, used, resetAtMs};
        }
    };
    static const QString rpmName = QStringLiteral("rpm");
    static const QString tpmName = QStringLiteral("tpm");
    QVarLengthArray<qint64, 16> rateQuotas;
    for (int i : std::as_const(quotas)) {
        const QuotaRule &q = m_rules->quotas.at(i);
        auto quotaBreach = [&](const QString &limit, qint64 max, qint64 used, qint64 resetAtMs) {
            if (breach)
                return;
            LimitBreach x;
            x.kind = LimitBreach::Kind::Quota;
            x.limit = limit;
            x.scope = q.scope;
            x.scopeName = q.scopeName;
            x.max = max;
            x.used = used;
            x.resetAtMs = resetAtMs;
            breach = x;
        };
        if (q.rpm > 0 || q.tpm > 0 || q.concurrency > 0) {
            const PeriodMath::Window minute = window(PeriodMath::Unit::Minute, now);
            RateWindow &w = m_rates[q.id];
            w.roll(minute.startMs);
            if (!w.fitsRpm(q.rpm))
                quotaBreach(QStringLiteral("rpm"), q.rpm, w.requests, minute.endMs);
            if (!w.fitsConcurrency(q.concurrency))
                quotaBreach(QStringLiteral("concurrency"), q.concurrency, w.inFlight, 0);
            if (!w.fitsTpm(q.tpm))
                quotaBreach(QStringLiteral("tpm"), q.tpm, w.tokens, minute.endMs);
            if (q.rpm > 0)
                consider(rpmName, q.rpm, w.requests + 1, minute.endMs);
            if (q.tpm > 0)
                consider(tpmName, q.tpm, w.tokens + estTokens, minute.endMs);
            rateQuotas.append(q.id);
        }
        for (SharedLimit &l : m_quotaLimits[i]) {
            SharedCounter &c = counterFor(l, now);
            const qint64 amount = l.cost ? estCost : estTokens;
            if (!checkShared(c, amount))
                quotaBreach(l.limit, l.max, c.spent() + c.reserved, c.periodEndMs);
            consider(l.limit, l.max, c.spent() + c.reserved + amount, c.periodEndMs);
            holds.append({l.counter, amount, l.cost});
        }
    }
    if (breach) {
        admission->refusal = RefusalBuilder::build(*breach, now);
        return Outcome::Refused;
    }
    if (!wanted.isEmpty()) {
        *needs = wanted;
        return Outcome::Wait;
    }
    const AdmissionTicketPtr ticket = newTicket();
    for (qint64 id : std::as_const(rateQuotas)) {
        RateWindow &w = m_rates[id];
        ++w.requests;
        w.tokens += estTokens;
        ++w.inFlight;
        ticket->rates.append({id, w.windowStartMs, estTokens});
    }
    for (const AdmissionTicket::SharedHold &h : std::as_const(holds)) {
        SharedCounter &c = m_counters[h.counter];
        c.reserved += h.estimate;
        c.lastAdmitMs = now;
        ticket->shared.append(h);
    }
    HttpHeaderList headers;
    if (tight.limit)
        headers = RefusalBuilder::rateLimitHeaders(*tight.limit, tight.max, tight.max - tight.used,
                                                   tight.resetAtMs);
    lock.unlock(); // a ticket the caller's Admission held before is released unlocked
    admission->ticket = ticket;
    admission->headers = headers;
    return Outcome::Admitted;
}

void GovernorCore::settle(AdmissionTicket &ticket, qint64 tokens, MicroUsd cost, bool estimates)
{
    QMutexLocker lock(&m_mutex);
    for (const AdmissionTicket::RateHold &h : std::as_const(ticket.rates)) {
        auto it = m_rates.find(h.quotaId);
        if (it == m_rates.end())
            continue;
        if (it->windowStartMs == h.windowStartMs && !estimates)
            it->tokens = qMax<qint64>(0, it->tokens - h.tokens + qMax<qint64>(0, tokens));
        it->inFlight = qMax<qint64>(0, it->inFlight - 1);
    }
    for (const AdmissionTicket::SharedHold &h : std::as_const(ticket.shared)) {
        auto it = m_counters.find(h.counter);
        if (it == m_counters.end())
            continue;
        it->reserved = qMax<qint64>(0, it->reserved - h.estimate);
        it->pending += estimates ? h.estimate : qMax<qint64>(0, h.cost ? cost : tokens);
    }
}

bool GovernorCore::beginLease(const LeaseNeed &need)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_counters.find(need.counter);
    if (it == m_counters.end() || it->leaseInFlight)
        return false;
    it->leaseInFlight = true;
    return true;
}

void GovernorCore::leaseAnswered(const LeaseStore::Op &op,
                                 const std::optional<LeaseStore::Result> &result, bool databaseLost,
                                 qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_counters.find(counterId(op.key, op.periodStartMs));
    if (it != m_counters.end()) {
        it->leaseInFlight = false;
        if (result) {
            it->held = result->held - it->givingBack;
            it->clusterUsed = result->used;
            it->clusterLeased = result->leased;
            it->lastRenewMs = nowMs;
            if (result->granted < result->need)
                it->exhaustedAtMs = nowMs;
        }
    }
    if (result) {
        m_dbOnline = true;
        m_lastDbOkMs = nowMs;
    } else if (databaseLost) {
        m_dbOnline = false;
    }
}

GovernorCore::SyncPlan GovernorCore::planSync(qint64 nowMs, bool final)
{
    QMutexLocker lock(&m_mutex);
    SyncPlan plan;
    plan.oldestPeriodStartMs = nowMs;
    for (auto it = m_counters.begin(); it != m_counters.end(); ++it) {
        SharedCounter &c = *it;
        plan.anyCounter = true;
        plan.oldestPeriodStartMs = qMin(plan.oldestPeriodStartMs, c.periodStartMs);
        const qint64 keep = final || c.periodEndMs <= nowMs ? 0 : c.keep(nowMs);
        const qint64 giveBack = m_leased ? qMax<qint64>(0, c.free() - keep) : 0;
        const qint64 commit = c.pending;
        const bool renew = c.held > 0 && nowMs - c.lastRenewMs >= kRenewMs;
        if (commit <= 0 && giveBack <= 0 && !renew)
            continue;
        LeaseStore::Op op;
        op.key = c.key;
        op.periodStartMs = c.periodStartMs;
        op.limit = c.limit;
        op.commit = commit;
        op.giveBack = giveBack;
        c.pending -= commit;
        c.committing += commit;
        c.held -= giveBack;
        c.givingBack += giveBack;
        plan.ops.append(op);
    }
    return plan;
}

void GovernorCore::syncAnswered(const QList<LeaseStore::Op> &ops,
                                const QList<std::optional<LeaseStore::Result>> &results,
                                const QList<LeaseStore::Row> &rows, bool databaseLost, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    bool anyOk = false;
    for (int i = 0; i < ops.size(); ++i) {
        const LeaseStore::Op &op = ops.at(i);
        const std::optional<LeaseStore::Result> &r =
            i < results.size() ? results.at(i) : std::nullopt;
        auto it = m_counters.find(counterId(op.key, op.periodStartMs));
        if (it == m_counters.end())
            continue;
        it->committing -= op.commit;
        it->givingBack -= op.giveBack;
        if (r) {
            anyOk = true;
            it->held = r->held - it->givingBack;
            it->clusterUsed = r->used;
            it->clusterLeased = r->leased;
            it->lastRenewMs = nowMs;
        } else {
            it->pending += op.commit; // committed at the next synchronisation
        }
    }
    for (const LeaseStore::Row &row : rows) {
        auto it = m_counters.find(counterId(row.key, row.periodStartMs));
        if (it == m_counters.end())
            continue;
        it->clusterUsed = row.used;
        it->clusterLeased = row.leased;
    }
    if (!databaseLost && (anyOk || ops.isEmpty())) {
        m_dbOnline = true;
        m_lastDbOkMs = nowMs;
    } else if (databaseLost) {
        m_dbOnline = false;
    }
}

void GovernorCore::prune(qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    QSet<QString> live;
    for (const QList<SharedLimit> &limits : std::as_const(m_quotaLimits)) {
        for (const SharedLimit &l : limits)
            live.insert(l.key);
    }
    for (const SharedLimit &l : std::as_const(m_budgetLimits))
        live.insert(l.key);
    for (auto it = m_counters.begin(); it != m_counters.end();) {
        const SharedCounter &c = *it;
        const bool drained = c.held <= 0 && c.reserved <= 0 && c.pending <= 0 &&
                             c.committing <= 0 && c.givingBack <= 0 && !c.leaseInFlight;
        if (drained && (c.periodEndMs <= nowMs || !live.contains(c.key)))
            it = m_counters.erase(it);
        else
            ++it;
    }
}

QuotaStatus GovernorCore::quotaStatusLocked(int index, qint64 nowMs)
{
    const QuotaRule &q = m_rules->quotas.at(index);
    QuotaStatus s;
    s.quotaId = q.id;
    const PeriodMath::Window minute = window(PeriodMath::Unit::Minute, nowMs);
    const RateWindow w = m_rates.value(q.id);
    const bool current = w.windowStartMs == minute.startMs;
    if (q.rpm > 0)
        s.limits.append({QStringLiteral("rpm"), q.rpm, current ? w.requests : 0, minute.endMs});
    if (q.tpm > 0)
        s.limits.append({QStringLiteral("tpm"), q.tpm, current ? w.tokens : 0, minute.endMs});
    if (q.concurrency > 0)
        s.limits.append({QStringLiteral("concurrency"), q.concurrency, w.inFlight, 0});
    for (SharedLimit &l : m_quotaLimits[index]) {
        const SharedCounter &c = counterFor(l, nowMs);
        s.limits.append({l.limit, l.max, c.spent(), c.periodEndMs});
    }
    return s;
}

BudgetStatus GovernorCore::budgetStatusLocked(int index, qint64 nowMs)
{
    const BudgetRule &b = m_rules->budgets.at(index);
    const SharedCounter &c = counterFor(m_budgetLimits[index], nowMs);
    BudgetStatus s;
    s.budgetId = b.id;
    s.amount = b.amount;
    s.spent = c.spent();
    s.remaining = qMax<qint64>(0, b.amount - s.spent);
    s.periodStartMs = c.periodStartMs;
    s.periodEndMs = c.periodEndMs;
    const double elapsed = double(qMax<qint64>(1, nowMs - c.periodStartMs));
    const double length = double(qMax<qint64>(1, c.periodEndMs - c.periodStartMs));
    s.forecast = qint64(std::llround(double(s.spent) * qMax(1.0, length / elapsed)));
    return s;
}

std::optional<QuotaStatus> GovernorCore::quotaStatus(qint64 quotaId, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_quotaIndex.constFind(quotaId);
    if (it == m_quotaIndex.cend())
        return std::nullopt;
    return quotaStatusLocked(*it, nowMs);
}

std::optional<BudgetStatus> GovernorCore::budgetStatus(qint64 budgetId, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_budgetIndex.constFind(budgetId);
    if (it == m_budgetIndex.cend())
        return std::nullopt;
    return budgetStatusLocked(*it, nowMs);
}

QList<QuotaStatus> GovernorCore::quotaStatuses(qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    QList<QuotaStatus> out;
    for (int i = 0; i < m_rules->quotas.size(); ++i) {
        if (m_quotaIndex.contains(m_rules->quotas.at(i).id))
            out.append(quotaStatusLocked(i, nowMs));
    }
    return out;
}

QList<BudgetStatus> GovernorCore::budgetStatuses(qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    QList<BudgetStatus> out;
    for (int i = 0; i < m_rules->budgets.size(); ++i) {
        if (m_budgetIndex.contains(m_rules->budgets.at(i).id))
            out.append(budgetStatusLocked(i, nowMs));
    }
    return out;
}

std::optional<SharedCounter> GovernorCore::counter(const QString &key, qint64 nowMs)
{
    QMutexLocker lock(&m_mutex);
    std::optional<SharedCounter> best;
    for (const SharedCounter &c : std::as_const(m_counters)) {
        if (c.key == key && c.periodStartMs <= nowMs && nowMs < c.periodEndMs)
            best = c;
    }
    return best;
}
