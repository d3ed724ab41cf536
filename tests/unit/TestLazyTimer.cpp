// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/LazyTimer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

// Waits in these tests are lower bounds (a timeout never comes early) or generous upper bounds
// (it comes well before a deadline it replaced); nothing depends on the machine being quiet.
class TestLazyTimer : public QObject
{
    Q_OBJECT

private slots:
    void firesOnceNotBeforeItsDeadline()
    {
        LazyTimer timer;
        QSignalSpy spy(&timer, &LazyTimer::timeout);
        QElapsedTimer clock;
        clock.start();
        timer.start(40);
        QVERIFY(timer.isActive());
        QVERIFY(spy.wait(5000));
        QVERIFY2(clock.elapsed() >= 40, QByteArray::number(clock.elapsed()).constData());
        QVERIFY(!timer.isActive());
        QTest::qWait(60);
        QCOMPARE(spy.count(), 1);
    }

    // The case it is for: a deadline moved later, again and again, starts no timer; the one
    // timeout comes after the last deadline.
    void movingTheDeadlineLaterStartsNoTimer()
    {
        LazyTimer timer;
        QSignalSpy spy(&timer, &LazyTimer::timeout);
        QElapsedTimer clock;
        clock.start();
        timer.start(60);
        QCOMPARE(timer.timerStarts(), quint64(1));
        for (int i = 0; i < 1000; ++i)
            timer.start(60 + i % 3);
        QTest::qWait(20);
        QCOMPARE(spy.count(), 0);
        timer.start(60);
        const qint64 lastStart = clock.elapsed();
        QCOMPARE(timer.timerStarts(), quint64(1));
        QVERIFY(spy.wait(5000));
        QVERIFY2(clock.elapsed() >= lastStart + 60,
                 QByteArray::number(clock.elapsed()).constData());
        QCOMPARE(spy.count(), 1);
        // Set again for the rest of the time (once, or twice after a coarse early fire).
        QVERIFY2(timer.timerStarts() <= 3, QByteArray::number(timer.timerStarts()).constData());
    }

    void anEarlierDeadlineRestartsTheTimer()
    {
        LazyTimer timer;
        QSignalSpy spy(&timer, &LazyTimer::timeout);
        QElapsedTimer clock;
        clock.start();
        timer.start(10 * 1000);
        timer.start(30);
        QCOMPARE(timer.timerStarts(), quint64(2));
        QVERIFY(spy.wait(5000)); // the first deadline was 10 s away
        QVERIFY(clock.elapsed() >= 30);
        QVERIFY(clock.elapsed() < 10 * 1000);
    }

    void stopMeansNoTimeout()
    {
        LazyTimer timer;
        QSignalSpy spy(&timer, &LazyTimer::timeout);
        timer.start(20);
        timer.stop();
        QVERIFY(!timer.isActive());
        QTest::qWait(150);
        QCOMPARE(spy.count(), 0);
        // Started again after the stale fire: a normal timeout.
        timer.start(20);
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.count(), 1);
    }

    void zeroAndNegativeFireAtTheNextTurn()
    {
        LazyTimer timer;
        QSignalSpy spy(&timer, &LazyTimer::timeout);
        timer.start(-5);
        QVERIFY(spy.wait(5000));
        timer.start(0);
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.count(), 2);
    }
};

QTEST_GUILESS_MAIN(TestLazyTimer)
#include "TestLazyTimer.moc"
