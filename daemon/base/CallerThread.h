// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <functional>

// Moving work between threads: HTTP connections are served by several threads, while the
// OAuth service and the proxy tester use an UpstreamClient that lives on one thread.
class CallerThread
{
public:
    // Runs `fn` on the thread of `target` (queued), or at once when that is this thread.
    static void runOn(QObject *target, std::function<void()> fn);
    // Wraps `fn` so that, called from any thread, it runs (queued) on the thread that called
    // bind(), through that thread's event dispatcher; dropped if that thread is gone. Called on
    // the binding thread itself, it runs at once.
    static std::function<void()> bind(std::function<void()> fn);
};
