// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/ThreadContext.h"

#include <QThread>
#include <QtTest>

#include <atomic>

class TestThreadContext : public QObject
{
    Q_OBJECT
private slots:
    void postRunsOnTheThreadOfTheContext()
    {
        QThread worker;
        worker.start();
        QObject target;
        target.moveToThread(&worker);
        std::atomic<QThread *> ranOn{nullptr};
        ThreadContext::post(&target, [&] { ranOn = QThread::currentThread(); });
        QTRY_VERIFY(ranOn.load() != nullptr);
        QCOMPARE(ranOn.load(), &worker);
        target.moveToThread(thread());
        worker.quit();
        worker.wait();
    }

    void postRunsAtOnceOnTheSameThread()
    {
        bool ran = false;
        ThreadContext::post(ThreadContext::current(), [&] { ran = true; });
        QVERIFY(ran);
    }

    void boundCallsComeBackToTheBindingThread()
    {
        bool ran = false;
        QThread *ranOn = nullptr;
        std::function<void()> back = ThreadContext::bindToCurrent([&] {
            ran = true;
            ranOn = QThread::currentThread();
        });
        QThread *caller = QThread::create([back] { back(); });
        caller->start();
        caller->wait();
        delete caller;
        QVERIFY(!ran); // queued, not run on the calling thread
        QTRY_VERIFY(ran);
        QCOMPARE(ranOn, QThread::currentThread());

        // Called on the binding thread itself it runs at once.
        ran = false;
        back();
        QVERIFY(ran);
    }

    void boundCallsForAnEndedThreadAreDropped()
    {
        std::atomic<bool> ran{false};
        std::function<void()> back;
        QThread *binder =
            QThread::create([&] { back = ThreadContext::bindToCurrent([&] { ran = true; }); });
        binder->start();
        binder->wait();
        delete binder; // its context object is gone with it
        QVERIFY(back);
        back(); // must neither crash nor run anywhere
        QCoreApplication::processEvents();
        QVERIFY(!ran);
    }
};

QTEST_GUILESS_MAIN(TestThreadContext)
#include "TestThreadContext.moc"
