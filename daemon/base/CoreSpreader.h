// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaObject>
#include <QtGlobal>

#include <atomic>
#include <memory>
#include <vector>

// Keeps a group of busy event-loop threads (the HTTP workers) from waiting behind each other on
// one core while another core has room.
//
// Linux places a woken thread next to the thread that woke it, does not move a thread that ran
// within the last half millisecond, and does not pull work to a core whose idle periods are
// short. Two request threads can then share one core and take turns at the scheduler tick (4 ms
// at 250 Hz) while the other core idles now and then, and every request of the waiting thread
// waits that long.
//
// Each member thread publishes, at every turn of its event loop, the core it is on and a turn
// count. Once per check interval, a member that was busy (it ran for at least three quarters of
// the time since its last check, by its own CPU clock) looks for a sibling that made no turn
// since then and was last seen on the same core. Only for such a sibling does it read the
// kernel's view (/proc/self/task/<tid>/stat); if the sibling is runnable there, it moves it off
// this core: sched_setaffinity to the sibling's current affinity minus this core (at most one
// move per check; a thread allowed on this core alone stays). The moved thread puts its
// previous affinity back when its event loop next wakes or turns, unless something else changed
// its affinity meanwhile, so from then on the kernel places it freely again and an affinity set
// by the administrator, even at run time, is kept. A thread asleep in its event loop is never
// moved.
//
// Linux only; it does nothing with fewer than two allowed cores, with more threads than allowed
// cores (some must share a core anyway), or where the system refuses affinity changes (one
// warning).
class CoreSpreader
{
public:
    explicit CoreSpreader(int threads, int checkIntervalUs = 250);
    ~CoreSpreader(); // after every member detached
    CoreSpreader(const CoreSpreader &) = delete;
    CoreSpreader &operator=(const CoreSpreader &) = delete;

    // On the thread that is member `index` (0 <= index < threads), once its event dispatcher
    // exists; once per index. Registers it and hooks the dispatcher. False when spreading
    // cannot work or help here: not Linux, no /proc, fewer than two allowed cores, or fewer
    // allowed cores than threads.
    bool attachCurrentThread(int index);
    // On the same thread, before it ends.
    void detachCurrentThread(int index);

    // How many times a member was moved off a core, and how many times a member read a
    // sibling's state in /proc.
    quint64 moves() const { return m_moves.load(std::memory_order_relaxed); }
    quint64 probes() const { return m_probes.load(std::memory_order_relaxed); }

    // The state letter (field 3) and the last core (field 39) from the text of
    // /proc/<pid>/task/<tid>/stat. The command name in parentheses may contain spaces and
    // parentheses, so fields are counted from the last ')'. False if they are not there.
    static bool parseStat(const char *text, qsizetype size, char *state, int *cpu);

private:
    struct Member;
    void onTurn(int index);
    bool siblingWaitsHere(const Member &sibling, int cpu);
    bool move(Member &sibling, int cpu);
    static void restoreIfMoved(Member &self);

    std::vector<std::unique_ptr<Member>> m_members;
    const qint64 m_checkIntervalNs;
    std::atomic<quint64> m_moves{0};
    std::atomic<quint64> m_probes{0};
    std::atomic<bool> m_denied{false}; // the system refused an affinity change (EPERM)
};
