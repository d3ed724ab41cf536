// SPDX-License-Identifier: GPL-3.0-or-later
// The live usage broadcaster: fan-out, wake-ups and the bounded per-subscriber queue.
#include "ledger/UsageFeed.h"

#include <QTest>
#include <QThread>

#include <atomic>

class TestUsageFeed : public QObject
{
    Q_OBJECT
private slots:
    void fansOutToEverySubscriber()
    {
        UsageFeed feed(8);
        int wakesA = 0;
        int wakesB = 0;
        auto a = feed.subscribe([&] { ++wakesA; });
        auto b = feed.subscribe([&] { ++wakesB; });
        QVERIFY(feed.hasSubscribers());
        feed.publish("one");
        feed.publish("two");
        // Woken once when the queue went from empty to non-empty.
        QCOMPARE(wakesA, 1);
        QCOMPARE(wakesB, 1);
        QCOMPARE(a->take(), (QList<QByteArray>{"one", "two"}));
        QCOMPARE(b->take(), (QList<QByteArray>{"one", "two"}));
        feed.publish("three");
        QCOMPARE(wakesA, 2);
        QCOMPARE(a->take(), QList<QByteArray>{"three"});
        feed.unsubscribe(a);
        feed.unsubscribe(b);
        QVERIFY(!feed.hasSubscribers());
    }

    void dropsTheSlowSubscriberInsteadOfGrowing()
    {
        UsageFeed feed(4);
        int slowWakes = 0;
        auto slow = feed.subscribe([&] { ++slowWakes; });
        auto fast = feed.subscribe([] {});
        for (int i = 0; i < 10; ++i) {
            feed.publish(QByteArray::number(i));
            QCOMPARE(fast->take().size(), 1);
        }
        QVERIFY(slow->isDropped());
        QVERIFY(slow->take().isEmpty()); // cleared when dropped
        QCOMPARE(slowWakes, 2);          // first event, then the drop
        QVERIFY(!fast->isDropped());
        QCOMPARE(feed.subscriberCount(), 1);
    }

    void publishesFromManyThreads()
    {
        UsageFeed feed(100000);
        auto sub = feed.subscribe([] {});
        QList<QThread *> threads;
        for (int t = 0; t < 4; ++t) {
            threads.append(QThread::create([&feed] {
                for (int i = 0; i < 1000; ++i)
                    feed.publish("x");
            }));
            threads.last()->start();
        }
        for (QThread *t : threads) {
            QVERIFY(t->wait(30000));
            delete t;
        }
        QCOMPARE(sub->take().size(), 4000);
    }
};

QTEST_GUILESS_MAIN(TestUsageFeed)
#include "TestUsageFeed.moc"
