// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/PoolRow.h"
#include "store/TenantFilter.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

// `pools` and their members in `pool_accounts`. Every method throws StoreError on failure. Use it
// on the connection's thread. Writes run in one transaction each, so a pool and its membership
// are never half-saved.
class PoolRepository
{
public:
    explicit PoolRepository(const QSqlDatabase &db) : m_db(db) {}

    static const QStringList &strategies(); // priority, weighted, round_robin, ...

    QList<PoolRow> list(); // by id, members included
    QList<PoolRow> list(const TenantFilter &tenants);
    std::optional<PoolRow> get(qint64 id);
    // Returns the new id. Invalid for an unknown strategy or account id (named in the message),
    // Conflict on a duplicate name.
    qint64 insert(const PoolRow &row);
    // Replaces name, strategy and members (by row.id); sets updated_at. NotFound, Invalid,
    // Conflict as insert().
    void update(const PoolRow &row);
    // NotFound; Conflict (naming them) while personal keys are bound to the pool.
    void remove(qint64 id);

private:
    void validate(const PoolRow &row);
    void writeMembers(qint64 poolId, const QList<qint64> &accountIds);
    QList<qint64> members(qint64 poolId);

    QSqlDatabase m_db;
};
