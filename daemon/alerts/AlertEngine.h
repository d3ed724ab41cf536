// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/AlertEvaluator.h"
#include "alerts/AlertInputs.h"
#include "alerts/CallWindow.h"
#include "ledger/UsageFeed.h"

#include <QObject>
#include <QTimer>

#include <functional>

class AlertDispatcher;
class DbWorker;

// Evaluates the enabled alert rules every `interval` on its own (the main) thread: reads the
// rules and the active incidents on the database thread, asks the providers for budgets,
// quotas and accounts, measures the recent calls (from the ledger's usage feed), lets
// AlertEvaluator decide, writes the incidents back (one open incident per rule and subject,
// budget thresholds claimed once per period) and hands the new incidents to the dispatcher.
// Nothing here blocks: SQL runs on the database thread, sending on the dispatcher's.
class AlertEngine : public QObject
{
    Q_OBJECT
public:
    AlertEngine(DbWorker *db, AlertDispatcher *dispatcher, QObject *parent = nullptr);
    ~AlertEngine() override;

    void setProviders(AlertProviders providers) { m_providers = std::move(providers); }
    void setIntervalMs(int ms);
    // Completed calls for error-rate and latency rules (main thread; null = none). The engine
    // subscribes only while such a rule is enabled: a subscriber makes the ledger build a JSON
    // event for every call.
    void attachFeed(UsageFeed *feed);
    bool listening() const { return m_subscriber != nullptr; }
    // A finished call (main thread); the feed calls it for every record.
    void recordCall(const CallOutcome &call);

    void start();
    void stop();

    // Evaluates once now; `done` runs when the round ended (at once when a round is running).
    void evaluate(std::function<void()> done = {});

    const CallWindow &calls() const { return m_calls; }
    qint64 rounds() const { return m_rounds; }

Q_SIGNALS:
    void evaluated();

private:
    void drainFeed();
    void listen(bool on);

    DbWorker *m_db;
    AlertDispatcher *m_dispatcher;
    AlertProviders m_providers;
    CallWindow m_calls;
    QTimer m_timer;
    UsageFeed *m_feed = nullptr;
    UsageFeed::SubscriberPtr m_subscriber;
    bool m_busy = false;
    bool m_drainQueued = false;
    qint64 m_rounds = 0;
};
