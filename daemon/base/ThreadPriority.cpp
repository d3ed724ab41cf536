// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/ThreadPriority.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

bool ThreadPriority::mayLeaveIdle()
{
#ifdef Q_OS_LINUX
    if (::geteuid() == 0)
        return true;
    // The kernel treats SCHED_IDLE as nice 20 and allows the way back to SCHED_OTHER (nice 0)
    // when RLIMIT_NICE permits nice 0, i.e. a limit of at least 20 (CAP_SYS_NICE is not checked
    // here: without the limit the thread simply stays at normal priority).
    rlimit limit{};
    return ::getrlimit(RLIMIT_NICE, &limit) == 0 &&
           (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= 20);
#else
    return false;
#endif
}

bool ThreadPriority::setIdle(Qt::HANDLE thread, bool idle)
{
#ifdef Q_OS_LINUX
    sched_param param{};
    param.sched_priority = 0;
    const auto handle = reinterpret_cast<pthread_t>(thread);
    return ::pthread_setschedparam(handle, idle ? SCHED_IDLE : SCHED_OTHER, &param) == 0;
#else
    Q_UNUSED(thread);
    Q_UNUSED(idle);
    return false;
#endif
}
