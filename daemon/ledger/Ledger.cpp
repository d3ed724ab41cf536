// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Ledger.h"

#include "base/ThreadPriority.h"
#include "ledger/LedgerBatchWriter.h"
#include "ledger/LedgerStage.h"
#include "ledger/SpoolSyncer.h"
#include "store/Database.h"
#include "store/StoreError.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QThread>
#include <QVarLengthArray>

#include <algorithm>
#include <iterator>

Q_LOGGING_CATEGORY(lcLedger, "aicarpool.ledger")

static constexpr int MaxBackoffMs = 5000;

namespace {
struct StageSlot
{
    quint64 ledger = 0; // Ledger::m_serial
    LedgerStage *stage = nullptr;
};
thread_local StageSlot t_stage;
std::atomic<quint64> g_ledgerSerial{0};
} // namespace

Ledger::Ledger(const DatabaseUrl &url, const QString &spoolDir)
    : m_url(url), m_spool(spoolDir), m_serial(++g_ledgerSerial)
{
    m_clock.start();
}

Ledger::~Ledger()
{
    stop();
    commitStages(); // recorded after stop(): into the spool, for the next start
    qDeleteAll(m_stages);
    m_spool.close();
}

void Ledger::commitStages()
{
    QMutexLocker lock(&m_stagesMutex);
    for (LedgerStage *stage : std::as_const(m_stages))
        stage->commitOnly();
}

void Ledger::setBatchSize(int rows)
{
    m_batchSize = qBound(1, rows, 5000);
}

void Ledger::setFlushIntervalMs(int ms)
{
    m_flushIntervalMs = qMax(1, ms);
}

void Ledger::setMaxQueue(qint64 records)
{
    m_maxQueue = qMax<qint64>(1, records);
}

void Ledger::setBackgroundPriority(bool enabled)
{
    m_backgroundPriority = enabled;
}

bool Ledger::writerIdle() const
{
    QMutexLocker lock(&m_mutex);
    return m_writerIdle;
}

qint64 Ledger::spoolAppends() const
{
    return m_spool.appendCalls();
}

qint64 Ledger::spoolSyncs() const
{
    QMutexLocker lock(&m_mutex);
    return m_syncer ? m_syncer->syncs() : 0;
}

bool Ledger::behindLocked() const
{
    return m_spillMode || qsizetype(m_queue.size()) >= m_batchSize ||
           (!m_queue.empty() && m_clock.elapsed() - m_queue.front().queuedMs > kCatchUpAfterMs);
}

void Ledger::setWriterIdleLocked(bool idle)
{
    if (!m_adaptivePriority || !m_writerThread || m_writerIdle == idle)
        return;
    if (ThreadPriority::setIdle(m_writerThread, idle))
        m_writerIdle = idle;
    else if (!idle)
        m_adaptivePriority = false; // cannot raise it: never lower it again
}

void Ledger::setSyncIntervalMs(int ms)
{
    m_syncIntervalMs = qMax(0, ms);
}

bool Ledger::start(QString *error)
{
    QMutexLocker lock(&m_mutex);
    if (m_started)
        return true;
    // Started again after stop(): the spool stayed open (records given to record() meanwhile
    // went there), so what is left is counted in m_spilled, not by a fresh open().
    const bool restart = m_spool.isOpen();
    if (!m_spool.open(error))
        return false;
    const qint64 left = restart ? m_spilled : m_spool.recordsAtOpen();
    if (left > 0) {
        // Replay what an earlier run left behind before anything new.
        m_spillMode = true;
        m_cursor = m_spool.firstPosition();
        m_spilled = left;
        qCInfo(lcLedger) << "usage ledger: replaying" << left << "spooled records";
    }
    m_stopping = false;
    m_started = true;
    if (m_syncIntervalMs > 0) {
        m_syncer = std::make_unique<SpoolSyncer>(m_spool, m_syncIntervalMs);
        SpoolSyncer *syncer = m_syncer.get();
        m_spool.setSyncRequest([syncer] { syncer->requestSync(); });
        m_syncer->start();
    }
    m_thread = QThread::create([this]() { run(); });
    m_thread->setObjectName(QStringLiteral("Ledger"));
    m_thread->start();
    return true;
}

void Ledger::record(UsageRecord record)
{
    if (m_feed.hasSubscribers())
        m_feed.publish(QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact));
    const QByteArray line = record.toSpoolLine();
    QMutexLocker lock(&m_mutex);
    const SpoolPosition before = m_spool.endPosition();
    QString error;
    const SpoolPosition end = m_spool.appendLine(line, &error);
    enqueueLocked(std::move(record), before, end, error);
    afterEnqueueLocked();
}

void Ledger::record(UsageRecord record, std::function<void()> then)
{
    if (!then) {
        this->record(std::move(record));
        return;
    }
    if (QThread::currentThread()->loopLevel() == 0) {
        // No event loop turns on this thread: nothing would end its pass.
        this->record(std::move(record));
        then();
        return;
    }
    if (m_feed.hasSubscribers())
        m_feed.publish(QJsonDocument(record.toJson()).toJson(QJsonDocument::Compact));
    QByteArray line = record.toSpoolLine();
    stageForThisThread()->add(StagedRecord{std::move(record), std::move(line), std::move(then)});
}

LedgerStage *Ledger::stageForThisThread()
{
    if (t_stage.ledger == m_serial)
        return t_stage.stage;
    auto *stage = new LedgerStage(this);
    {
        QMutexLocker lock(&m_stagesMutex);
        m_stages.append(stage);
    }
    t_stage = StageSlot{m_serial, stage};
    return stage;
}

void Ledger::commitStaged(QList<StagedRecord> *items)
{
    const qsizetype n = items->size();
    Q_ASSERT(n <= Spool::MaxLinesPerAppend);
    // Sized to the pass (a handful of calls), not to the largest append.
    QVarLengthArray<QByteArray, 32> lines(n);
    QVarLengthArray<SpoolPosition, 32> ends(n);
    for (qsizetype i = 0; i < n; ++i)
        lines[i] = std::move((*items)[i].line);
    QMutexLocker lock(&m_mutex);
    SpoolPosition before = m_spool.endPosition();
    QString error;
    const bool written = m_spool.appendLines(lines.constData(), n, ends.data(), &error);
    for (qsizetype i = 0; i < n; ++i) {
        const SpoolPosition end = written ? ends[i] : SpoolPosition{};
        enqueueLocked(std::move((*items)[i].record), before, end, error);
        before = end;
    }
    afterEnqueueLocked();
}

void Ledger::enqueueLocked(UsageRecord &&record, const SpoolPosition &before,
                           const SpoolPosition &end, const QString &error)
{
    if (!end.isValid()) {
        // Not on disk: keep it in memory whatever the queue size, so it is still written.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now - m_lastAppendWarningMs > 10000) {
            m_lastAppendWarningMs = now;
            qCWarning(lcLedger) << "usage ledger:" << error;
        }
        m_queue.push_back(Pending{std::move(record), SpoolPosition{}, m_clock.elapsed()});
    } else if (!m_started || m_stopping) {
        ++m_spilled; // in the spool for the next start
    } else if (m_spillMode) {
        ++m_spilled;
    } else if (qint64(m_queue.size()) >= m_maxQueue) {
        m_spillMode = true;
        m_cursor = before;
        m_spilled = 1;
        qCWarning(lcLedger) << "usage ledger: queue full," << m_queue.size()
                            << "records waiting; further records wait in the spool only";
    } else {
        m_queue.push_back(Pending{std::move(record), end, m_clock.elapsed()});
    }
}

void Ledger::afterEnqueueLocked()
{
    if (m_writerIdle && behindLocked())
        setWriterIdleLocked(false); // starved by busy request threads: catch up now
    if (qsizetype(m_queue.size()) >= m_batchSize)
        m_wake.wakeOne();
}

qint64 Ledger::queueDepth() const
{
    QMutexLocker lock(&m_mutex);
    return qint64(m_queue.size()) + m_inFlight + m_spilled;
}

qint64 Ledger::writtenTotal() const
{
    return m_written.load();
}

bool Ledger::databaseUp() const
{
    return m_databaseUp.load();
}

bool Ledger::waitUntilIdle(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (queueDepth() > 0) {
        if (deadline.hasExpired())
            return false;
        QThread::msleep(5);
    }
    return true;
}

void Ledger::stop()
{
    commitStages(); // records whose thread's loop has not flushed them
    {
        QMutexLocker lock(&m_mutex);
        if (!m_started || !m_thread)
            return;
        m_stopping = true;
        m_wake.wakeAll();
    }
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    if (m_syncer) {
        m_spool.setSyncRequest({});
        m_syncer->stop();
        m_syncer.reset();
    }
    QMutexLocker lock(&m_mutex);
    m_started = false;
    // What is left is in the spool; the in-memory copies are no longer needed.
    for (const Pending &p : std::as_const(m_queue)) {
        if (p.end.isValid())
            ++m_spilled;
    }
    m_spilled += m_inFlight;
    m_queue.clear();
    m_inFlight = 0;
}

// Takes the next batch: from the queue, else (overflow/replay) from the spool.
bool Ledger::takeBatch(PendingQueue *batch, bool *stopping)
{
    QMutexLocker lock(&m_mutex);
    if (qsizetype(m_queue.size()) < m_batchSize && !m_stopping && !m_spillMode)
        m_wake.wait(&m_mutex, m_flushIntervalMs);
    *stopping = m_stopping;
    if (!m_queue.empty()) {
        const qsizetype n = qMin<qsizetype>(m_batchSize, qsizetype(m_queue.size()));
        if (n == qsizetype(m_queue.size())) {
            batch->swap(m_queue); // all of it: no copies (batch is empty here)
        } else {
            // Moved, not copied: request threads that record meanwhile wait for this. Erasing
            // from the front of a deque moves nothing else.
            std::move(m_queue.begin(), m_queue.begin() + n, std::back_inserter(*batch));
            m_queue.erase(m_queue.begin(), m_queue.begin() + n);
        }
        m_inFlight = n;
        // Idle priority while everything fits in one batch; normal while records pile up.
        if (m_queue.empty() && !m_spillMode)
            setWriterIdleLocked(true);
        else if (behindLocked())
            setWriterIdleLocked(false);
        return true;
    }
    if (!m_spillMode)
        return false;
    SpoolPosition cursor = m_cursor;
    lock.unlock();
    // Only this thread moves m_cursor, and appends only add after it, so the read runs unlocked.
    const QList<Spool::Entry> entries = m_spool.read(&cursor, m_batchSize);
    lock.relock();
    m_cursor = cursor;
    for (const Spool::Entry &e : entries)
        batch->push_back(Pending{e.record, e.end});
    m_spilled = qMax<qint64>(0, m_spilled - entries.size());
    m_inFlight = entries.size();
    if (m_spool.atEnd(m_cursor)) {
        // Appends take m_mutex too, so none can slip between this check and the switch.
        m_spillMode = false;
        m_spilled = 0;
    } else if (entries.isEmpty() && !m_stopping) {
        m_wake.wait(&m_mutex, m_flushIntervalMs); // unreadable spool data: do not spin
    }
    return !batch->empty();
}

void Ledger::backoffWait(int ms)
{
    QMutexLocker lock(&m_mutex);
    if (!m_stopping)
        m_wake.wait(&m_mutex, ms);
}

void Ledger::run()
{
    const QString connection =
        QStringLiteral("aicarpool-ledger-%1").arg(reinterpret_cast<quintptr>(this), 0, 16);
    QSqlDatabase db;
    int backoffMs = 0;
    bool reportedDown = false;
    PendingQueue batch;
    {
        QMutexLocker lock(&m_mutex);
        m_writerThread = QThread::currentThreadId();
        m_writerIdle = false;
        m_adaptivePriority = m_backgroundPriority && ThreadPriority::mayLeaveIdle();
    }

    auto markDown = [&](const QString &why) {
        m_databaseUp = false;
        db = QSqlDatabase();
        Database::close(connection);
        if (!reportedDown) {
            reportedDown = true;
            qCWarning(lcLedger).noquote()
                << "usage ledger: database unavailable, records kept in the spool:" << why;
        }
        backoffMs = backoffMs ? qMin(MaxBackoffMs, backoffMs * 2) : 100;
    };

    for (;;) {
        bool stopping = false;
        if (batch.empty() && !takeBatch(&batch, &stopping)) {
            if (stopping)
                break;
            continue;
        }
        {
            QMutexLocker lock(&m_mutex);
            stopping = m_stopping;
        }

        if (!db.isOpen()) {
            QString error;
            db = Database::open(m_url, connection, &error);
            if (db.isOpen()) {
                try {
                    LedgerBatchWriter::makeCommitsDurable(db);
                } catch (const StoreError &e) {
                    error = e.message();
                    db.close();
                }
            }
            if (!db.isOpen()) {
                markDown(error);
                if (stopping)
                    break;
                backoffWait(backoffMs);
                continue;
            }
        }

        QList<UsageRecord> records;
        records.reserve(qsizetype(batch.size()));
        for (const Pending &p : std::as_const(batch))
            records.append(p.record);
        try {
            m_written += LedgerBatchWriter::write(db, records);
        } catch (const StoreError &e) {
            if (e.kind() == StoreError::Kind::Unavailable || !Database::ping(db)) {
                markDown(e.message());
                if (stopping)
                    break;
                backoffWait(backoffMs);
                continue;
            }
            // The database is up but refuses the batch: write row by row and drop (loudly) the
            // rows it refuses, so one bad record cannot block the ledger.
            bool down = false;
            for (const UsageRecord &r : std::as_const(records)) {
                try {
                    m_written += LedgerBatchWriter::write(db, {r});
                } catch (const StoreError &rowError) {
                    if (rowError.kind() == StoreError::Kind::Unavailable) {
                        markDown(rowError.message());
                        down = true;
                        break;
                    }
                    qCWarning(lcLedger).noquote() << "usage ledger: dropping record" << r.requestId
                                                  << ":" << rowError.message();
                }
            }
            if (down) {
                if (stopping)
                    break;
                backoffWait(backoffMs);
                continue;
            }
        }
        if (reportedDown)
            qCInfo(lcLedger) << "usage ledger: database available again";
        reportedDown = false;
        backoffMs = 0;
        m_databaseUp = true;
        SpoolPosition last;
        for (const Pending &p : std::as_const(batch)) {
            if (p.end.isValid())
                last = p.end;
        }
        m_spool.commitUpTo(last);
        batch.clear();
        QMutexLocker lock(&m_mutex);
        m_inFlight = 0;
    }

    // Whatever is still in flight stays in the spool for the next start.
    m_spool.sync();
    db = QSqlDatabase();
    Database::close(connection);
}
