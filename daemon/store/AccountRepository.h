// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AccountRow.h"
#include "store/TenantFilter.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

// `accounts` table. Every method throws StoreError on failure. Use it on the connection's thread.
class AccountRepository
{
public:
    explicit AccountRepository(const QSqlDatabase &db) : m_db(db) {}

    QList<AccountRow> list(); // by priority (descending), then id
    QList<AccountRow> list(const TenantFilter &tenants);
    std::optional<AccountRow> get(qint64 id);
    // Returns the new id. Zero timestamps are set to now. Conflict on a duplicate name.
    qint64 insert(const AccountRow &row);
    // Updates every column from `row` (by row.id) and sets updated_at (row.updatedAtMs or now).
    // An empty `secretSealed` keeps the stored secret; every other column (proxy, OAuth tokens,
    // ...) is written as given. NotFound, Conflict on a duplicate name, Invalid for an unknown
    // proxyId.
    void update(const AccountRow &row);
    void remove(qint64 id); // NotFound (pool memberships go with it)

    // Replaces the sealed OAuth tokens (empty = none) and the attention flag. NotFound.
    void setOAuth(qint64 id, const QByteArray &oauthSealed, bool needsAttention = false);
    void setNeedsAttention(qint64 id, bool needsAttention); // NotFound
    QList<AccountRow> listByProxy(qint64 proxyId);          // by id

private:
    QSqlDatabase m_db;
};
