// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/Clock.h"

#include <QDateTime>

#include <atomic>

namespace {
const SystemClock g_systemClock;
std::atomic<const Clock *> g_clock{&g_systemClock};
} // namespace

qint64 Clock::nowMs()
{
    return g_clock.load(std::memory_order_acquire)->currentMs();
}

void Clock::setInstance(const Clock *clock)
{
    g_clock.store(clock ? clock : &g_systemClock, std::memory_order_release);
}

const Clock &Clock::instance()
{
    return *g_clock.load(std::memory_order_acquire);
}

qint64 SystemClock::currentMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}
