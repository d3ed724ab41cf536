// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QTimer>

class DbWorker;

// Enforces ledger_retention_days: on the database worker, off the relay's path, deletes raw
// ledger rows older than the retention period in small batches (UsageRetention::purgeBatch)
// with a pause between batches, then sleeps until the next pass. The usage rollups are not
// touched, so reports keep the whole history.
class LedgerRetention : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        int retentionDays = 0;        // 0 = keep forever: nothing runs
        int batchRows = 1000;         // rows per DELETE statement
        int pauseMs = 200;            // between two batches of one pass
        int firstPassMs = 60 * 1000;  // after start()
        int intervalMs = 3600 * 1000; // between passes
    };

    LedgerRetention(DbWorker *db, const Settings &settings, QObject *parent = nullptr);

    void start();
    void stop();
    bool isActive() const { return m_settings.retentionDays > 0 && m_running; }

    // The cut-off of a pass started at `nowMs`: rows created before it are purged.
    static qint64 cutoffMs(qint64 nowMs, int retentionDays);

signals:
    // A pass ended (nothing older left, or an error): the rows it deleted.
    void passFinished(qint64 deleted);

private:
    void runBatch();
    void finishPass(bool failed);

    DbWorker *m_db;
    Settings m_settings;
    QTimer m_timer;
    bool m_running = false;
    bool m_inPass = false;
    qint64 m_cutoffMs = 0;
    qint64 m_deleted = 0;
};
