// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/CoreSpreader.h"

#include <QAbstractEventDispatcher>
#include <QByteArray>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>

#include <cerrno>
#include <cstdlib>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>
#endif

struct CoreSpreader::Member
{
    // Published by the member's thread, read by its siblings.
    std::atomic<int> tid{0}; // 0 when not attached; changed under `lock`
    // Closed by ~CoreSpreader only, so a sibling never reads a reused descriptor.
    std::atomic<int> statFd{-1};
    std::atomic<int> cpu{-1};
    std::atomic<quint32> turns{0};
    std::atomic<bool> moved{false}; // a sibling narrowed this thread's affinity

    // A move and its undoing: taken by the sibling that moves this thread, by this thread when
    // it restores and when it detaches, so that no move reaches a thread id after detach.
    QMutex lock;
#ifdef Q_OS_LINUX
    cpu_set_t before{};    // the affinity the move replaced
    cpu_set_t installed{}; // the affinity the move set
#endif

    // Touched by the member's own thread only.
    qint64 lastCheckNs = 0;
    qint64 lastCheckCpuNs = 0;      // this thread's CPU time at the last check
    std::vector<quint32> seenTurns; // each sibling's turn count at the last check
    QMetaObject::Connection blockHook;
    QMetaObject::Connection wakeHook;
};

namespace {

#ifdef Q_OS_LINUX
qint64 clockNs(clockid_t clock)
{
    timespec ts{};
    ::clock_gettime(clock, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

qint64 monotonicNs()
{
    return clockNs(CLOCK_MONOTONIC);
}

qint64 threadCpuNs()
{
    return clockNs(CLOCK_THREAD_CPUTIME_ID);
}
#endif

} // namespace

bool CoreSpreader::parseStat(const char *text, qsizetype size, char *state, int *cpu)
{
    qsizetype i = size;
    while (i > 0 && text[i - 1] != ')')
        --i;
    if (i == 0)
        return false;
    int field = 2; // the ')' ends field 2
    bool haveState = false;
    while (i < size) {
        while (i < size && text[i] == ' ')
            ++i;
        if (i >= size)
            break;
        ++field;
        const qsizetype start = i;
        while (i < size && text[i] != ' ' && text[i] != '\n')
            ++i;
        if (field == 3) {
            if (i - start != 1)
                return false;
            *state = text[start];
            haveState = true;
        } else if (field == 39) {
            int value = 0;
            if (i == start || i - start > 9)
                return false;
            for (qsizetype k = start; k < i; ++k) {
                if (text[k] < '0' || text[k] > '9')
                    return false;
                value = value * 10 + (text[k] - '0');
            }
            *cpu = value;
            return haveState;
        }
        if (i < size && text[i] == '\n')
            break;
    }
    return false;
}

CoreSpreader::CoreSpreader(int threads, int checkIntervalUs)
    : m_checkIntervalNs(qint64(qMax(10, checkIntervalUs)) * 1000)
{
    const int count = qMax(0, threads);
    m_members.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        auto member = std::make_unique<Member>();
        member->seenTurns.assign(size_t(count), 0);
        m_members.push_back(std::move(member));
    }
}

CoreSpreader::~CoreSpreader()
{
#ifdef Q_OS_LINUX
    for (auto &member : m_members) {
        const int fd = member->statFd.exchange(-1);
        if (fd >= 0)
            ::close(fd);
    }
#endif
}

bool CoreSpreader::attachCurrentThread(int index)
{
#ifdef Q_OS_LINUX
    if (index < 0 || index >= int(m_members.size()))
        return false;
    Member &member = *m_members[size_t(index)];
    if (member.statFd.load() >= 0)
        return false; // attached before: an index is attached once
    // With more threads than cores some must share a core anyway: moving them would only
    // shuffle them around.
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (::sched_getaffinity(0, sizeof(allowed), &allowed) != 0 || CPU_COUNT(&allowed) < 2 ||
        CPU_COUNT(&allowed) < int(m_members.size()))
        return false;
    auto *dispatcher = QAbstractEventDispatcher::instance(QThread::currentThread());
    if (!dispatcher)
        return false;
    const int tid = int(::gettid());
    const QByteArray path = "/proc/self/task/" + QByteArray::number(tid) + "/stat";
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    member.statFd.store(fd);
    member.lastCheckNs = monotonicNs();
    member.lastCheckCpuNs = threadCpuNs();
    member.cpu.store(::sched_getcpu());
    {
        QMutexLocker lock(&member.lock);
        member.tid.store(tid);
    }
    member.blockHook = QObject::connect(
        dispatcher, &QAbstractEventDispatcher::aboutToBlock, dispatcher,
        [this, index] { onTurn(index); }, Qt::DirectConnection);
    // Qt's own (non-GLib) dispatcher skips aboutToBlock while posted events keep coming; a
    // moved thread then takes its affinity back on waking.
    member.wakeHook = QObject::connect(
        dispatcher, &QAbstractEventDispatcher::awake, dispatcher,
        [this, index] { restoreIfMoved(*m_members[size_t(index)]); }, Qt::DirectConnection);
    return true;
#else
    Q_UNUSED(index);
    return false;
#endif
}

void CoreSpreader::detachCurrentThread(int index)
{
    if (index < 0 || index >= int(m_members.size()))
        return;
    Member &member = *m_members[size_t(index)];
    QObject::disconnect(member.blockHook);
    QObject::disconnect(member.wakeHook);
    restoreIfMoved(member);
    QMutexLocker lock(&member.lock);
    member.tid.store(0);
}

void CoreSpreader::restoreIfMoved(Member &self)
{
#ifdef Q_OS_LINUX
    if (!self.moved.load(std::memory_order_relaxed))
        return;
    QMutexLocker lock(&self.lock);
    if (!self.moved.exchange(false))
        return;
    // Only the affinity this class set is undone: one set since (taskset, a cgroup change)
    // stays.
    cpu_set_t now;
    CPU_ZERO(&now);
    if (::sched_getaffinity(0, sizeof(now), &now) == 0 && CPU_EQUAL(&now, &self.installed))
        ::sched_setaffinity(0, sizeof(self.before), &self.before);
#else
    Q_UNUSED(self);
#endif
}

void CoreSpreader::onTurn(int index)
{
#ifdef Q_OS_LINUX
    Member &self = *m_members[size_t(index)];
    restoreIfMoved(self);
    const int cpu = ::sched_getcpu();
    self.cpu.store(cpu, std::memory_order_relaxed);
    self.turns.store(self.turns.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);

    const qint64 now = monotonicNs();
    if (now - self.lastCheckNs < m_checkIntervalNs || m_denied.load(std::memory_order_relaxed))
        return;
    // Busy: this thread ran for at least three quarters of the time since the last check, so
    // it hardly slept and may have kept a sibling waiting. A thread that sleeps between calls
    // (light load) never reads /proc.
    const qint64 cpuNs = threadCpuNs();
    const bool busy = (cpuNs - self.lastCheckCpuNs) * 4 >= (now - self.lastCheckNs) * 3;
    self.lastCheckNs = now;
    self.lastCheckCpuNs = cpuNs;
    for (size_t i = 0; i < m_members.size(); ++i) {
        if (int(i) == index)
            continue;
        Member &sibling = *m_members[i];
        const quint32 turns = sibling.turns.load(std::memory_order_relaxed);
        const bool stalled = turns == self.seenTurns[i];
        self.seenTurns[i] = turns;
        if (busy && stalled && cpu >= 0 && sibling.cpu.load(std::memory_order_relaxed) == cpu &&
            ::sched_getcpu() == cpu && siblingWaitsHere(sibling, cpu) && move(sibling, cpu))
            break; // one move per check
    }
#else
    Q_UNUSED(index);
#endif
}

bool CoreSpreader::siblingWaitsHere(const Member &sibling, int cpu)
{
#ifdef Q_OS_LINUX
    const int fd = sibling.statFd.load();
    if (fd < 0 || sibling.tid.load() == 0)
        return false;
    m_probes.fetch_add(1, std::memory_order_relaxed);
    char text[1024];
    const ssize_t n = ::pread(fd, text, sizeof(text), 0);
    if (n <= 0)
        return false;
    char state = 0;
    int lastCpu = -1;
    // This thread runs on `cpu`, so a sibling runnable there is waiting for it.
    return parseStat(text, qsizetype(n), &state, &lastCpu) && state == 'R' && lastCpu == cpu;
#else
    Q_UNUSED(sibling);
    Q_UNUSED(cpu);
    return false;
#endif
}

bool CoreSpreader::move(Member &sibling, int cpu)
{
#ifdef Q_OS_LINUX
    QMutexLocker lock(&sibling.lock);
    const int tid = sibling.tid.load();
    if (tid == 0 || sibling.moved.load())
        return false;
    // From the sibling's affinity as it is now, so that one set at run time is kept, minus
    // this core; a thread pinned to this core alone stays.
    cpu_set_t before;
    CPU_ZERO(&before);
    if (::sched_getaffinity(tid, sizeof(before), &before) != 0)
        return false;
    cpu_set_t installed = before;
    CPU_CLR(cpu, &installed);
    if (CPU_COUNT(&installed) == 0)
        return false;
    if (::sched_setaffinity(tid, sizeof(installed), &installed) != 0) {
        if (errno == EPERM && !m_denied.exchange(true))
            qWarning("spread_workers: the system does not let this process set its threads' CPU "
                     "affinity (EPERM); HTTP threads are placed by the kernel alone");
        return false;
    }
    sibling.before = before;
    sibling.installed = installed;
    sibling.moved.store(true);
    m_moves.fetch_add(1, std::memory_order_relaxed);
    return true;
#else
    Q_UNUSED(sibling);
    Q_UNUSED(cpu);
    return false;
#endif
}
