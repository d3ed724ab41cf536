// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Qt>

// Background threads that must never delay a request thread. On Linux a SCHED_IDLE thread is
// preempted at once by any normal thread that wakes up, and the scheduler treats a core that
// runs only such threads as free; a lower nice value does neither. Leaving SCHED_IDLE again
// needs root, CAP_SYS_NICE or RLIMIT_NICE >= 20 (systemd: LimitNICE=0 or higher), which
// mayLeaveIdle() checks first, so that a thread is only made idle when it can be raised
// again. Elsewhere these do nothing and return false.
namespace ThreadPriority {
bool mayLeaveIdle();
// `thread` is a QThread::currentThreadId() of a running thread; true when the change was made.
bool setIdle(Qt::HANDLE thread, bool idle);
} // namespace ThreadPriority
