// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/DatabaseUrl.h"
#include "domain/UsageRecord.h"
#include "ledger/Spool.h"
#include "ledger/StagedRecord.h"
#include "ledger/UsageFeed.h"

#include <QElapsedTimer>
#include <QList>
#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>

class LedgerStage;
class QThread;
class SpoolSyncer;

// The crash-safe usage ledger writer.
//
// record() (any thread, typically the HTTP thread) appends the record to the local spool with
// one write() and queues it; a thread of the ledger's own, with its own database connection,
// writes the queue in batches (up to batchSize rows, or whatever arrived within the flush
// interval) as multi-row inserts. While the database is down it retries with backoff; records
// stay in the spool and in the queue. Past maxQueue records the queue stops growing and the
// writer later reads the overflow back from the spool, so memory stays bounded.
//
// At start the records left in the spool by an earlier run (a crash, or a database outage) are
// written first. The database ignores a request id it already has, so a record that was written
// but not yet dropped from the spool is never written twice.
class Ledger
{
public:
    Ledger(const DatabaseUrl &url, const QString &spoolDir);
    ~Ledger(); // stop(), then closes the spool
    Ledger(const Ledger &) = delete;
    Ledger &operator=(const Ledger &) = delete;

    // Tuning; call before start().
    // Rows per transaction, at most 5000 (the default). Larger transactions write each touched
    // page (rows, indexes, usage rollups) once for more rows.
    void setBatchSize(int rows);      // default 5000
    void setFlushIntervalMs(int ms);  // default 50
    void setMaxQueue(qint64 records); // default 100000
    void setSyncIntervalMs(int ms);   // fdatasync of the spool; default 1000, 0 = never
    // The writer runs at idle priority (SCHED_IDLE) while it keeps up, so its database work never
    // delays a request thread; once records wait longer than kCatchUpAfterMs, fill a batch or
    // overflow into the spool, it runs at normal priority until it has caught up. Only where
    // the process may raise a thread again (ThreadPriority::mayLeaveIdle()); default on.
    void setBackgroundPriority(bool enabled);
    static constexpr qint64 kCatchUpAfterMs = 1000;

    // Opens the spool (false and *error when it cannot) and starts the writer thread, which
    // first writes what an earlier run left in the spool. A database that is down is not an
    // error here: the writer keeps retrying.
    bool start(QString *error);

    // Cheap and non-blocking: one spool append and a queue push. Thread-safe.
    void record(UsageRecord record); // moved into the queue
    // The same, then `then` on the calling thread once the record is in the spool. Called from
    // a running event loop, the records of one pass of the loop share one spool write (see
    // LedgerStage), and `then` runs when the pass's events are handled; elsewhere at once.
    // Records staged when stop() runs are written by it; their callbacks then run only if
    // their thread's loop still turns.
    void record(UsageRecord record, std::function<void()> then);

    // Records not yet written (queued, in flight, or waiting in the spool).
    qint64 queueDepth() const;
    // Rows the database accepted (duplicates of rows already there are not counted).
    qint64 writtenTotal() const;
    // Whether the last database attempt succeeded.
    bool databaseUp() const;
    // Whether the writer thread runs at idle priority right now.
    bool writerIdle() const;
    // Writes to the spool so far (one per record(), one per pass with staged records).
    qint64 spoolAppends() const;
    // Syncs of the spool made by its own thread (SpoolSyncer) since start().
    qint64 spoolSyncs() const;

    // Waits until queueDepth() is 0; false on timeout.
    bool waitUntilIdle(int timeoutMs);

    // Writes what it can (stops at the first failure), then joins the writer. Records given to
    // record() afterwards still go to the spool, for the next start.
    void stop();

    // Every record passed to record() is also published here (as its JSON) for live viewers.
    UsageFeed &feed() { return m_feed; }

private:
    friend class LedgerStage;

    struct Pending
    {
        UsageRecord record;
        SpoolPosition end;
        qint64 queuedMs = 0; // m_clock when queued
    };
    // A deque: it grows a block at a time. A QList doubled its array and moved every record
    // into the new one, under the lock the request threads record with, and held both arrays
    // meanwhile: with tens of thousands of records behind, a pause for them and the daemon's
    // peak memory.
    using PendingQueue = std::deque<Pending>;

    void run();
    // m_mutex held: queues one record the spool holds up to `end` (invalid: not in the spool).
    void enqueueLocked(UsageRecord &&record, const SpoolPosition &before, const SpoolPosition &end,
                       const QString &error);
    void afterEnqueueLocked();
    // Writes staged records (LedgerStage) with one spool append; moves their records out.
    void commitStaged(QList<StagedRecord> *items);
    LedgerStage *stageForThisThread();
    void commitStages(); // writes what every stage holds (LedgerStage::commitOnly())
    bool takeBatch(PendingQueue *batch, bool *stopping);
    void backoffWait(int ms);
    bool behindLocked() const;           // m_mutex held
    void setWriterIdleLocked(bool idle); // m_mutex held

    const DatabaseUrl m_url;
    Spool m_spool;
    std::unique_ptr<SpoolSyncer> m_syncer; // while started, with a sync interval
    QThread *m_thread = nullptr;

    int m_batchSize = 5000;
    int m_flushIntervalMs = 50;
    qint64 m_maxQueue = 100000;
    int m_syncIntervalMs = 1000;

    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    PendingQueue m_queue;
    bool m_started = false;
    bool m_stopping = false;
    // Overflow: records from m_cursor on are only in the spool.
    bool m_spillMode = false;
    SpoolPosition m_cursor;
    qint64 m_spilled = 0;
    qint64 m_inFlight = 0;
    qint64 m_lastAppendWarningMs = 0;
    QElapsedTimer m_clock;
    bool m_backgroundPriority = true;
    bool m_adaptivePriority = false; // decided by the writer thread when it starts
    bool m_writerIdle = false;
    Qt::HANDLE m_writerThread = nullptr;

    const quint64 m_serial; // tells this ledger's stages from those of an earlier one
    QMutex m_stagesMutex;   // before a stage's lock, before m_mutex
    QList<LedgerStage *> m_stages;

    UsageFeed m_feed;
    std::atomic<qint64> m_written{0};
    std::atomic<bool> m_databaseUp{false};
};
