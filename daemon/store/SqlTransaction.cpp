// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SqlTransaction.h"

#include "store/SqlUtil.h"

SqlTransaction::SqlTransaction(QSqlDatabase &db) : m_db(db)
{
    if (!m_db.isOpen())
        throw StoreError(StoreError::Kind::Unavailable,
                         QStringLiteral("database is not connected"));
    if (!m_db.transaction())
        throw SqlUtil::toStoreError(m_db.lastError(), SqlUtil::isMySql(m_db),
                                    QStringLiteral("begin transaction"));
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
