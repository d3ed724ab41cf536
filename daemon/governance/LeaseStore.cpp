// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/LeaseStore.h"

#include "governance/SharedCounter.h"
#include "store/SqlTransaction.h"
#include "store/SqlUtil.h"

#include <QSqlError>

LeaseStore::LeaseStore(QSqlDatabase &db, const QString &nodeId, qint64 leaseTtlMs)
    : m_db(db), m_node(nodeId), m_ttlMs(leaseTtlMs), m_mySql(SqlUtil::isMySql(db))
{
}

LeaseStore::Result LeaseStore::apply(const Op &op, qint64 nowMs)
{
    if (m_mySql && !m_lockWaitSet) {
        // A counter row locked by a stalled daemon is waited for seconds, not InnoDB's default
        // 50 s: the calls waiting for this lease are answered within Governor::kLeaseWaitMs.
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("SET SESSION innodb_lock_wait_timeout = 2"));
        m_lockWaitSet = true;
    }
    // Two daemons touching one counter at once may deadlock (MariaDB then rolls one back) or
    // wait too long for the row: that transaction is tried again, it does not mean the
    // database is gone.
    for (int attempt = 1;; ++attempt) {
        try {
            return applyOnce(op, nowMs);
        } catch (const Retry &) {
            if (attempt >= kAttempts)
                throw StoreError(StoreError::Kind::Unavailable,
                                 QStringLiteral("limit counter %1 stayed locked").arg(op.key));
        }
    }
}

void LeaseStore::run(QSqlQuery &q, const QString &what)
{
    if (q.exec())
        return;
    const QString code = q.lastError().nativeErrorCode();
    // MariaDB: deadlock, lock wait timeout; SQLite: busy, locked (past the busy timeout).
    if (m_mySql ? (code == QLatin1String("1213") || code == QLatin1String("1205"))
                : (code == QLatin1String("5") || code == QLatin1String("6")))
        throw Retry();
    throw SqlUtil::toStoreError(q.lastError(), m_mySql, what);
}

LeaseStore::Result LeaseStore::applyOnce(const Op &op, qint64 nowMs)
{
    Result r;
    r.key = op.key;
    r.periodStartMs = op.periodStartMs;
    r.need = op.need;
    SqlTransaction tx(m_db);
    auto bindKey = [&](QSqlQuery &q) {
        q.bindValue(QStringLiteral(":k"), op.key);
        q.bindValue(QStringLiteral(":p"), op.periodStartMs);
    };
    // The row's exclusive lock first (SELECT ... FOR UPDATE; SQLite locks the whole database
    // at the first write), so concurrent daemons serialise on this counter. A shared lock
    // upgraded later would deadlock two daemons every time.
    auto lockRow = [&]() -> bool {
        QSqlQuery q = SqlUtil::prepare(
            m_db, m_mySql ? QStringLiteral("SELECT used FROM limit_counters WHERE counter_key = "
                                           ":k AND period_start_ms = :p FOR UPDATE")
                          : QStringLiteral("UPDATE limit_counters SET updated_at_ms = "
                                           "updated_at_ms WHERE counter_key = :k AND "
                                           "period_start_ms = :p"));
        bindKey(q);
        run(q, QStringLiteral("lock a limit counter"));
        return m_mySql ? q.next() : q.numRowsAffected() == 1;
    };
    if (!lockRow()) {
        QSqlQuery q = SqlUtil::prepare(
            m_db, QStringLiteral("%1 INTO limit_counters (counter_key, period_start_ms, "
                                 "limit_value, used, leased, updated_at_ms) "
                                 "VALUES (:k, :p, :l, 0, 0, :now)")
                      .arg(m_mySql ? QStringLiteral("INSERT IGNORE")
                                   : QStringLiteral("INSERT OR IGNORE")));
        bindKey(q);
        q.bindValue(QStringLiteral(":l"), op.limit);
        q.bindValue(QStringLiteral(":now"), nowMs);
        run(q, QStringLiteral("create a limit counter"));
        lockRow();
    }
    {
        QSqlQuery q = SqlUtil::prepare(
            m_db, QStringLiteral("UPDATE limit_counters SET limit_value = :l, updated_at_ms = "
                                 ":now WHERE counter_key = :k AND period_start_ms = :p"));
        bindKey(q);
        q.bindValue(QStringLiteral(":l"), op.limit);
        q.bindValue(QStringLiteral(":now"), nowMs);
        run(q, QStringLiteral("set a limit"));
    }
    // Leases of daemons that stopped renewing them return to the counter.
    {
        QSqlQuery q = SqlUtil::prepare(
            m_db, QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM limit_leases WHERE "
                                 "counter_key = :k AND period_start_ms = :p AND expires_at_ms < "
                                 ":now AND node_id <> :n"));
        bindKey(q);
        q.bindValue(QStringLiteral(":now"), nowMs);
        q.bindValue(QStringLiteral(":n"), m_node);
        run(q, QStringLiteral("read expired leases"));
        r.reclaimed = q.next() ? q.value(0).toLongLong() : 0;
    }
    if (r.reclaimed > 0) {
        QSqlQuery q = SqlUtil::prepare(
            m_db,
            QStringLiteral("DELETE FROM limit_leases WHERE counter_key = :k AND "
                           "period_start_ms = :p AND expires_at_ms < :now AND node_id <> :n"));
        bindKey(q);
        q.bindValue(QStringLiteral(":now"), nowMs);
        q.bindValue(QStringLiteral(":n"), m_node);
        run(q, QStringLiteral("drop expired leases"));
    }
    qint64 own = 0;
    {
        QSqlQuery q = SqlUtil::prepare(
            m_db, QStringLiteral("SELECT amount FROM limit_leases WHERE counter_key = :k AND "
                                 "period_start_ms = :p AND node_id = :n"));
        bindKey(q);
        q.bindValue(QStringLiteral(":n"), m_node);
        run(q, QStringLiteral("read a lease"));
        own = q.next() ? q.value(0).toLongLong() : 0;
    }
    // Use is taken from this node's lease as far as it goes (a call may use more than it
    // reserved; a lease may have expired while the database was away).
    const qint64 fromLease = qBound<qint64>(0, op.commit, own);
    own -= fromLease;
    const qint64 returned = qBound<qint64>(0, op.giveBack, own);
    own -= returned;
    {
        QSqlQuery q = SqlUtil::prepare(
            m_db, QStringLiteral("UPDATE limit_counters SET used = used + :c, leased = leased - "
                                 ":d WHERE counter_key = :k AND period_start_ms = :p"));
        bindKey(q);
        q.bindValue(QStringLiteral(":c"), qMax<qint64>(0, op.commit));
        q.bindValue(QStringLiteral(":d"), fromLease + returned + r.reclaimed);
        run(q, QStringLiteral("commit use"));
    }
    qint64 used = 0;
    qint64 leased = 0;
    auto readRow = [&] {
        QSqlQuery q = SqlUtil::prepare(
            m_db, QStringLiteral("SELECT used, leased FROM limit_counters WHERE counter_key = "
                                 ":k AND period_start_ms = :p"));
        bindKey(q);
        run(q, QStringLiteral("read a limit counter"));
        if (q.next()) {
            used = q.value(0).toLongLong();
            leased = q.value(1).toLongLong();
        }
    };
    readRow();
    if (op.need > 0) {
        const qint64 g = SharedCounter::grant(op.limit, used, leased, op.need);
        if (g > 0) {
            // The guard keeps used + leased within the limit even if the row changed.
            QSqlQuery q = SqlUtil::prepare(
                m_db, QStringLiteral("UPDATE limit_counters SET leased = leased + :g WHERE "
                                     "counter_key = :k AND period_start_ms = :p AND used + "
                                     "leased + :g2 <= limit_value"));
            bindKey(q);
            q.bindValue(QStringLiteral(":g"), g);
            q.bindValue(QStringLiteral(":g2"), g);
            run(q, QStringLiteral("lease"));
            if (q.numRowsAffected() == 1) {
                r.granted = g;
                own += g;
                leased += g;
            }
        }
    }
    if (own > 0) {
        QSqlQuery q = SqlUtil::prepare(
            m_db, m_mySql
                      ? QStringLiteral("INSERT INTO limit_leases (counter_key, period_start_ms, "
                                       "node_id, amount, expires_at_ms) VALUES (:k, :p, :n, :a, "
                                       ":e) ON DUPLICATE KEY UPDATE amount = VALUES(amount), "
                                       "expires_at_ms = VALUES(expires_at_ms)")
                      : QStringLiteral("INSERT OR REPLACE INTO limit_leases (counter_key, "
                                       "period_start_ms, node_id, amount, expires_at_ms) VALUES "
                                       "(:k, :p, :n, :a, :e)"));
        bindKey(q);
        q.bindValue(QStringLiteral(":n"), m_node);
        q.bindValue(QStringLiteral(":a"), own);
        q.bindValue(QStringLiteral(":e"), nowMs + m_ttlMs);
        run(q, QStringLiteral("write a lease"));
    } else {
        QSqlQuery q = SqlUtil::prepare(
            m_db, QStringLiteral("DELETE FROM limit_leases WHERE counter_key = :k AND "
                                 "period_start_ms = :p AND node_id = :n"));
        bindKey(q);
        q.bindValue(QStringLiteral(":n"), m_node);
        run(q, QStringLiteral("drop a lease"));
    }
    tx.commit();
    r.used = used;
    r.leased = leased;
    r.held = own;
    return r;
}

QList<LeaseStore::Row> LeaseStore::rowsSince(qint64 sincePeriodStartMs)
{
    QList<Row> out;
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT counter_key, period_start_ms, used, leased FROM "
                             "limit_counters WHERE period_start_ms >= :s"));
    q.bindValue(QStringLiteral(":s"), sincePeriodStartMs);
    SqlUtil::exec(q, QStringLiteral("read limit counters"));
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                    q.value(3).toLongLong()});
    return out;
}
