// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/CoreSpreader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <atomic>
#include <thread>

#ifdef Q_OS_LINUX
#include <sched.h>
#include <unistd.h>
#endif

namespace {

#ifdef Q_OS_LINUX
// A thread with an event loop that is a member of a CoreSpreader. When spinning, each turn of
// its loop burns about 100 µs, so it never sleeps; it records whether it ever ran on a core
// other than `pinnedCpu`.
class Member : public QObject
{
public:
    std::atomic<int> tid{0};
    std::atomic<bool> attached{false};
    std::atomic<bool> ranElsewhere{false};
    std::atomic<int> pinnedCpu{-1};

    void spin()
    {
        auto *timer = new QTimer(this);
        timer->setInterval(0);
        connect(timer, &QTimer::timeout, this, [this] {
            QElapsedTimer t;
            t.start();
            while (t.nsecsElapsed() < 100000) {
            }
            const int cpu = ::sched_getcpu();
            const int pinned = pinnedCpu.load();
            if (pinned >= 0 && cpu != pinned)
                ranElsewhere = true;
        });
        timer->start();
    }
};

char threadState(int tid)
{
    QFile file(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = file.readAll();
    char state = 0;
    int cpu = -1;
    return CoreSpreader::parseStat(text.constData(), text.size(), &state, &cpu) ? state : 0;
}

cpu_set_t affinityOf(int tid)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    ::sched_getaffinity(tid, sizeof(set), &set);
    return set;
}

bool setAffinity(int tid, const cpu_set_t &set)
{
    return ::sched_setaffinity(tid, sizeof(set), &set) == 0;
}

cpu_set_t only(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return set;
}

bool sameSet(const cpu_set_t &a, const cpu_set_t &b)
{
    return CPU_EQUAL(&a, &b);
}

// Two member threads of one spreader, started and attached, then allowed two cores `a` and `b`
// (`all`; both -1 when the process may use fewer than two cores, and nothing is started then).
// A plain thread can keep core `b` busy, so that the kernel's balancing (two threads on `a`,
// one on `b`: nothing to gain) leaves both members on `a`.
struct Pair
{
    CoreSpreader spreader{2};
    QThread threads[2];
    Member members[2];
    cpu_set_t all{};
    int a = -1;
    int b = -1;
    bool ready = false;
    std::atomic<bool> stopBusy{false};
    std::thread busy;

    Pair()
    {
        const cpu_set_t allowed = affinityOf(0);
        for (int cpu = 0; cpu < CPU_SETSIZE && b < 0; ++cpu)
            if (CPU_ISSET(cpu, &allowed))
                (a < 0 ? a : b) = cpu;
        if (b < 0) {
            a = -1;
            return;
        }
        CPU_ZERO(&all);
        CPU_SET(a, &all);
        CPU_SET(b, &all);
        ready = true;
        for (int i = 0; i < 2; ++i) {
            members[i].moveToThread(&threads[i]);
            threads[i].start();
            QMetaObject::invokeMethod(
                &members[i],
                [this, i] {
                    members[i].tid = int(::gettid());
                    members[i].attached = spreader.attachCurrentThread(i);
                },
                Qt::BlockingQueuedConnection);
            ready = ready && members[i].attached && setAffinity(members[i].tid, all);
        }
    }
    void keepBBusy()
    {
        busy = std::thread([this] {
            const cpu_set_t set = only(b);
            ::sched_setaffinity(0, sizeof(set), &set);
            while (!stopBusy.load()) {
            }
        });
    }
    void stopSpinning()
    {
        stopBusy = true;
        if (busy.joinable())
            busy.join();
        for (Member &m : members)
            if (a >= 0) // started
                QMetaObject::invokeMethod(
                    &m, [&m] { qDeleteAll(m.findChildren<QTimer *>()); },
                    Qt::BlockingQueuedConnection);
    }
    ~Pair()
    {
        stopSpinning();
        for (int i = 0; i < 2 && a >= 0; ++i) {
            QMetaObject::invokeMethod(
                &members[i], [this, i] { spreader.detachCurrentThread(i); },
                Qt::BlockingQueuedConnection);
            threads[i].quit();
            threads[i].wait();
        }
    }
};
#endif

} // namespace

class TestCoreSpreader : public QObject
{
    Q_OBJECT
private slots:
    void parsesStateAndCore()
    {
        // Fields 3 (state) and 39 (last core) of a real line, whose name has a space and
        // parentheses in it.
        QByteArray line = "4242 (we (ird) name) S";
        for (int field = 4; field <= 52; ++field)
            line += ' ' + QByteArray::number(field == 39 ? 7 : field * 10);
        line += '\n';
        char state = 0;
        int cpu = -1;
        QVERIFY(CoreSpreader::parseStat(line.constData(), line.size(), &state, &cpu));
        QCOMPARE(state, 'S');
        QCOMPARE(cpu, 7);
    }

    void parsesThisThreadFromProc()
    {
#ifdef Q_OS_LINUX
        QFile file(QStringLiteral("/proc/self/task/%1/stat").arg(::gettid()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        char state = 0;
        int cpu = -1;
        QVERIFY2(CoreSpreader::parseStat(text.constData(), text.size(), &state, &cpu),
                 text.constData());
        QCOMPARE(state, 'R'); // reading it, so running
        QVERIFY(cpu >= 0 && cpu < CPU_SETSIZE);
#else
        QSKIP("/proc is Linux only");
#endif
    }

    void refusesWhatIsNotAStatLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QByteArray full = "1 (x) R";
        for (int field = 4; field <= 52; ++field)
            full += ' ' + QByteArray::number(field);
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("no name") << QByteArray("1 x R 1 2 3");
        QTest::newRow("ends before the core") << full.left(full.indexOf(" 39 "));
        QTest::newRow("core not a number") << QByteArray(full).replace(" 39 ", " 3x ");
        QTest::newRow("state not one letter") << QByteArray(full).replace(" R ", " RR ");
        QTest::newRow("core too long") << QByteArray(full).replace(" 39 ", " 12345678901 ");
        QTest::newRow("fields on the next line") << QByteArray("1 (x) R\n4 5 6");
    }

    void refusesWhatIsNotAStatLine()
    {
        QFETCH(QByteArray, text);
        char state = 0;
        int cpu = -1;
        QVERIFY(!CoreSpreader::parseStat(text.constData(), text.size(), &state, &cpu));
    }

    void movesABusySiblingWaitingOnTheSameCore()
    {
#ifdef Q_OS_LINUX
        Pair pair;
        if (pair.a < 0)
            QSKIP("needs two CPU cores");
        QVERIFY(pair.ready);
        Member &pinned = pair.members[0]; // pinned to core a by the "administrator"
        Member &free = pair.members[1];   // allowed both cores, placed on a for the start
        QVERIFY(setAffinity(pinned.tid, only(pair.a)));
        QVERIFY(setAffinity(free.tid, only(pair.a)));
        pair.keepBBusy();
        for (Member *m : {&pinned, &free}) {
            m->pinnedCpu = pair.a;
            QMetaObject::invokeMethod(
                m, [m] { m->spin(); }, Qt::BlockingQueuedConnection);
        }
        QVERIFY(setAffinity(free.tid, pair.all));
        // Both busy on core a: one runs, the other waits behind it. Only a move lets the free
        // one run on b, and only the free one can be moved.
        QTRY_VERIFY_WITH_TIMEOUT(pair.spreader.moves() >= 1 && free.ranElsewhere.load(), 10000);
        pair.stopSpinning();
        QVERIFY(!pinned.ranElsewhere.load());
        QVERIFY(sameSet(affinityOf(pinned.tid), only(pair.a)));
        // The moved thread put back the affinity it had before the move.
        QTRY_VERIFY(sameSet(affinityOf(free.tid), pair.all));
#else
        QSKIP("Linux only");
#endif
    }

    void leavesASleepingSiblingAlone()
    {
#ifdef Q_OS_LINUX
        Pair pair;
        if (pair.a < 0)
            QSKIP("needs two CPU cores");
        QVERIFY(pair.ready);
        Member &busy = pair.members[0];
        Member &asleep = pair.members[1];
        QVERIFY(setAffinity(busy.tid, only(pair.a)));
        // A turn on core a, so that `asleep` is last seen there; then it may use both cores
        // and sleeps in its event loop.
        QVERIFY(setAffinity(asleep.tid, only(pair.a)));
        QMetaObject::invokeMethod(&asleep, []{}, Qt::BlockingQueuedConnection);
        QVERIFY(setAffinity(asleep.tid, pair.all));
        QTRY_VERIFY(threadState(asleep.tid) == 'S');
        QMetaObject::invokeMethod(&busy, [&busy] { busy.spin(); });
        // The busy member looks at the stalled sibling on its core (probes), finds it asleep
        // and leaves it where it is.
        QTRY_VERIFY_WITH_TIMEOUT(pair.spreader.probes() >= 3, 10000);
        pair.stopSpinning();
        QCOMPARE(pair.spreader.moves(), quint64(0));
        QVERIFY(sameSet(affinityOf(asleep.tid), pair.all));
#else
        QSKIP("Linux only");
#endif
    }
};

QTEST_GUILESS_MAIN(TestCoreSpreader)

#include "TestCoreSpreader.moc"
