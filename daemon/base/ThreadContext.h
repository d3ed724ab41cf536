// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <functional>

// Handing work between threads. HTTP connections are served by several threads, while the
// database worker, the OAuth service and the proxy tester live on threads of their own; their
// completions must run on the thread that waits for them.
//
// Each thread gets one long-lived QObject (current()) used as the context of such completions.
class ThreadContext
{
public:
    // This thread's context object; created on first use, deleted when the thread ends.
    static QObject *current();
    // Runs `fn` on the thread of `context` (queued), or at once if that is this thread or
    // `context` is null.
    static void post(QObject *context, std::function<void()> fn);
    // Wraps `fn` so that, called from any thread, it runs (queued) on the thread that called
    // bindToCurrent(); called on that thread itself, it runs at once. Dropped if that thread has
    // ended meanwhile.
    static std::function<void()> bindToCurrent(std::function<void()> fn);
};
