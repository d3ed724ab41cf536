// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SqlTransaction.h"

#include "store/SqlUtil.h"

#include <QSqlError>
#include <QSqlQuery>

SqlTransaction::SqlTransaction(QSqlDatabase &db) : m_db(db)
{
    if (!m_db.isOpen())
        throw StoreError(StoreError::Kind::Unavailable,
                         QStringLiteral("database is not connected"));
    if (SqlUtil::isMySql(m_db)) {
        if (!m_db.transaction())
            throw SqlUtil::toStoreError(m_db.lastError(), true,
                                        QStringLiteral("begin transaction"));
        return;
    }
    // SQLite in WAL mode: a deferred transaction that reads first and writes later fails at
    // once (SQLITE_BUSY, without waiting out busy_timeout) when another connection — the ledger
    // writer, the governor, the catalog — committed in between. Taking the write lock up front
    // makes it wait its turn instead.
    QSqlQuery begin(m_db);
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
        throw SqlUtil::toStoreError(begin.lastError(), false, QStringLiteral("begin transaction"));
}

SqlTransaction::~SqlTransaction()
{
    if (!m_done)
        m_db.rollback();
}

void SqlTransaction::commit()
{
    if (!m_db.commit()) {
        const StoreError error = SqlUtil::toStoreError(m_db.lastError(), SqlUtil::isMySql(m_db),
                                                       QStringLiteral("commit"));
        m_db.rollback();
        m_done = true;
        throw error;
    }
    m_done = true;
}
