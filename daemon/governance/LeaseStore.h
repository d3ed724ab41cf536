// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

// The SQL of the shared limit counters (tables limit_counters and limit_leases). Runs on the
// governance database worker, never on an HTTP thread; throws StoreError.
class LeaseStore
{
public:
    // One change to one counter, applied in one transaction.
    struct Op
    {
        QString key;
        qint64 periodStartMs = 0;
        qint64 limit = 0;
        qint64 commit = 0;   // used by finished calls: added to `used`, taken from the lease
        qint64 giveBack = 0; // lease returned unused
        qint64 need = 0;     // > 0: lease at least this much (see SharedCounter::grant)
    };
    struct Result
    {
        QString key;
        qint64 periodStartMs = 0;
        qint64 used = 0; // the row after the change
        qint64 leased = 0;
        qint64 held = 0; // this node's lease after the change
        qint64 granted = 0;
        qint64 need = 0;
        qint64 reclaimed = 0; // expired leases of other nodes given back to the counter
    };
    struct Row
    {
        QString key;
        qint64 periodStartMs = 0;
        qint64 used = 0;
        qint64 leased = 0;
    };

    LeaseStore(QSqlDatabase &db, const QString &nodeId, qint64 leaseTtlMs);

    Result apply(const Op &op, qint64 nowMs);
    // Every counter row of periods that started at or after `sincePeriodStartMs`.
    QList<Row> rowsSince(qint64 sincePeriodStartMs);

    static constexpr int kAttempts = 5;

private:
    struct Retry
    {
    };
    Result applyOnce(const Op &op, qint64 nowMs);
    // Executes; a deadlock or lock timeout throws Retry, any other failure a StoreError.
    void run(QSqlQuery &q, const QString &what);

    QSqlDatabase &m_db;
    bool m_lockWaitSet = false; // innodb_lock_wait_timeout lowered on this connection
    QString m_node;
    qint64 m_ttlMs;
    bool m_mySql;
};
