// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/LoginThrottle.h"

#include <QTest>

class TestLoginThrottle final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void attemptsInProgressCountBeforeTheyFinish()
    {
        // 60 concurrent guesses: only as many as could fail before a lock are checked at all.
        LoginThrottle t;
        const QString who = QStringLiteral("a@example.com");
        const QString ip = QStringLiteral("10.0.0.1");
        const qint64 now = 1000000;
        int admitted = 0;
        int refused = 0;
        for (int i = 0; i < 60; ++i) {
            if (t.begin(who, ip, now) == 0)
                ++admitted;
            else
                ++refused;
        }
        QCOMPARE(admitted, 5);
        QCOMPARE(refused, 55);
        for (int i = 0; i < admitted; ++i)
            t.finish(who, ip, LoginThrottle::Outcome::Failed, now);
        QCOMPARE(t.retryAfterMs(who, ip, now), 30000);
        QVERIFY(t.begin(who, ip, now) > 0);
        // An attempt never checked (e.g. the hashing queue was full) releases its slot only.
        LoginThrottle u;
        QCOMPARE(u.begin(who, ip, now), 0);
        u.finish(who, ip, LoginThrottle::Outcome::NotChecked, now);
        QCOMPARE(u.retryAfterMs(who, ip, now), 0);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(u.begin(who, ip, now), 0);
        // A success clears the account while the others are still running; they release later.
        u.finish(who, ip, LoginThrottle::Outcome::Succeeded, now);
        QCOMPARE(u.begin(who, ip, now), 0);
        for (int i = 0; i < 5; ++i)
            u.finish(who, ip, LoginThrottle::Outcome::Failed, now);
        QVERIFY(u.retryAfterMs(who, ip, now) > 0);
    }

    void locksAfterFiveFailuresAndBacksOff()
    {
        LoginThrottle t;
        const QString who = QStringLiteral("a@example.com");
        const QString ip = QStringLiteral("10.0.0.1");
        qint64 now = 1000000;
        for (int i = 0; i < 4; ++i) {
            t.recordFailure(who, ip, now);
            QCOMPARE(t.retryAfterMs(who, ip, now), 0);
        }
        t.recordFailure(who, ip, now);
        QCOMPARE(t.retryAfterMs(who, ip, now), 30000);
        QCOMPARE(t.retryAfterMs(who, ip, now + 29999), 1);
        QCOMPARE(t.retryAfterMs(who, ip, now + 30000), 0);
        // Another failure doubles the lock, up to the cap.
        now += 30000;
        t.recordFailure(who, ip, now);
        QCOMPARE(t.retryAfterMs(who, ip, now), 60000);
        for (int i = 0; i < 20; ++i)
            t.recordFailure(who, ip, now);
        QCOMPARE(t.retryAfterMs(who, ip, now), 900000);
        // The lock is per account: someone else from another address is not affected.
        QCOMPARE(t.retryAfterMs(QStringLiteral("b@example.com"), QStringLiteral("10.0.0.2"), now),
                 0);
        // A success clears the account's record.
        t.recordSuccess(who, ip);
        QCOMPARE(t.retryAfterMs(who, QStringLiteral("10.0.0.3"), now), 0);
    }

    void sprayingManyAccountsFromOneAddressLocksTheAddress()
    {
        LoginThrottle t;
        const QString ip = QStringLiteral("192.0.2.7");
        const qint64 now = 5000000;
        for (int i = 0; i < 19; ++i)
            t.recordFailure(QStringLiteral("user%1@example.com").arg(i), ip, now);
        QCOMPARE(t.retryAfterMs(QStringLiteral("fresh@example.com"), ip, now), 0);
        t.recordFailure(QStringLiteral("user19@example.com"), ip, now);
        QVERIFY(t.retryAfterMs(QStringLiteral("fresh@example.com"), ip, now) > 0);
        // Old failures are forgotten after an hour.
        QCOMPARE(t.retryAfterMs(QStringLiteral("fresh@example.com"), ip, now + 3600001), 0);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "TestLoginThrottle.moc"
