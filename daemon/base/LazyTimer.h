// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

// A single-shot timeout whose deadline moves often, like a connection's idle timeout that
// starts again after every answer. start() only records the new deadline while the QTimer
// underneath would fire no later than it: when that timer fires early, it is set again for the
// rest of the time. So moving a deadline later costs a read of the monotonic clock instead of
// a timer unregistered and registered again in the event dispatcher, and stop() costs nothing
// (the timer underneath then fires once for nothing). Same thread as its owner, like QTimer.
class LazyTimer : public QObject
{
    Q_OBJECT
public:
    explicit LazyTimer(QObject *parent = nullptr);

    // timeout() once `ms` milliseconds from now (not before), replacing any earlier deadline.
    void start(int ms);
    void stop();
    bool isActive() const { return m_deadlineNs >= 0; }

    // How often the QTimer underneath was started: the cost this class saves, for tests.
    quint64 timerStarts() const { return m_timerStarts; }

signals:
    void timeout();

private:
    void onFired();
    void startTimer(qint64 nowNs); // m_timer, for what is left until m_deadlineNs
    static qint64 monotonicNs();

    QTimer m_timer;
    qint64 m_deadlineNs = -1; // monotonicNs(); -1: stopped
    qint64 m_firesAtNs = -1;  // when m_timer is due (while it runs)
    quint64 m_timerStarts = 0;
};
