// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/MailQueue.h"

#include "notify/SmtpSender.h"

#include <chrono>

MailQueue::MailQueue(SmtpSettings settings, int maxQueued)
    : m_settings(std::move(settings)), m_maxQueued(maxQueued), m_thread([this] { run(); })
{
}

MailQueue::~MailQueue()
{
    stop();
}

bool MailQueue::submit(const QString &recipient, QByteArray mime, Done done)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_stopping || int(m_jobs.size()) >= m_maxQueued)
            return false;
        m_jobs.push_back(Job{recipient, std::move(mime), std::move(done)});
    }
    m_wake.notify_one();
    return true;
}

void MailQueue::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_stopping && !m_thread.joinable())
            return;
        m_stopping = true;
        m_cancel = true;
        m_jobs.clear();
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void MailQueue::run()
{
    const SmtpSender sender(m_settings);
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_stopping)
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        Outcome outcome;
        int waitMs = m_settings.backoffMs;
        const int attempts = qMax(1, m_settings.attempts);
        for (int i = 0; i < attempts; ++i) {
            if (i > 0) {
                std::unique_lock<std::mutex> lock(m_mutex);
                if (m_wake.wait_for(lock, std::chrono::milliseconds(waitMs),
                                    [this] { return m_stopping; }))
                    return;
                waitMs *= 2;
            }
            ++outcome.attempts;
            outcome.error.clear();
            outcome.sent = sender.send(job.recipient, job.mime, &outcome.error, &m_cancel);
            if (outcome.sent || !m_settings.configured() || m_cancel)
                break;
        }
        if (m_cancel)
            return; // stopping: the outcome is unknown, the invitation stays "queued"
        if (job.done)
            job.done(outcome);
    }
}
