// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/CoreSpreader.h"

#include <QAbstractEventDispatcher>
#include <QByteArray>
#include <QThread>

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
    std::atomic<int> tid{0};
    std::atomic<int> statFd{
        -1}; // closed by ~CoreSpreader only, so a sibling never reads a reused fd
    std::atomic<int> cpu{-1};
    std::atomic<quint32> turns{0};
    std::atomic<bool> moved{false}; // set by a sibling that narrowed this thread's affinity

    // Touched by the member's own thread only.
    qint64 lastCheckNs = 0;
    qint64 lastCheckCpuNs = 0;      // this thread's CPU time at the last check
    std::vector<quint32> seenTurns; // each sibling's turn count at the last check
#ifdef Q_OS_LINUX
    cpu_set_t home{};
#endif
    QMetaObject::Connection hook;
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
    CPU_ZERO(&member.home);
    if (::sched_getaffinity(0, sizeof(member.home), &member.home) != 0 ||
        CPU_COUNT(&member.home) < 2)
        return false;
    auto *dispatcher = QAbstractEventDispatcher::instance(QThread::currentThread());
    if (!dispatcher)
        return false;
    const int tid = int(::gettid());
    const QByteArray path = "/proc/self/task/" + QByteArray::number(tid) + "/stat";
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const int old = member.statFd.exchange(fd);
    if (old >= 0)
        ::close(old);
    member.lastCheckNs = monotonicNs();
    member.lastCheckCpuNs = threadCpuNs();
    member.cpu.store(::sched_getcpu());
    member.tid.store(tid);
    QObject::disconnect(member.hook);
    member.hook = QObject::connect(
        dispatcher, &QAbstractEventDispatcher::aboutToBlock, dispatcher,
        [this, index] { onTurn(index); }, Qt::DirectConnection);
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
    QObject::disconnect(member.hook);
    member.tid.store(0);
#ifdef Q_OS_LINUX
    if (member.moved.exchange(false))
        ::sched_setaffinity(0, sizeof(member.home), &member.home);
#endif
}

void CoreSpreader::onTurn(int index)
{
#ifdef Q_OS_LINUX
    Member &self = *m_members[size_t(index)];
    if (self.moved.load(std::memory_order_relaxed) && self.moved.exchange(false))
        ::sched_setaffinity(0, sizeof(self.home), &self.home);
    const int cpu = ::sched_getcpu();
    self.cpu.store(cpu, std::memory_order_relaxed);
    self.turns.store(self.turns.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);

    const qint64 now = monotonicNs();
    if (now - self.lastCheckNs < m_checkIntervalNs)
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
            siblingWaitsHere(sibling, cpu))
            move(sibling, self, cpu);
    }
#else
    Q_UNUSED(index);
#endif
}

bool CoreSpreader::siblingWaitsHere(const Member &sibling, int cpu) const
{
#ifdef Q_OS_LINUX
    const int fd = sibling.statFd.load();
    if (fd < 0 || sibling.tid.load() == 0)
        return false;
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

void CoreSpreader::move(Member &sibling, const Member &self, int cpu)
{
#ifdef Q_OS_LINUX
    cpu_set_t elsewhere;
    CPU_AND(&elsewhere, &self.home, &sibling.home);
    CPU_CLR(cpu, &elsewhere);
    const int tid = sibling.tid.load();
    if (CPU_COUNT(&elsewhere) == 0 || tid == 0)
        return;
    if (::sched_setaffinity(tid, sizeof(elsewhere), &elsewhere) != 0)
        return;
    // Flagged after the change: a sibling that took a turn in between (already elsewhere) sees
    // the flag at its next turn instead, and is never left narrowed with the flag cleared.
    sibling.moved.store(true);
    m_moves.fetch_add(1, std::memory_order_relaxed);
#else
    Q_UNUSED(sibling);
    Q_UNUSED(self);
    Q_UNUSED(cpu);
#endif
}
