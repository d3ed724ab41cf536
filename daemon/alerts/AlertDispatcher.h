// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/AlertHttpQueue.h"
#include "alerts/AlertMessage.h"
#include "store/AlertChannelRow.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class DbWorker;
class MailQueue;
class SecretBox;

// Delivers alert messages to channels: HTTP channels through AlertHttpQueue, one attempt at a
// time, retried with a doubling backoff up to `attempts`; email through the daemon's MailQueue
// (which retries on its own). When a delivery ends, its outcome is recorded on the channel
// (last status, last error, failure count). Lives on the main thread; deliver() may be called
// from any thread.
class AlertDispatcher : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        int attempts = 3;
        int backoffMs = 1000; // before the 2nd attempt; doubled before each next one
        int timeoutMs = 10000;
        int maxPending = 1000; // deliveries in progress; more fail at once
        // Enterprise-owned channels may reach private addresses too (system-wide ones always
        // may).
        bool privateTargetsForAll = false;
    };
    struct Outcome
    {
        bool sent = false;
        QString error;
        int attempts = 0;
        int status = 0; // the last HTTP status (0 for email or no answer)
    };
    using Done = std::function<void(const Outcome &)>;

    AlertDispatcher(DbWorker *db, const SecretBox *secrets, MailQueue *mailer,
                    const Settings &settings, QObject *parent = nullptr);
    ~AlertDispatcher() override;

    // Sends `message` through `channel`; `done` (optional) runs on the dispatcher's thread
    // once the outcome is known and recorded. `attempts` 0 = the configured number.
    void deliver(const AlertChannelRow &channel, const AlertMessage &message, Done done = {},
                 int attempts = 0);
    // Stops sending (queued and scheduled retries are dropped).
    void stop();

    int pending() const { return m_pending; }
    // Deliveries that ended sent / failed since start (any thread, for /metrics).
    qint64 sentTotal() const { return m_sentTotal.load(); }
    qint64 failedTotal() const { return m_failedTotal.load(); }

private:
    struct Delivery;
    void start(std::shared_ptr<Delivery> delivery);
    void attempt(std::shared_ptr<Delivery> delivery);
    void sendMail(std::shared_ptr<Delivery> delivery);
    void finish(std::shared_ptr<Delivery> delivery, Outcome outcome);

    DbWorker *m_db;
    const SecretBox *m_secrets;
    MailQueue *m_mailer;
    Settings m_settings;
    std::unique_ptr<AlertHttpQueue> m_http;
    int m_pending = 0;
    std::atomic<qint64> m_sentTotal{0};
    std::atomic<qint64> m_failedTotal{0};
    bool m_stopped = false;
};
