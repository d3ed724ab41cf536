// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/CoreSpreader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <atomic>

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

// The first core this process may use, or -1 with fewer than two.
int sharedCore()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof(set), &set) != 0 || CPU_COUNT(&set) < 2)
        return -1;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
        if (CPU_ISSET(cpu, &set))
            return cpu;
    return -1;
}

bool pin(int tid, int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return ::sched_setaffinity(tid, sizeof(set), &set) == 0;
}

bool isPinnedTo(int tid, int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    return ::sched_getaffinity(tid, sizeof(set), &set) == 0 && CPU_COUNT(&set) == 1 &&
           CPU_ISSET(cpu, &set);
}

// Two member threads of one spreader, started, attached, then both pinned to one core, `cpu`
// (their affinity taken at attach still allows every core). `cpu` is -1 with fewer than two
// cores, and nothing is started then.
struct Pair
{
    CoreSpreader spreader{2};
    QThread threads[2];
    Member members[2];
    const int cpu = sharedCore();
    bool ready = cpu >= 0;

    Pair()
    {
        if (cpu < 0)
            return;
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
            ready = ready && members[i].attached && pin(members[i].tid, cpu);
        }
    }
    ~Pair()
    {
        for (int i = 0; i < 2 && cpu >= 0; ++i) {
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
        if (pair.cpu < 0)
            QSKIP("needs two CPU cores");
        QVERIFY(pair.ready);
        const int cpu = pair.cpu;
        // Both threads on one core and busy: one runs, the other waits behind it. Without a
        // move, neither can ever run anywhere else.
        for (Member &m : pair.members) {
            m.pinnedCpu = cpu;
            QMetaObject::invokeMethod(&m, [&m] { m.spin(); });
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            pair.members[0].ranElsewhere.load() || pair.members[1].ranElsewhere.load(), 10000);
        QVERIFY(pair.spreader.moves() >= 1);
        for (Member &m : pair.members)
            QMetaObject::invokeMethod(
                &m, [&m] { qDeleteAll(m.findChildren<QTimer *>()); }, Qt::BlockingQueuedConnection);
        // The moved thread took its own affinity back: not pinned to one core any more.
        QTRY_VERIFY(!isPinnedTo(pair.members[0].tid, cpu) || !isPinnedTo(pair.members[1].tid, cpu));
#else
        QSKIP("Linux only");
#endif
    }

    void leavesASleepingSiblingAlone()
    {
#ifdef Q_OS_LINUX
        Pair pair;
        if (pair.cpu < 0)
            QSKIP("needs two CPU cores");
        QVERIFY(pair.ready);
        const int cpu = pair.cpu;
        // Member 1 sleeps in its event loop on the core where member 0 is busy for 300 ms.
        // A turn on the pinned core, so member 1 is last seen there.
        QMetaObject::invokeMethod(&pair.members[1], []{}, Qt::BlockingQueuedConnection);
        QMetaObject::invokeMethod(&pair.members[0], [&pair] { pair.members[0].spin(); });
        QTest::qWait(300);
        QMetaObject::invokeMethod(
            &pair.members[0], [&pair] { qDeleteAll(pair.members[0].findChildren<QTimer *>()); },
            Qt::BlockingQueuedConnection);
        QCOMPARE(pair.spreader.moves(), quint64(0));
        QVERIFY(isPinnedTo(pair.members[1].tid, cpu));
#else
        QSKIP("Linux only");
#endif
    }
};

QTEST_GUILESS_MAIN(TestCoreSpreader)

#include "TestCoreSpreader.moc"
