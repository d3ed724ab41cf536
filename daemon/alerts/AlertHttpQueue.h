// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/AlertFormats.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

// Sends alert POSTs off the main and HTTP threads: one thread of its own takes them in order
// and makes one attempt each through libcurl (retries are the dispatcher's, so a receiver that
// is down does not hold up the others while it waits). `done` runs on the queue's thread. The
// queue is bounded; an error names the receiver's host only, never its URL (chat robot URLs
// carry their access token) or the message.
class AlertHttpQueue
{
public:
    struct Result
    {
        int status = 0;  // HTTP status; 0 when no answer came
        QByteArray body; // the answer, at most MaxAnswerBytes
        QString error;   // transport failure, when status is 0
    };
    using Done = std::function<void(const Result &)>;

    static constexpr int MaxAnswerBytes = 64 * 1024;

    explicit AlertHttpQueue(int timeoutMs = 10000, int maxQueued = 1000);
    ~AlertHttpQueue(); // stop()

    // False (and `done` not called) when the queue is full or stopped.
    bool submit(AlertFormats::HttpPost post, Done done);
    void stop();

private:
    struct Job
    {
        AlertFormats::HttpPost post;
        Done done;
    };
    void run();
    Result send(const AlertFormats::HttpPost &post) const;

    int m_timeoutMs;
    int m_maxQueued;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::atomic<bool> m_cancel{false};
    std::thread m_thread;
};
