// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/LoginThrottle.h"

qint64 LoginThrottle::lockFor(const Entry &e, qint64 nowMs) const
{
    if (nowMs - e.lastFailureMs > m_policy.forgetAfterMs)
        return 0;
    return qMax<qint64>(0, e.lockedUntilMs - nowMs);
}

qint64 LoginThrottle::retryAfterMs(const QString &account, const QString &address,
                                   qint64 nowMs) const
{
    qint64 wait = 0;
    const auto a = m_accounts.constFind(account);
    if (a != m_accounts.cend())
        wait = qMax(wait, lockFor(*a, nowMs));
    const auto b = m_addresses.constFind(address);
    if (b != m_addresses.cend())
        wait = qMax(wait, lockFor(*b, nowMs));
    return wait;
}

void LoginThrottle::fail(QHash<QString, Entry> &table, const QString &id, qint64 nowMs)
{
    Entry &e = table[id];
    if (nowMs - e.lastFailureMs > m_policy.forgetAfterMs)
        e = Entry();
    ++e.failures;
    e.lastFailureMs = nowMs;
    const int free = freeFailures(table);
    if (e.failures >= free) {
        const int doublings = qMin(20, e.failures - free);
        const qint64 lock = qMin(m_policy.maxLockMs, m_policy.baseLockMs << doublings);
        e.lockedUntilMs = nowMs + lock;
    }
}

int LoginThrottle::freeFailures(const QHash<QString, Entry> &table) const
{
    // Addresses get more room than accounts: several people may share one NAT address.
    return &table == &m_addresses ? m_policy.freeFailures * 4 : m_policy.freeFailures;
}

qint64 LoginThrottle::begin(const QString &account, const QString &address, qint64 nowMs)
{
    const qint64 wait = retryAfterMs(account, address, nowMs);
    if (wait > 0)
        return wait;
    // Failures not yet forgotten plus attempts still being checked: if they all failed, this
    // one would be refused, so it waits for them.
    const auto busy = [this, nowMs](const QHash<QString, Entry> &table, const QString &id) {
        const auto it = table.constFind(id);
        if (it == table.cend())
            return false;
        const int failures = nowMs - it->lastFailureMs > m_policy.forgetAfterMs ? 0 : it->failures;
        return it->inFlight > 0 && failures + it->inFlight >= freeFailures(table);
    };
    if (busy(m_accounts, account) || busy(m_addresses, address))
        return qMax<qint64>(1000, m_policy.baseLockMs);
    prune(nowMs);
    ++m_accounts[account].inFlight;
    ++m_addresses[address].inFlight;
    return 0;
}

void LoginThrottle::finish(const QString &account, const QString &address, Outcome outcome,
                           qint64 nowMs)
{
    for (auto [table, id] : {std::pair{&m_accounts, &account}, std::pair{&m_addresses, &address}}) {
        const auto it = table->find(*id);
        if (it != table->end() && it->inFlight > 0)
            --it->inFlight;
    }
    if (outcome == Outcome::Failed)
        recordFailure(account, address, nowMs);
    else if (outcome == Outcome::Succeeded)
        recordSuccess(account, address);
}

void LoginThrottle::recordFailure(const QString &account, const QString &address, qint64 nowMs)
{
    prune(nowMs);
    fail(m_accounts, account, nowMs);
    fail(m_addresses, address, nowMs);
}

void LoginThrottle::recordSuccess(const QString &account, const QString &address)
{
    const auto it = m_accounts.find(account);
    if (it != m_accounts.end()) {
        const int inFlight = it->inFlight;
        *it = Entry();
        it->inFlight = inFlight; // other attempts still being checked release their slot later
        if (inFlight == 0)
            m_accounts.erase(it);
    }
    Q_UNUSED(address); // other accounts behind the same address keep their record
}

void LoginThrottle::prune(qint64 nowMs)
{
    // Bound memory under a spray of random names/addresses.
    for (QHash<QString, Entry> *table : {&m_accounts, &m_addresses}) {
        if (table->size() < 10000)
            continue;
        for (auto it = table->begin(); it != table->end();)
            it = it->inFlight == 0 && nowMs - it->lastFailureMs > m_policy.forgetAfterMs
                     ? table->erase(it)
                     : std::next(it);
    }
}
