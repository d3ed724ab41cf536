// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/InvitationRow.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

// `invitations`. Every method throws StoreError on failure. Use it on the connection's thread.
class InvitationRepository
{
public:
    explicit InvitationRepository(const QSqlDatabase &db) : m_db(db) {}

    qint64 insert(const InvitationRow &row); // the new id
    std::optional<InvitationRow> get(qint64 id);
    std::optional<InvitationRow> findByTokenHash(const QString &tokenHash);
    QList<InvitationRow> pending(qint64 groupId); // by id
    // Sending again: a new token, a new expiry, back to "queued".
    void renew(qint64 id, const QString &tokenHash, qint64 expiresAtMs);
    void setStatus(qint64 id, const QString &status, qint64 acceptedAtMs = 0);
    // The outcome of a delivery of the token with this hash (ignored when the invitation was
    // sent again meanwhile with another token).
    void recordSend(qint64 id, const QString &tokenHash, bool sent, const QString &error,
                    int attempts);

private:
    QSqlDatabase m_db;
};
