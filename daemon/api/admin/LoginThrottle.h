// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>

// Slows down password guessing: after a few failed logins for an account or from an address,
// further attempts are refused for a lock time that doubles with each further failure.
// Pure logic; time is passed in.
class LoginThrottle
{
public:
    struct Policy
    {
        int freeFailures = 5;           // failures allowed before locking
        qint64 baseLockMs = 30000;      // first lock
        qint64 maxLockMs = 900000;      // cap (15 min)
        qint64 forgetAfterMs = 3600000; // failures older than this are forgotten
    };

    LoginThrottle() = default;
    explicit LoginThrottle(const Policy &policy) : m_policy(policy) {}

    // Milliseconds to wait before another attempt is accepted; 0 = go ahead.
    qint64 retryAfterMs(const QString &account, const QString &address, qint64 nowMs) const;
    void recordFailure(const QString &account, const QString &address, qint64 nowMs);
    void recordSuccess(const QString &account, const QString &address);

    // Attempts in progress count like failures until they finish, so a burst of concurrent
    // guesses is refused before any password is checked. begin() returns the wait (> 0: the
    // attempt is refused and nothing is reserved) or 0 and reserves a slot that finish() must
    // release exactly once, with the outcome (or neither when the attempt was never checked).
    qint64 begin(const QString &account, const QString &address, qint64 nowMs);
    enum class Outcome
    {
        Failed,
        Succeeded,
        NotChecked
    };
    void finish(const QString &account, const QString &address, Outcome outcome, qint64 nowMs);

private:
    struct Entry
    {
        int failures = 0;
        qint64 lastFailureMs = 0;
        qint64 lockedUntilMs = 0;
        int inFlight = 0;
    };
    int freeFailures(const QHash<QString, Entry> &table) const;
    qint64 lockFor(const Entry &e, qint64 nowMs) const;
    void fail(QHash<QString, Entry> &table, const QString &id, qint64 nowMs);
    void prune(qint64 nowMs);

    Policy m_policy;
    QHash<QString, Entry> m_accounts;
    QHash<QString, Entry> m_addresses;
};
