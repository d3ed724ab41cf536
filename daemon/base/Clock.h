// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

// Wall-clock time in milliseconds since the epoch. Code asks Clock::nowMs(); the process uses
// the system clock unless a test installs another one (a fake it advances by hand) with
// Clock::setInstance().
class Clock
{
public:
    virtual ~Clock() = default;

    // The time of the installed clock.
    static qint64 nowMs();

    // Installs `clock` (not owned; it must outlive its use), or the system clock for nullptr.
    // Meant for tests, before the code under test runs.
    static void setInstance(const Clock *clock);
    static const Clock &instance();

protected:
    virtual qint64 currentMs() const = 0;
};

// The real time of the host.
class SystemClock final : public Clock
{
protected:
    qint64 currentMs() const override;
};
