// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <functional>

// One long-lived QObject per thread, used as the context for asynchronous completions (database
// results, snapshot reloads) so that they run on the thread that owns the HTTP connection
// waiting for them. HTTP connections are served by several threads.
class ThreadContext
{
public:
    static QObject *current();
    // Runs `fn` on the thread of `context` (queued), or at once if that is this thread.
    static void post(QObject *context, std::function<void()> fn);
    // Wraps `fn` so that, called from any thread, it runs on the calling thread of wrap().
    static std::function<void()> bindToCurrent(std::function<void()> fn);
};
