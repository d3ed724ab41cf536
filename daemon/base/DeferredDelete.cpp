// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/DeferredDelete.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <vector>

namespace {

class Reaper : public QObject
{
public:
    Reaper()
    {
        m_timer.setSingleShot(true);
        m_timer.setInterval(0);
        QObject::connect(&m_timer, &QTimer::timeout, this, &Reaper::reap);
        // A QThread ending frees what is queued, as Qt does with deleteLater() at that point.
        QObject::connect(QThread::currentThread(), &QThread::finished, this, &Reaper::reap,
                         Qt::DirectConnection);
    }

    void add(QObject *object)
    {
        m_queue.emplace_back(object);
        if (!m_timer.isActive())
            m_timer.start();
    }

private:
    void reap()
    {
        std::vector<QPointer<QObject>> batch;
        batch.swap(m_queue);
        for (const QPointer<QObject> &object : batch)
            delete object.data(); // null if something else deleted it meanwhile
    }

    QTimer m_timer;
    std::vector<QPointer<QObject>> m_queue;
};

Reaper *reaper()
{
    // One per thread, created on first use in that thread, living as long as the thread.
    static thread_local Reaper instance;
    return &instance;
}

} // namespace

void DeferredDelete::later(QObject *object)
{
    if (!object)
        return;
    if (object->thread() != QThread::currentThread()) {
        object->deleteLater(); // not ours to time: the object's own thread does it
        return;
    }
    reaper()->add(object);
}
