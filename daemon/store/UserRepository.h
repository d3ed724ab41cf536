// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/UserRow.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

// `users` table. Every method throws StoreError on failure. Use it on the connection's thread.
class UserRepository
{
public:
    explicit UserRepository(const QSqlDatabase &db) : m_db(db) {}

    qint64 count();
    std::optional<UserRow> findByEmail(const QString &email); // case-insensitive
    std::optional<UserRow> get(qint64 id);
    // Returns the new id. Zero timestamps are set to now. Conflict on a duplicate email.
    qint64 insert(const UserRow &row);
    QList<UserRow> list(); // by id

private:
    QSqlDatabase m_db;
};
