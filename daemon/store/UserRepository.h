// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/TenantFilter.h"
#include "store/UserRow.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

// A partial update of a user; unset fields stay as they are.
struct UserChange
{
    std::optional<QString> name;
    std::optional<QString> role;
    std::optional<bool> disabled;
    std::optional<qint64> enterpriseId; // 0 clears
    std::optional<qint64> departmentId; // 0 clears
    std::optional<QString> passwordHash;
    bool endSessions = false; // raise token_generation: every access token of the user ends
};

// `users` table. Every method throws StoreError on failure. Use it on the connection's thread.
class UserRepository
{
public:
    explicit UserRepository(const QSqlDatabase &db) : m_db(db) {}

    qint64 count();
    std::optional<UserRow> findByEmail(const QString &email); // case-insensitive
    std::optional<UserRow> get(qint64 id);
    // Returns the new id. Zero timestamps are set to now. Conflict on a duplicate email. A
    // legacy role ("admin" / "member") also gets its built-in role as a global assignment.
    qint64 insert(const UserRow &row);
    QList<UserRow> list(); // by id
    QList<UserRow> list(const TenantFilter &tenants);
    std::optional<UserRow> get(qint64 id, const TenantFilter &tenants);
    // NotFound when there is no such user. A new legacy role replaces the user's global
    // system_admin / member assignment.
    void update(qint64 id, const UserChange &change);

private:
    QSqlDatabase m_db;
};
