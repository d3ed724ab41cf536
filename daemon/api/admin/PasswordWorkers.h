// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QThreadPool>

#include <atomic>
#include <functional>

// Password hashing (scrypt, tens of milliseconds and 32 MiB each) on a small pool of its own,
// so sign-ins never hold the database thread that health checks, revocations and every other
// admin request wait on. The queue is bounded: when it is full, submit() refuses and the caller
// answers 503 at once.
class PasswordWorkers
{
public:
    PasswordWorkers(int threads, int maxPending);
    ~PasswordWorkers(); // waits for the running jobs

    // Runs `work` on a pool thread, then `done` on the calling thread. False (nothing runs)
    // when `maxPending` jobs are already queued or running.
    bool submit(std::function<void()> work, std::function<void()> done);
    int pending() const { return m_pending.load(); }

private:
    QThreadPool m_pool;
    std::atomic<int> m_pending{0};
    int m_maxPending;
};
