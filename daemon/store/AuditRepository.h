// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AuditFilter.h"
#include "store/AuditPage.h"
#include "store/AuditRow.h"
#include "store/AuditVerification.h"

#include <QSqlDatabase>

#include <optional>

// The append-only audit log (`audit_log`) and the head of its hash chain
// (`audit_chain_head`, one row). Every method throws StoreError on failure; use it on the
// connection's thread. Nothing here updates or deletes an entry.
//
// Appending takes the chain head under a write lock: `BEGIN IMMEDIATE` on SQLite, `SELECT ...
// FOR UPDATE` of the head row on MySQL/MariaDB. The entry's id is the head's last id + 1, its
// prev_hash the head's hash; the entry and the new head are written in the same transaction.
// Several daemons sharing one MariaDB therefore extend one linear chain.
class AuditRepository
{
public:
    explicit AuditRepository(const QSqlDatabase &db) : m_db(db) {}

    // Stores `row` (id, prev_hash and hash are assigned here) and returns it as stored.
    AuditRow append(AuditRow row);
    // Newest first; `total` counts every match.
    AuditPage query(const AuditFilter &filter);
    // Entries with id < beforeId (0: from the newest), newest first, at most `limit`; no count.
    QList<AuditRow> pageBefore(const AuditFilter &filter, qint64 beforeId, int limit);
    // Walks the whole chain in id order, `pageSize` entries at a time.
    AuditVerification verify(int pageSize = 500);

private:
    QList<AuditRow> select(const QString &where, const QList<QVariant> &binds, const QString &tail);

    QSqlDatabase m_db;
};
