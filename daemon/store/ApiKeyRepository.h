// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/ApiKeyRow.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

#include <optional>

// `api_keys` table. Every method throws StoreError on failure. Use it on the connection's thread.
class ApiKeyRepository
{
public:
    explicit ApiKeyRepository(const QSqlDatabase &db) : m_db(db) {}

    QList<ApiKeyRow> list(std::optional<qint64> userId = std::nullopt); // by id
    std::optional<ApiKeyRow> get(qint64 id);
    std::optional<ApiKeyRow> findByHash(const QString &keyHash);
    // Returns the new id. A zero createdAtMs is set to now. Conflict on a duplicate hash,
    // Invalid when the user (or the pool, if poolId is set) does not exist.
    qint64 insert(const ApiKeyRow &row);
    void setDisabled(qint64 id, bool disabled); // NotFound
    // Binds the key to a pool (0 unbinds). NotFound; Invalid when the pool does not exist.
    void setPool(qint64 id, qint64 poolId);
    QList<ApiKeyRow> listByPool(qint64 poolId); // by id
    // Key id -> group id, for the keys that belong to a group.
    QHash<qint64, qint64> groups();
    // Marks the key revoked at `nowMs`; a key already revoked keeps its first time. NotFound.
    void revoke(qint64 id, qint64 nowMs);
    // Moves last_used_at forward (never back) for each key, in one transaction. Unknown ids are
    // ignored.
    void touchLastUsed(const QHash<qint64, qint64> &keyIdToMs);

private:
    QSqlDatabase m_db;
};
