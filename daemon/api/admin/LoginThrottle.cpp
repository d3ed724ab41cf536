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
    // Addresses get more room than accounts: several people may share one NAT address.
    const int free = &table == &m_addresses ? m_policy.freeFailures * 4 : m_policy.freeFailures;
    if (e.failures >= free) {
        const int doublings = qMin(20, e.failures - free);
        const qint64 lock = qMin(m_policy.maxLockMs, m_policy.baseLockMs << doublings);
        e.lockedUntilMs = nowMs + lock;
    }
}

void LoginThrottle::recordFailure(const QString &account, const QString &address, qint64 nowMs)
{
    prune(nowMs);
    fail(m_accounts, account, nowMs);
    fail(m_addresses, address, nowMs);
}

void LoginThrottle::recordSuccess(const QString &account, const QString &address)
{
    m_accounts.remove(account);
    Q_UNUSED(address); // other accounts behind the same address keep their record
}

void LoginThrottle::prune(qint64 nowMs)
{
    // Bound memory under a spray of random names/addresses.
    for (QHash<QString, Entry> *table : {&m_accounts, &m_addresses}) {
        if (table->size() < 10000)
            continue;
        for (auto it = table->begin(); it != table->end();)
            it = nowMs - it->lastFailureMs > m_policy.forgetAfterMs ? table->erase(it)
                                                                    : std::next(it);
    }
}
