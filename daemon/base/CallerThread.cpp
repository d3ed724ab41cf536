// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/CallerThread.h"

#include <QAbstractEventDispatcher>
#include <QPointer>
#include <QThread>

void CallerThread::runOn(QObject *target, std::function<void()> fn)
{
    if (!target || !fn)
        return;
    if (target->thread() == QThread::currentThread()) {
        fn();
        return;
    }
    QMetaObject::invokeMethod(target, std::move(fn), Qt::QueuedConnection);
}

std::function<void()> CallerThread::bind(std::function<void()> fn)
{
    if (!fn)
        return {};
    QThread *thread = QThread::currentThread();
    // The event dispatcher lives in (and dies with) its thread: a safe queued-call target.
    QPointer<QObject> dispatcher = QAbstractEventDispatcher::instance(thread);
    return [thread, dispatcher, fn = std::move(fn)]() {
        if (QThread::currentThread() == thread) {
            fn();
            return;
        }
        if (dispatcher)
            QMetaObject::invokeMethod(dispatcher.data(), fn, Qt::QueuedConnection);
    };
}
