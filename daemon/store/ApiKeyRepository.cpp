// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ApiKeyRepository.h"

#include "base/Clock.h"
#include "store/SqlTransaction.h"
#include "store/SqlUtil.h"

static const char *const KeyColumns = "id, name, user_id, key_hash, key_hint, models, expires_at, "
                                      "disabled, revoked_at, created_at, last_used_at, pool_id";

static ApiKeyRow readKey(const QSqlQuery &q)
{
    ApiKeyRow r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.userId = q.value(2).toLongLong();
    r.keyHash = q.value(3).toString();
    r.keyHint = q.value(4).toString();
    r.models = SqlUtil::modelsFromJson(q.value(5).toString());
    r.expiresAtMs = SqlUtil::msOrZero(q.value(6));
    r.disabled = q.value(7).toInt() != 0;
    r.revokedAtMs = SqlUtil::msOrZero(q.value(8));
    r.createdAtMs = q.value(9).toLongLong();
    r.lastUsedAtMs = SqlUtil::msOrZero(q.value(10));
    r.poolId = SqlUtil::msOrZero(q.value(11));
    return r;
}

QList<ApiKeyRow> ApiKeyRepository::list(std::optional<qint64> userId)
{
    QString sql = QStringLiteral("SELECT %1 FROM api_keys").arg(QLatin1String(KeyColumns));
    if (userId)
        sql += QStringLiteral(" WHERE user_id = ?");
    sql += QStringLiteral(" ORDER BY id");
    QSqlQuery q = SqlUtil::prepare(m_db, sql);
    if (userId)
        q.addBindValue(*userId);
    SqlUtil::exec(q, QStringLiteral("list keys"));
    QList<ApiKeyRow> out;
    while (q.next())
        out.append(readKey(q));
    return out;
}

std::optional<ApiKeyRow> ApiKeyRepository::get(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db,
        QStringLiteral("SELECT %1 FROM api_keys WHERE id = ?").arg(QLatin1String(KeyColumns)));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get key"));
    if (!q.next())
        return std::nullopt;
    return readKey(q);
}

std::optional<ApiKeyRow> ApiKeyRepository::findByHash(const QString &keyHash)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM api_keys WHERE key_hash = ?")
                                   .arg(QLatin1String(KeyColumns)));
    q.addBindValue(keyHash);
    SqlUtil::exec(q, QStringLiteral("find key"));
    if (!q.next())
        return std::nullopt;
    return readKey(q);
}

qint64 ApiKeyRepository::insert(const ApiKeyRow &row)
{
    if (row.keyHash.size() != 64)
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("a key hash is 64 hex characters"));
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO api_keys (name, user_id, key_hash, key_hint, models, "
                             "expires_at, disabled, revoked_at, created_at, last_used_at, pool_id) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(row.userId);
    q.addBindValue(SqlUtil::text(row.keyHash.toLower()));
    q.addBindValue(SqlUtil::text(row.keyHint));
    q.addBindValue(SqlUtil::modelsToJson(row.models));
    q.addBindValue(SqlUtil::nullableMs(row.expiresAtMs));
    q.addBindValue(row.disabled ? 1 : 0);
    q.addBindValue(SqlUtil::nullableMs(row.revokedAtMs));
    q.addBindValue(row.createdAtMs ? row.createdAtMs : Clock::nowMs());
    q.addBindValue(SqlUtil::nullableMs(row.lastUsedAtMs));
    q.addBindValue(SqlUtil::nullableMs(row.poolId));
    try {
        SqlUtil::exec(q, QStringLiteral("create key"));
    } catch (const StoreError &e) {
        if (e.kind() == StoreError::Kind::Conflict)
            throw StoreError(StoreError::Kind::Conflict, QStringLiteral("this key already exists"));
        if (e.kind() == StoreError::Kind::Invalid)
            throw StoreError(StoreError::Kind::Invalid, row.poolId > 0
                                                            ? QStringLiteral("no such user or pool")
                                                            : QStringLiteral("no such user"));
        throw;
    }
    return q.lastInsertId().toLongLong();
}

void ApiKeyRepository::setDisabled(qint64 id, bool disabled)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("UPDATE api_keys SET disabled = ? WHERE id = ?"));
    q.addBindValue(disabled ? 1 : 0);
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("update key"));
    if (q.numRowsAffected() < 1 && !SqlUtil::rowExists(m_db, QStringLiteral("api_keys"), id))
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no such key"));
}

void ApiKeyRepository::revoke(qint64 id, qint64 nowMs)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) "
                             "WHERE id = ?"));
    q.addBindValue(nowMs);
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("revoke key"));
    if (q.numRowsAffected() < 1 && !SqlUtil::rowExists(m_db, QStringLiteral("api_keys"), id))
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no such key"));
}

void ApiKeyRepository::touchLastUsed(const QHash<qint64, qint64> &keyIdToMs)
{
    if (keyIdToMs.isEmpty())
        return;
    SqlTransaction tx(m_db);
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND "
                             "(last_used_at IS NULL OR last_used_at < ?)"));
    for (auto it = keyIdToMs.cbegin(); it != keyIdToMs.cend(); ++it) {
        q.bindValue(0, it.value());
        q.bindValue(1, it.key());
        q.bindValue(2, it.value());
        SqlUtil::exec(q, QStringLiteral("touch key"));
    }
    q.finish();
    tx.commit();
}

void ApiKeyRepository::setPool(qint64 id, qint64 poolId)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("UPDATE api_keys SET pool_id = ? WHERE id = ?"));
    q.addBindValue(SqlUtil::nullableMs(poolId));
    q.addBindValue(id);
    try {
        SqlUtil::exec(q, QStringLiteral("bind key to pool"));
    } catch (const StoreError &e) {
        if (e.kind() == StoreError::Kind::Invalid)
            throw StoreError(StoreError::Kind::Invalid,
                             QStringLiteral("No pool with id %1.").arg(poolId));
        throw;
    }
    if (q.numRowsAffected() < 1 && !SqlUtil::rowExists(m_db, QStringLiteral("api_keys"), id))
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no such key"));
}

QList<ApiKeyRow> ApiKeyRepository::listByPool(qint64 poolId)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM api_keys WHERE pool_id = ? "
                                                        "ORDER BY id")
                                             .arg(QLatin1String(KeyColumns)));
    q.addBindValue(poolId);
    SqlUtil::exec(q, QStringLiteral("list keys by pool"));
    QList<ApiKeyRow> out;
    while (q.next())
        out.append(readKey(q));
    return out;
}

QHash<qint64, qint64> ApiKeyRepository::groups()
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT id, group_id FROM api_keys WHERE group_id IS NOT NULL"));
    SqlUtil::exec(q, QStringLiteral("read key groups"));
    QHash<qint64, qint64> out;
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    return out;
}
