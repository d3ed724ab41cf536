// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ledger/StagedRecord.h"

#include <QList>
#include <QMutex>
#include <QObject>

#include <atomic>
#include <functional>

class Ledger;

// The usage records one thread ends in one pass of its event loop, written to the spool together
// (Ledger::record() with a callback). Once the events that were ready in this pass are handled,
// the stage writes them with one spool append and one turn of the ledger's lock, then runs each
// record's callback (the answer to its client), on this thread. A stage that fills up
// (Spool::MaxLinesPerAppend records) is written at once; its callbacks still wait for the end of
// the pass.
//
// Stages belong to their Ledger, which deletes them: the threads that record with callbacks must
// have finished before the Ledger is destroyed (the daemon joins its HTTP threads first).
class LedgerStage : public QObject
{
public:
    explicit LedgerStage(Ledger *ledger); // lives on the thread that creates it
    ~LedgerStage() override;

    void add(StagedRecord item);
    // On the stage's thread: writes what is staged and runs the callbacks.
    void flush();
    void flushIfStaged(); // at the end of a pass of the thread's event loop
    // From any thread (Ledger::stop()): writes what is staged. The callbacks are left to the
    // stage's own thread (its next flush), or dropped with the stage.
    void commitOnly();

private:
    void commitLocked(); // m_mutex held: writes m_items, keeps their callbacks in m_committed

    Ledger *const m_ledger;
    QMutex m_mutex;
    QList<StagedRecord> m_items;              // staged, not yet written
    QList<std::function<void()>> m_committed; // written by commitOnly(), callbacks not run
    std::atomic<bool> m_staged{false};        // something is in m_items or m_committed
};
