// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/LazyTimer.h"

#include <chrono>
#include <limits>

LazyTimer::LazyTimer(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &LazyTimer::onFired);
}

qint64 LazyTimer::monotonicNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

void LazyTimer::start(int ms)
{
    const qint64 now = monotonicNs();
    m_deadlineNs = now + qint64(qMax(0, ms)) * 1000000;
    if (m_timer.isActive() && m_firesAtNs <= m_deadlineNs)
        return; // it fires first and sets itself again for the rest
    startTimer(now);
}

void LazyTimer::stop()
{
    m_deadlineNs = -1;
}

void LazyTimer::startTimer(qint64 nowNs)
{
    // Whole milliseconds, rounded up: QTimer counts in them.
    const qint64 ms = (m_deadlineNs - nowNs + 999999) / 1000000;
    m_firesAtNs = nowNs + ms * 1000000;
    ++m_timerStarts;
    m_timer.start(int(qMin<qint64>(ms, std::numeric_limits<int>::max())));
}

void LazyTimer::onFired()
{
    if (m_deadlineNs < 0)
        return;
    const qint64 now = monotonicNs();
    if (now < m_deadlineNs) {
        startTimer(now); // moved later meanwhile, or a coarse timer that fired early
        return;
    }
    m_deadlineNs = -1;
    emit timeout();
}
