// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/AuditRepository.h"

#include "store/AuditChain.h"
#include "store/SqlUtil.h"

#include <QStringList>

namespace {

const char *const AuditColumns = "id, at_ms, actor_id, actor_email, address, action, target_type, "
                                 "target_id, before_json, after_json, enterprise_id, prev_hash, "
                                 "hash";

AuditRow readRow(const QSqlQuery &q)
{
    AuditRow r;
    r.id = q.value(0).toLongLong();
    r.atMs = q.value(1).toLongLong();
    if (!q.value(2).isNull())
        r.actorId = q.value(2).toLongLong();
    r.actorEmail = q.value(3).toString();
    r.address = q.value(4).toString();
    r.action = q.value(5).toString();
    r.targetType = q.value(6).toString();
    r.targetId = q.value(7).toString();
    r.beforeJson = q.value(8).toString();
    r.afterJson = q.value(9).toString();
    if (!q.value(10).isNull())
        r.enterpriseId = q.value(10).toLongLong();
    r.prevHash = q.value(11).toString();
    r.hash = q.value(12).toString();
    return r;
}

QVariant nullable(const std::optional<qint64> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::LongLong));
}

// The write lock on the chain head for one append: BEGIN IMMEDIATE on SQLite (the database
// write lock, taken before the head is read), a transaction and SELECT ... FOR UPDATE of the
// head row on MySQL. Rolls back unless committed.
class ChainLock
{
public:
    explicit ChainLock(QSqlDatabase &db) : m_db(db), m_mySql(SqlUtil::isMySql(db))
    {
        if (!m_db.isOpen())
            throw StoreError(StoreError::Kind::Unavailable,
                             QStringLiteral("database is not connected"));
        bool begun = false;
        if (m_mySql) {
            begun = m_db.transaction();
        } else {
            QSqlQuery q(m_db);
            begun = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
            if (!begun)
                throw SqlUtil::toStoreError(q.lastError(), false,
                                            QStringLiteral("begin audit transaction"));
        }
        if (!begun)
            throw SqlUtil::toStoreError(m_db.lastError(), m_mySql,
                                        QStringLiteral("begin audit transaction"));
    }
    ~ChainLock()
    {
        if (m_done)
            return;
        if (m_mySql) {
            m_db.rollback();
        } else {
            QSqlQuery q(m_db);
            q.exec(QStringLiteral("ROLLBACK"));
        }
    }
    ChainLock(const ChainLock &) = delete;
    ChainLock &operator=(const ChainLock &) = delete;

    bool isMySql() const { return m_mySql; }

    void commit()
    {
        m_done = true;
        if (m_mySql) {
            if (!m_db.commit()) {
                const StoreError error =
                    SqlUtil::toStoreError(m_db.lastError(), true, QStringLiteral("commit audit"));
                m_db.rollback();
                throw error;
            }
            return;
        }
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("COMMIT"))) {
            const StoreError error =
                SqlUtil::toStoreError(q.lastError(), false, QStringLiteral("commit audit"));
            QSqlQuery r(m_db);
            r.exec(QStringLiteral("ROLLBACK"));
            throw error;
        }
    }

private:
    QSqlDatabase &m_db;
    bool m_mySql;
    bool m_done = false;
};

// The WHERE clause (without "WHERE") and its bound values for `f`.
QString whereOf(const AuditFilter &f, QList<QVariant> *binds)
{
    QStringList parts;
    if (f.fromMs) {
        parts << QStringLiteral("at_ms >= ?");
        binds->append(*f.fromMs);
    }
    if (f.toMs) {
        parts << QStringLiteral("at_ms < ?");
        binds->append(*f.toMs);
    }
    if (f.actorId) {
        parts << QStringLiteral("actor_id = ?");
        binds->append(*f.actorId);
    }
    if (!f.action.isEmpty()) {
        parts << QStringLiteral("action = ?");
        binds->append(f.action);
    }
    if (!f.targetType.isEmpty()) {
        parts << QStringLiteral("target_type = ?");
        binds->append(f.targetType);
    }
    if (f.enterpriseIds) {
        if (f.enterpriseIds->isEmpty()) {
            parts << QStringLiteral("1 = 0");
        } else {
            QStringList marks;
            for (qint64 id : *f.enterpriseIds) {
                marks << QStringLiteral("?");
                binds->append(id);
            }
            parts << QStringLiteral("enterprise_id IN (%1)").arg(marks.join(QLatin1Char(',')));
        }
    }
    return parts.isEmpty() ? QStringLiteral("1 = 1") : parts.join(QStringLiteral(" AND "));
}

} // namespace

QList<AuditRow> AuditRepository::select(const QString &where, const QList<QVariant> &binds,
                                        const QString &tail)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM audit_log WHERE %2 %3")
                                             .arg(QLatin1String(AuditColumns), where, tail));
    for (const QVariant &v : binds)
        q.addBindValue(v);
    SqlUtil::exec(q, QStringLiteral("read audit log"));
    QList<AuditRow> out;
    while (q.next())
        out.append(readRow(q));
    return out;
}

AuditRow AuditRepository::append(AuditRow row)
{
    ChainLock lock(m_db);
    {
        QSqlQuery head = SqlUtil::prepare(
            m_db, QStringLiteral("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1%1")
                      .arg(lock.isMySql() ? QStringLiteral(" FOR UPDATE") : QString()));
        SqlUtil::exec(head, QStringLiteral("read audit chain head"));
        if (!head.next())
            throw StoreError(StoreError::Kind::Unavailable,
                             QStringLiteral("the audit chain head is missing; run the migrations"));
        row.id = head.value(0).toLongLong() + 1;
        row.prevHash = head.value(1).toString();
    }
    row.hash = AuditChain::hash(row);
    QSqlQuery ins = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO audit_log (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                             "?, ?)")
                  .arg(QLatin1String(AuditColumns)));
    ins.addBindValue(row.id);
    ins.addBindValue(row.atMs);
    ins.addBindValue(nullable(row.actorId));
    ins.addBindValue(SqlUtil::text(row.actorEmail));
    ins.addBindValue(SqlUtil::text(row.address));
    ins.addBindValue(SqlUtil::text(row.action));
    ins.addBindValue(SqlUtil::text(row.targetType));
    ins.addBindValue(SqlUtil::text(row.targetId));
    ins.addBindValue(SqlUtil::text(row.beforeJson));
    ins.addBindValue(SqlUtil::text(row.afterJson));
    ins.addBindValue(nullable(row.enterpriseId));
    ins.addBindValue(row.prevHash);
    ins.addBindValue(row.hash);
    SqlUtil::exec(ins, QStringLiteral("append audit entry"));
    ins.finish();
    QSqlQuery upd = SqlUtil::prepare(
        m_db,
        QStringLiteral("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1"));
    upd.addBindValue(row.id);
    upd.addBindValue(row.hash);
    SqlUtil::exec(upd, QStringLiteral("advance audit chain head"));
    upd.finish();
    lock.commit();
    return row;
}

AuditPage AuditRepository::query(const AuditFilter &filter)
{
    AuditPage page;
    QList<QVariant> binds;
    const QString where = whereOf(filter, &binds);
    {
        QSqlQuery q = SqlUtil::prepare(
            m_db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE %1").arg(where));
        for (const QVariant &v : std::as_const(binds))
            q.addBindValue(v);
        SqlUtil::exec(q, QStringLiteral("count audit entries"));
        if (q.next())
            page.total = q.value(0).toLongLong();
    }
    const int size = qBound(1, filter.pageSize, AuditFilter::MaxPageSize);
    const qint64 offset = qint64(qMax(1, filter.page) - 1) * size;
    page.items = select(
        where, binds, QStringLiteral("ORDER BY id DESC LIMIT %1 OFFSET %2").arg(size).arg(offset));
    return page;
}

QList<AuditRow> AuditRepository::pageBefore(const AuditFilter &filter, qint64 beforeId, int limit)
{
    QList<QVariant> binds;
    QString where = whereOf(filter, &binds);
    if (beforeId > 0) {
        where += QStringLiteral(" AND id < ?");
        binds.append(beforeId);
    }
    const int size = qBound(1, limit, AuditFilter::MaxPageSize);
    return select(where, binds, QStringLiteral("ORDER BY id DESC LIMIT %1").arg(size));
}

AuditVerification AuditRepository::verify(int pageSize)
{
    AuditVerification out;
    const int size = qBound(1, pageSize, AuditFilter::MaxPageSize);
    auto fail = [&out](qint64 id, const char *problem) {
        if (!out.ok)
            return;
        out.ok = false;
        out.firstBadId = id;
        out.problem = QString::fromLatin1(problem);
    };
    qint64 lastId = 0;
    QString prev = AuditChain::genesis();
    for (;;) {
        const QList<AuditRow> rows = select(QStringLiteral("id > ?"), {lastId},
                                            QStringLiteral("ORDER BY id ASC LIMIT %1").arg(size));
        for (const AuditRow &row : rows) {
            ++out.entries;
            if (row.id != lastId + 1)
                fail(lastId + 1, "missing");
            else if (row.prevHash != prev)
                fail(row.id, "link");
            else if (AuditChain::hash(row) != row.hash)
                fail(row.id, "hash");
            lastId = row.id;
            prev = row.hash;
        }
        if (rows.size() < size)
            break;
    }
    QSqlQuery head = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1"));
    SqlUtil::exec(head, QStringLiteral("read audit chain head"));
    if (!head.next()) {
        fail(lastId + 1, "head");
        return out;
    }
    const qint64 headId = head.value(0).toLongLong();
    if (headId > lastId)
        fail(lastId + 1, "missing"); // entries at the end were removed
    else if (headId < lastId)
        fail(headId + 1, "head"); // entries written around the chain head
    else if (head.value(1).toString() != prev)
        fail(lastId, "head");
    return out;
}
