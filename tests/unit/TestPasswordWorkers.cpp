// SPDX-License-Identifier: GPL-3.0-or-later
// The bounded pool that hashes passwords off the database thread.
#include "api/admin/PasswordWorkers.h"

#include <QSemaphore>
#include <QTest>
#include <QThread>

class TestPasswordWorkers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesWhenFullAndAnswersOnTheCallingThread()
    {
        PasswordWorkers workers(1, 2);
        QSemaphore gate;
        int done = 0;
        QThread *const caller = QThread::currentThread();
        QThread *ranOn = nullptr;
        QThread *doneOn = nullptr;
        const auto job = [&] {
            ranOn = QThread::currentThread();
            gate.acquire();
        };
        const auto finished = [&] {
            doneOn = QThread::currentThread();
            ++done;
        };
        QVERIFY(workers.submit(job, finished));
        QVERIFY(workers.submit(job, finished));
        QCOMPARE(workers.pending(), 2);
        // Full: refused at once, nothing queued.
        QVERIFY(!workers.submit(job, finished));
        gate.release(2);
        QTRY_COMPARE_WITH_TIMEOUT(done, 2, 30000);
        QCOMPARE(workers.pending(), 0);
        QVERIFY(ranOn != caller);
        QCOMPARE(doneOn, caller);
        // Room again.
        gate.release(1);
        QVERIFY(workers.submit(job, finished));
        QTRY_COMPARE_WITH_TIMEOUT(done, 3, 30000);
    }
};

QTEST_GUILESS_MAIN(TestPasswordWorkers)
#include "TestPasswordWorkers.moc"
