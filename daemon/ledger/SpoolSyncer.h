// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMutex>
#include <QWaitCondition>

class QThread;
class Spool;

// Syncs a spool to disk (Spool::sync()) on a thread of its own: every `intervalMs`, and at once
// when requestSync() is called (the spool asks when rotated segments pile up). The ledger's writer
// cannot do it: it can wait for seconds on a locked or unreachable database, and the spool's
// power-loss promise ("at most the last second") must hold meanwhile.
class SpoolSyncer
{
public:
    SpoolSyncer(Spool &spool, int intervalMs);
    ~SpoolSyncer(); // stop()
    SpoolSyncer(const SpoolSyncer &) = delete;
    SpoolSyncer &operator=(const SpoolSyncer &) = delete;

    void start();
    void requestSync();   // thread-safe; cheap
    void stop();          // joins the thread; no sync after it returns
    qint64 syncs() const; // sync() calls made so far

private:
    void run();

    Spool &m_spool;
    const int m_intervalMs;
    QThread *m_thread = nullptr;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_stopping = false;
    bool m_requested = false;
    qint64 m_syncs = 0;
};
