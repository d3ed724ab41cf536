// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <sys/epoll.h>

// Hands every ready event of an epoll set to `handle`, without waiting: what the event loop's
// notifier on the set calls. A bounded number of rounds, so a flood of events cannot keep the
// loop from everything else (level-triggered, what is left is reported again).
template <class Handle> void drainEpoll(int epoll, Handle handle)
{
    epoll_event events[64];
    for (int round = 0; round < 16; ++round) {
        const int n = ::epoll_wait(epoll, events, 64, 0);
        if (n <= 0)
            return;
        for (int i = 0; i < n; ++i)
            handle(events[i]);
        if (n < 64)
            return;
    }
}
