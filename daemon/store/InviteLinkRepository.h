// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/InvitationRow.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

// `invite_links`. Every method throws StoreError on failure. Use it on the connection's thread.
class InviteLinkRepository
{
public:
    explicit InviteLinkRepository(const QSqlDatabase &db) : m_db(db) {}

    qint64 insert(const InviteLinkRow &row); // the new id
    std::optional<InviteLinkRow> get(qint64 id);
    std::optional<InviteLinkRow> findByTokenHash(const QString &tokenHash);
    QList<InviteLinkRow> list(qint64 groupId); // by id
    void revoke(qint64 id);
    // Counts one use; false when the link was used up meanwhile.
    bool use(qint64 id);

private:
    QSqlDatabase m_db;
};
