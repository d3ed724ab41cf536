// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/SpoolSyncer.h"

#include "ledger/Spool.h"

#include <QDeadlineTimer>
#include <QThread>

SpoolSyncer::SpoolSyncer(Spool &spool, int intervalMs)
    : m_spool(spool), m_intervalMs(qMax(1, intervalMs))
{
}

SpoolSyncer::~SpoolSyncer()
{
    stop();
}

void SpoolSyncer::start()
{
    QMutexLocker lock(&m_mutex);
    if (m_thread)
        return;
    m_stopping = false;
    m_thread = QThread::create([this] { run(); });
    m_thread->setObjectName(QStringLiteral("SpoolSync"));
    m_thread->start();
}

void SpoolSyncer::requestSync()
{
    QMutexLocker lock(&m_mutex);
    m_requested = true;
    m_wake.wakeOne();
}

void SpoolSyncer::stop()
{
    QThread *thread = nullptr;
    {
        QMutexLocker lock(&m_mutex);
        if (!m_thread)
            return;
        m_stopping = true;
        m_wake.wakeAll();
        thread = m_thread;
    }
    thread->wait();
    delete thread;
    QMutexLocker lock(&m_mutex);
    m_thread = nullptr;
}

qint64 SpoolSyncer::syncs() const
{
    QMutexLocker lock(&m_mutex);
    return m_syncs;
}

void SpoolSyncer::run()
{
    QMutexLocker lock(&m_mutex);
    while (!m_stopping) {
        QDeadlineTimer next(m_intervalMs);
        while (!m_stopping && !m_requested && !next.hasExpired())
            m_wake.wait(&m_mutex, next);
        if (m_stopping)
            break;
        m_requested = false;
        lock.unlock();
        m_spool.sync();
        lock.relock();
        ++m_syncs;
    }
}
