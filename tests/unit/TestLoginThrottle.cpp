// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/LoginThrottle.h"

#include <QTest>

class TestLoginThrottle final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
