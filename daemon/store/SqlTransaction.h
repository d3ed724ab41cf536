// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>

// A transaction that rolls back unless commit() was called. Throws StoreError(Unavailable)
// when it cannot begin or commit.
class SqlTransaction
{
public:
    explicit SqlTransaction(QSqlDatabase &db);
    ~SqlTransaction();
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    void commit();

private:
    QSqlDatabase &m_db;
    bool m_done = false;
};
