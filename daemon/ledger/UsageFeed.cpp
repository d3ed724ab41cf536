// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/UsageFeed.h"

QList<QByteArray> UsageFeed::Subscriber::take()
{
    QMutexLocker lock(&m_mutex);
    QList<QByteArray> out;
    out.swap(m_queue);
    return out;
}

bool UsageFeed::Subscriber::isDropped() const
{
    QMutexLocker lock(&m_mutex);
    return m_dropped;
}

UsageFeed::UsageFeed(int maxQueue) : m_maxQueue(qMax(1, maxQueue)) {}

UsageFeed::SubscriberPtr UsageFeed::subscribe(std::function<void()> wake)
{
    auto subscriber = std::make_shared<Subscriber>();
    subscriber->m_wake = std::move(wake);
    QMutexLocker lock(&m_mutex);
    m_subscribers.append(subscriber);
    m_count.store(int(m_subscribers.size()));
    return subscriber;
}

void UsageFeed::unsubscribe(const SubscriberPtr &subscriber)
{
    QMutexLocker lock(&m_mutex);
    m_subscribers.removeAll(subscriber);
    m_count.store(int(m_subscribers.size()));
}

void UsageFeed::publish(const QByteArray &event)
{
    QList<SubscriberPtr> subscribers;
    {
        QMutexLocker lock(&m_mutex);
        subscribers = m_subscribers;
    }
    QList<SubscriberPtr> dropped;
    for (const SubscriberPtr &s : std::as_const(subscribers)) {
        bool wake = false;
        {
            QMutexLocker lock(&s->m_mutex);
            if (s->m_dropped)
                continue;
            if (s->m_queue.size() >= m_maxQueue) {
                s->m_dropped = true;
                s->m_queue.clear();
                dropped.append(s);
                wake = true;
            } else {
                wake = s->m_queue.isEmpty();
                s->m_queue.append(event);
            }
        }
        if (wake && s->m_wake)
            s->m_wake();
    }
    if (!dropped.isEmpty()) {
        QMutexLocker lock(&m_mutex);
        for (const SubscriberPtr &s : std::as_const(dropped))
            m_subscribers.removeAll(s);
        m_count.store(int(m_subscribers.size()));
    }
}
