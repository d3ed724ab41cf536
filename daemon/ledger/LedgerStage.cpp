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
    bool full = false;
    {
        QMutexLocker lock(&m_mutex);
        m_items.append(std::move(item));
        m_staged.store(true, std::memory_order_relaxed);
        full = m_items.size() >= Spool::MaxLinesPerAppend;
    }
    if (full)
        flush();
}

void LedgerStage::flush()
{
    QList<StagedRecord> items;
    QList<std::function<void()>> callbacks;
    {
        QMutexLocker lock(&m_mutex);
        items.swap(m_items);
        callbacks.swap(m_committed);
        m_staged.store(false, std::memory_order_relaxed);
    }
    if (!items.isEmpty())
        m_ledger->commitStaged(&items);
    // After the lock: a callback answers a client, and may end another call that records.
    for (const std::function<void()> &then : std::as_const(callbacks))
        then();
    for (const StagedRecord &item : std::as_const(items))
        item.then();
}

void LedgerStage::flushIfStaged()
{
    if (m_staged.load(std::memory_order_relaxed))
        flush();
}

void LedgerStage::commitOnly()
{
    QMutexLocker lock(&m_mutex);
    if (m_items.isEmpty())
        return;
    m_ledger->commitStaged(&m_items);
    for (StagedRecord &item : m_items)
        m_committed.append(std::move(item.then));
    m_items.clear();
}
