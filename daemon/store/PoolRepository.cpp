// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/PoolRepository.h"

#include "base/Clock.h"
#include "store/SqlTransaction.h"
#include "store/SqlUtil.h"

#include <QHash>
#include <QSet>

#include <algorithm>

static const char *const PoolColumns = "id, name, strategy, created_at, updated_at, enterprise_id";

static PoolRow readPool(const QSqlQuery &q)
{
    PoolRow r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.strategy = q.value(2).toString();
    r.createdAtMs = q.value(3).toLongLong();
    r.updatedAtMs = q.value(4).toLongLong();
    r.enterpriseId = q.value(5).toLongLong();
    return r;
}

static void execPool(QSqlQuery &q, const QString &what)
{
    try {
        SqlUtil::exec(q, what);
    } catch (const StoreError &e) {
        if (e.kind() == StoreError::Kind::Conflict)
            throw StoreError(StoreError::Kind::Conflict,
                             QStringLiteral("A pool with this name already exists."));
        throw;
    }
}

const QStringList &PoolRepository::strategies()
{
    static const QStringList list = {
        QStringLiteral("priority"),       QStringLiteral("weighted"),
        QStringLiteral("round_robin"),    QStringLiteral("least_busy"),
        QStringLiteral("lowest_latency"), QStringLiteral("lowest_cost")};
    return list;
}

void PoolRepository::validate(const PoolRow &row)
{
    if (row.name.trimmed().isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("A pool needs a name."));
    if (!strategies().contains(row.strategy))
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("Unknown strategy \"%1\"; use one of: %2.")
                             .arg(row.strategy, strategies().join(QStringLiteral(", "))));
    // Every member must exist; the first unknown id is named.
    QList<qint64> ids = row.accountIds;
    std::sort(ids.begin(), ids.end());
    for (qint64 id : std::as_const(ids)) {
        if (id <= 0 || !SqlUtil::rowExists(m_db, QStringLiteral("accounts"), id))
            throw StoreError(StoreError::Kind::Invalid,
                             QStringLiteral("No account with id %1.").arg(id));
    }
}

QList<qint64> PoolRepository::members(qint64 poolId)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT account_id FROM pool_accounts "
                                                        "WHERE pool_id = ? ORDER BY account_id"));
    q.addBindValue(poolId);
    SqlUtil::exec(q, QStringLiteral("list pool members"));
    QList<qint64> out;
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

void PoolRepository::writeMembers(qint64 poolId, const QList<qint64> &accountIds)
{
    QSqlQuery del =
        SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM pool_accounts WHERE pool_id = ?"));
    del.addBindValue(poolId);
    SqlUtil::exec(del, QStringLiteral("update pool members"));
    const QSet<qint64> unique(accountIds.cbegin(), accountIds.cend());
    if (unique.isEmpty())
        return;
    QSqlQuery ins = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO pool_accounts (pool_id, account_id) VALUES (?, ?)"));
    for (qint64 accountId : unique) {
        ins.bindValue(0, poolId);
        ins.bindValue(1, accountId);
        try {
            SqlUtil::exec(ins, QStringLiteral("add pool member"));
        } catch (const StoreError &e) {
            if (e.kind() == StoreError::Kind::Invalid)
                throw StoreError(StoreError::Kind::Invalid,
                                 QStringLiteral("No account with id %1.").arg(accountId));
            throw;
        }
    }
}

QList<PoolRow> PoolRepository::list()
{
    return list(TenantFilter::all());
}

QList<PoolRow> PoolRepository::list(const TenantFilter &tenants)
{
    QList<PoolRow> out;
    {
        QSqlQuery q =
            SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM pools WHERE 1 = 1%2 ORDER BY id")
                                       .arg(QLatin1String(PoolColumns),
                                            tenants.andClause(QStringLiteral("enterprise_id"))));
        SqlUtil::exec(q, QStringLiteral("list pools"));
        while (q.next())
            out.append(readPool(q));
    }
    if (out.isEmpty())
        return out;
    QHash<qint64, QList<qint64>> byPool;
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT pool_id, account_id FROM "
                                                        "pool_accounts ORDER BY pool_id, "
                                                        "account_id"));
    SqlUtil::exec(q, QStringLiteral("list pool members"));
    while (q.next())
        byPool[q.value(0).toLongLong()].append(q.value(1).toLongLong());
    for (PoolRow &p : out)
        p.accountIds = byPool.value(p.id);
    return out;
}

std::optional<PoolRow> PoolRepository::get(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1 FROM pools WHERE id = ?").arg(QLatin1String(PoolColumns)));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get pool"));
    if (!q.next())
        return std::nullopt;
    PoolRow row = readPool(q);
    q.finish();
    row.accountIds = members(id);
    return row;
}

qint64 PoolRepository::insert(const PoolRow &row)
{
    SqlTransaction tx(m_db);
    validate(row);
    const qint64 now = Clock::nowMs();
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("INSERT INTO pools (name, strategy, "
                                                        "created_at, updated_at, enterprise_id) "
                                                        "VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(SqlUtil::text(row.name.trimmed()));
    q.addBindValue(SqlUtil::text(row.strategy));
    q.addBindValue(row.createdAtMs ? row.createdAtMs : now);
    q.addBindValue(row.updatedAtMs ? row.updatedAtMs : now);
    q.addBindValue(SqlUtil::nullableMs(row.enterpriseId));
    execPool(q, QStringLiteral("create pool"));
    const qint64 id = q.lastInsertId().toLongLong();
    q.finish();
    writeMembers(id, row.accountIds);
    tx.commit();
    return id;
}

void PoolRepository::update(const PoolRow &row)
{
    SqlTransaction tx(m_db);
    if (!SqlUtil::rowExists(m_db, QStringLiteral("pools"), row.id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No pool with id %1.").arg(row.id));
    validate(row);
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE pools SET name = ?, strategy = ?, updated_at = ? "
                             "WHERE id = ?"));
    q.addBindValue(SqlUtil::text(row.name.trimmed()));
    q.addBindValue(SqlUtil::text(row.strategy));
    q.addBindValue(row.updatedAtMs ? row.updatedAtMs : Clock::nowMs());
    q.addBindValue(row.id);
    execPool(q, QStringLiteral("update pool"));
    q.finish();
    writeMembers(row.id, row.accountIds);
    tx.commit();
}

void PoolRepository::remove(qint64 id)
{
    SqlTransaction tx(m_db);
    if (!SqlUtil::rowExists(m_db, QStringLiteral("pools"), id))
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("No pool with id %1.").arg(id));
    {
        QSqlQuery q = SqlUtil::prepare(
            m_db, QStringLiteral("SELECT id, name FROM api_keys WHERE pool_id = ? ORDER BY id"));
        q.addBindValue(id);
        SqlUtil::exec(q, QStringLiteral("look up keys of pool"));
        QStringList keys;
        while (q.next())
            keys << QStringLiteral("\"%1\" (id %2)")
                        .arg(q.value(1).toString())
                        .arg(q.value(0).toLongLong());
        if (!keys.isEmpty())
            throw StoreError(StoreError::Kind::Conflict,
                             QStringLiteral("The pool is used by the keys %1; bind them to another "
                                            "pool (PATCH /api/keys/{id} {\"poolId\": ...}) first.")
                                 .arg(keys.join(QStringLiteral(", "))));
    }
    QSqlQuery del =
        SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM pool_accounts WHERE pool_id = ?"));
    del.addBindValue(id);
    SqlUtil::exec(del, QStringLiteral("delete pool members"));
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM pools WHERE id = ?"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("delete pool"));
    q.finish();
    tx.commit();
}
