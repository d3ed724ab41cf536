// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "notify/SmtpSettings.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

// Sends mail off the HTTP threads: one thread of its own takes messages in order and tries each
// up to `attempts` times, waiting `backoffMs`, then twice as long, between tries. When a
// message is delivered or the last try failed, `done` runs on the mail thread with the outcome.
// The queue is bounded: a message beyond `maxQueued` fails at once. Nothing about a message
// (its text carries a secret link) is logged.
class MailQueue
{
public:
    struct Outcome
    {
        bool sent = false;
        QString error; // the last attempt's, when not sent
        int attempts = 0;
    };
    using Done = std::function<void(const Outcome &)>;

    explicit MailQueue(SmtpSettings settings, int maxQueued = 1000);
    ~MailQueue(); // stop()

    // Queues `mime` for `recipient`; false (and `done` not called) when the queue is full or
    // stopped.
    bool submit(const QString &recipient, QByteArray mime, Done done);
    // Ends the thread at once: a transfer in progress is broken off and queued messages are
    // dropped (their invitations stay "queued" and can be sent again).
    void stop();
    const SmtpSettings &settings() const { return m_settings; }

private:
    struct Job
    {
        QString recipient;
        QByteArray mime;
        Done done;
    };
    void run();

    SmtpSettings m_settings;
    int m_maxQueued;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::atomic<bool> m_cancel{false}; // ends a transfer in progress at stop()
    std::thread m_thread;
};
