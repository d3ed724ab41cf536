// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminIdentity.h"
#include "api/admin/ApiError.h"
#include "http/HttpResponder.h"
#include "store/GroupRow.h"
#include "store/InvitationRow.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <functional>
#include <optional>

class AdminApi;

// What the group and invitation handlers share: who may manage a group (group.manage, or the
// group's own owners and admins), the JSON shapes, and running a job that answers with a
// status and body or a refusal decided on the database thread.
class GroupAccess
{
public:
    // The outcome of a job on the database thread.
    struct Answer
    {
        int status = 200;
        QJsonObject body;
        std::optional<ApiError> error;

        static Answer refuse(const ApiError &e)
        {
            Answer a;
            a.error = e;
            return a;
        }
    };
    using Job = std::function<Answer(QSqlDatabase &)>;

    // Runs `job`; with `changesRelay` also bumps the data version and answers once the relay
    // uses the new data (group pools and memberships decide a key's pool).
    static void respond(AdminApi *api, const HttpResponderPtr &responder, bool changesRelay,
                        Job job);

    // On the database thread: 404 when the group does not exist; else nothing when the caller
    // holds group.manage for it (`manageAll`) or is one of its owners/admins (`orMember`: or
    // any member), else 403.
    static std::optional<ApiError> check(QSqlDatabase &db, qint64 groupId, const AdminIdentity &who,
                                         bool manageAll, bool orMember = false);
    // The caller's role in the group ("" when none, "system" with group.manage).
    static QString roleOf(QSqlDatabase &db, qint64 groupId, const AdminIdentity &who,
                          bool manageAll);

    static ApiError gone(const QString &message);

    static QJsonObject group(const GroupRow &row);
    static QJsonObject member(const GroupMemberRow &row);
    static QJsonObject invitation(const InvitationRow &row, qint64 nowMs);
    static QJsonObject link(const InviteLinkRow &row, qint64 nowMs);

    // A new invitation token (256 random bits, base64url) and the hex SHA-256 that is stored.
    static QString newToken();
    static QString tokenHash(const QString &token);
};
