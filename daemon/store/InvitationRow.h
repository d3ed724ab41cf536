// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

// One row of `invitations`: an invitation by email. Only the SHA-256 (hex) of its token is
// stored; the token itself exists only in the email. Timestamps are UTC epoch milliseconds,
// 0 for NULL.
struct InvitationRow
{
    qint64 id = 0;
    qint64 groupId = 0;
    QString email;
    QString role = QStringLiteral("member");
    QString tokenHash;
    QString status = QStringLiteral("pending");   // pending | accepted | cancelled
    QString sendState = QStringLiteral("queued"); // queued | sent | failed
    QString sendError;                            // why the last send failed
    int attempts = 0;                             // delivery attempts so far
    qint64 expiresAtMs = 0;
    qint64 createdBy = 0;
    qint64 createdAtMs = 0;
    qint64 acceptedAtMs = 0;
};

// One row of `invite_links`: a link anyone may use up to max_uses times.
struct InviteLinkRow
{
    qint64 id = 0;
    qint64 groupId = 0;
    QString tokenHash;
    int maxUses = 1;
    int uses = 0;
    qint64 expiresAtMs = 0; // 0 = never
    bool revoked = false;
    qint64 createdBy = 0;
    qint64 createdAtMs = 0;
};
