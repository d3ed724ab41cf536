// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/ThreadContext.h"

#include <QPointer>
#include <QThread>
#include <QThreadStorage>

namespace {
QThreadStorage<QObject *> g_contexts;
}

QObject *ThreadContext::current()
{
    if (!g_contexts.hasLocalData())
        g_contexts.setLocalData(new QObject); // deleted by QThreadStorage at thread exit
    return g_contexts.localData();
}

void ThreadContext::post(QObject *context, std::function<void()> fn)
{
    if (!fn)
        return;
    if (!context || context->thread() == QThread::currentThread())
        fn();
    else
        QMetaObject::invokeMethod(context, std::move(fn), Qt::QueuedConnection);
}

std::function<void()> ThreadContext::bindToCurrent(std::function<void()> fn)
{
    if (!fn)
        return {};
    // The context object dies with its thread, so a completion arriving later is dropped.
    QPointer<QObject> context = current();
    return [context, fn = std::move(fn)]() {
        QObject *target = context.data();
        if (!target)
            return;
        if (target->thread() == QThread::currentThread())
            fn();
        else
            QMetaObject::invokeMethod(target, fn, Qt::QueuedConnection);
    };
}
