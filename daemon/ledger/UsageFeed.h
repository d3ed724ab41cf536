// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>

#include <atomic>
#include <functional>
#include <memory>

// Broadcasts each completed call (one JSON event per usage record) to live subscribers, such as
// the admin API's Server-Sent Events stream. Thread-safe: publish() runs on whichever thread
// records the usage, subscribers drain their queue on their own thread.
//
// Every subscriber has a bounded queue. A subscriber that falls behind by more than the bound is
// dropped (marked, its queue cleared, woken one last time) instead of letting memory grow.
class UsageFeed
{
public:
    class Subscriber
    {
    public:
        // The events queued since the last take(), oldest first.
        QList<QByteArray> take();
        // True once the feed dropped this subscriber for falling behind.
        bool isDropped() const;

    private:
        friend class UsageFeed;
        mutable QMutex m_mutex;
        QList<QByteArray> m_queue;
        bool m_dropped = false;
        std::function<void()> m_wake;
    };
    using SubscriberPtr = std::shared_ptr<Subscriber>;

    static constexpr int DefaultMaxQueue = 1024;

    explicit UsageFeed(int maxQueue = DefaultMaxQueue);
    UsageFeed(const UsageFeed &) = delete;
    UsageFeed &operator=(const UsageFeed &) = delete;

    // `wake` is called from the publishing thread when the queue goes from empty to non-empty
    // or the subscriber is dropped; it must be cheap and thread-safe (post to the owner thread).
    SubscriberPtr subscribe(std::function<void()> wake);
    void unsubscribe(const SubscriberPtr &subscriber);

    // Cheap when nobody listens: callers may check hasSubscribers() before building the event.
    bool hasSubscribers() const { return m_count.load(std::memory_order_relaxed) > 0; }
    int subscriberCount() const { return m_count.load(); }
    int maxQueue() const { return m_maxQueue; }

    void publish(const QByteArray &event);

private:
    const int m_maxQueue;
    mutable QMutex m_mutex;
    QList<SubscriberPtr> m_subscribers;
    std::atomic<int> m_count{0};
};
