// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/LedgerStage.h"

#include "ledger/Ledger.h"
#include "ledger/Spool.h"

#include <QAbstractEventDispatcher>

LedgerStage::LedgerStage(Ledger *ledger) : m_ledger(ledger)
{
    // A pass ends when the dispatcher has handled the events one wait returned: it then emits
    // awake() (the glib dispatcher after the pass, the Unix one before the next) and, before
    // it waits again, aboutToBlock(). No event is posted, so no extra turn of the loop.
    if (QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance()) {
        connect(dispatcher, &QAbstractEventDispatcher::awake, this, &LedgerStage::flushIfStaged,
                Qt::DirectConnection);
        connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, this,
                &LedgerStage::flushIfStaged, Qt::DirectConnection);
    }
}

LedgerStage::~LedgerStage() = default;

void LedgerStage::add(StagedRecord item)
{
    QMutexLocker lock(&m_mutex);
    m_items.append(std::move(item));
    m_staged.store(true, std::memory_order_relaxed);
    // Full: written now, answered when the pass ends. Not answered here: record() runs inside
    // the end of a call, which settles its quotas after it, and an answer can start the next
    // call on that connection.
    if (m_items.size() >= Spool::MaxLinesPerAppend)
        commitLocked();
}

void LedgerStage::commitLocked()
{
    m_ledger->commitStaged(&m_items);
    for (StagedRecord &item : m_items)
        m_committed.append(std::move(item.then));
    m_items.clear();
}

void LedgerStage::flush()
{
    // An answer can lead to another call on its connection that ends at once (a pipelined
    // request refused before any upstream): its record is written and answered here too, as
    // the loop may be about to wait and no event would end that pass.
    for (;;) {
        QList<std::function<void()>> callbacks;
        {
            // Held while writing, so that stop() (commitOnly()) either finds the records here
            // or finds them written.
            QMutexLocker lock(&m_mutex);
            if (!m_items.isEmpty())
                commitLocked();
            callbacks.swap(m_committed);
            m_staged.store(false, std::memory_order_relaxed);
        }
        if (callbacks.isEmpty())
            return;
        // After the lock: a callback answers a client, and may end another call that records.
        for (const std::function<void()> &then : std::as_const(callbacks))
            then();
    }
}

void LedgerStage::flushIfStaged()
{
    if (m_staged.load(std::memory_order_relaxed))
        flush();
}

void LedgerStage::commitOnly()
{
    QMutexLocker lock(&m_mutex);
    if (!m_items.isEmpty())
        commitLocked();
}
