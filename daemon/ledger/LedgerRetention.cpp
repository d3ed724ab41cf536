// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/LedgerRetention.h"

#include "base/Clock.h"
#include "store/DbWorker.h"
#include "store/UsageRetention.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRetention, "aicarpool.ledger.retention")

static constexpr qint64 DayMs = 86400000;

LedgerRetention::LedgerRetention(DbWorker *db, const Settings &settings, QObject *parent)
    : QObject(parent), m_db(db), m_settings(settings)
{
    m_settings.batchRows = qMax(1, m_settings.batchRows);
    m_settings.pauseMs = qMax(0, m_settings.pauseMs);
    m_settings.intervalMs = qMax(1, m_settings.intervalMs);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &LedgerRetention::runBatch);
}

qint64 LedgerRetention::cutoffMs(qint64 nowMs, int retentionDays)
{
    return nowMs - qint64(retentionDays) * DayMs;
}

void LedgerRetention::start()
{
    if (m_settings.retentionDays <= 0 || m_running)
        return;
    m_running = true;
    m_timer.start(qMax(0, m_settings.firstPassMs));
}

void LedgerRetention::stop()
{
    m_running = false;
    m_timer.stop();
}

void LedgerRetention::runBatch()
{
    if (!m_running)
        return;
    if (!m_inPass) {
        m_inPass = true;
        m_deleted = 0;
        m_cutoffMs = cutoffMs(Clock::nowMs(), m_settings.retentionDays);
    }
    const qint64 cutoff = m_cutoffMs;
    const int rows = m_settings.batchRows;
    m_db->post<qint64>(
        [cutoff, rows](QSqlDatabase &db) { return UsageRetention::purgeBatch(db, cutoff, rows); },
        this,
        [this, rows](qint64 deleted) {
            m_deleted += deleted;
            if (deleted >= rows && m_running)
                m_timer.start(m_settings.pauseMs); // more to purge: next batch after a pause
            else
                finishPass(false);
        },
        [this](const StoreError &e) {
            qCWarning(lcRetention).noquote()
                << "ledger retention: purge failed, retrying at the next pass:" << e.message();
            finishPass(true);
        });
}

void LedgerRetention::finishPass(bool failed)
{
    m_inPass = false;
    if (m_deleted > 0 || failed)
        qCInfo(lcRetention) << "ledger retention: purged" << m_deleted << "usage rows older than"
                            << m_settings.retentionDays << "days";
    const qint64 deleted = m_deleted;
    if (m_running)
        m_timer.start(m_settings.intervalMs);
    emit passFinished(deleted);
}
