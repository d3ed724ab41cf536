// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/GroupAccess.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "crypto/Crypto.h"
#include "store/GroupRepository.h"

void GroupAccess::respond(AdminApi *api, const HttpResponderPtr &responder, bool changesRelay,
                          Job job)
{
    auto answer = [responder](const Answer &a) {
        if (a.error)
            throw *a.error;
        if (a.status == 204)
            responder->send(204, {}, {});
        else
            responder->sendJson(a.status, a.body);
    };
    if (changesRelay)
        api->change<Answer>(responder, std::move(job), answer);
    else
        api->run<Answer>(responder, std::move(job), answer);
}

QString GroupAccess::roleOf(QSqlDatabase &db, qint64 groupId, const AdminIdentity &who,
                            bool manageAll)
{
    if (manageAll)
        return QStringLiteral("system");
    return GroupRepository(db).memberRole(groupId, who.userId);
}

std::optional<ApiError> GroupAccess::check(QSqlDatabase &db, qint64 groupId,
                                           const AdminIdentity &who, bool manageAll, bool orMember)
{
    GroupRepository groups(db);
    if (!groups.get(groupId))
        return ApiError::notFound(QStringLiteral("No group with id %1.").arg(groupId));
    if (manageAll)
        return std::nullopt;
    const QString role = groups.memberRole(groupId, who.userId);
    if (role == QLatin1String("owner") || role == QLatin1String("admin"))
        return std::nullopt;
    if (orMember && !role.isEmpty())
        return std::nullopt;
    return ApiError::forbidden(QStringLiteral("This needs the group.manage permission or the "
                                              "owner or admin role in group %1.")
                                   .arg(groupId));
}

ApiError GroupAccess::gone(const QString &message)
{
    return ApiError{410, QStringLiteral("gone_error"), message, {}};
}

QJsonObject GroupAccess::group(const GroupRow &row)
{
    return QJsonObject{
        {QStringLiteral("id"), row.id},
        {QStringLiteral("name"), row.name},
        {QStringLiteral("enterpriseId"),
         row.enterpriseId > 0 ? QJsonValue(row.enterpriseId) : QJsonValue()},
        {QStringLiteral("maxMembers"),
         row.maxMembers > 0 ? QJsonValue(row.maxMembers) : QJsonValue()},
        {QStringLiteral("poolId"), row.poolId > 0 ? QJsonValue(row.poolId) : QJsonValue()},
        {QStringLiteral("memberCount"), row.memberCount},
        {QStringLiteral("createdAt"), AdminJson::time(row.createdAtMs)},
    };
}

QJsonObject GroupAccess::member(const GroupMemberRow &row)
{
    return QJsonObject{{QStringLiteral("groupId"), row.groupId},
                       {QStringLiteral("userId"), row.userId},
                       {QStringLiteral("email"), row.email},
                       {QStringLiteral("name"), row.name},
                       {QStringLiteral("role"), row.role},
                       {QStringLiteral("createdAt"), AdminJson::time(row.createdAtMs)}};
}

QJsonObject GroupAccess::invitation(const InvitationRow &row, qint64 nowMs)
{
    return QJsonObject{
        {QStringLiteral("id"), row.id},
        {QStringLiteral("groupId"), row.groupId},
        {QStringLiteral("email"), row.email},
        {QStringLiteral("role"), row.role},
        {QStringLiteral("status"), row.status},
        {QStringLiteral("expired"),
         row.status == QLatin1String("pending") && row.expiresAtMs <= nowMs},
        {QStringLiteral("sendState"), row.sendState},
        {QStringLiteral("sendError"),
         row.sendError.isEmpty() ? QJsonValue() : QJsonValue(row.sendError)},
        {QStringLiteral("attempts"), row.attempts},
        {QStringLiteral("expiresAt"), AdminJson::time(row.expiresAtMs)},
        {QStringLiteral("createdBy"), row.createdBy},
        {QStringLiteral("createdAt"), AdminJson::time(row.createdAtMs)},
        {QStringLiteral("acceptedAt"), AdminJson::time(row.acceptedAtMs)},
    };
}

QJsonObject GroupAccess::link(const InviteLinkRow &row, qint64 nowMs)
{
    return QJsonObject{
        {QStringLiteral("id"), row.id},
        {QStringLiteral("groupId"), row.groupId},
        {QStringLiteral("maxUses"), row.maxUses},
        {QStringLiteral("uses"), row.uses},
        {QStringLiteral("expiresAt"), AdminJson::time(row.expiresAtMs)},
        {QStringLiteral("expired"), row.expiresAtMs > 0 && row.expiresAtMs <= nowMs},
        {QStringLiteral("revoked"), row.revoked},
        {QStringLiteral("createdBy"), row.createdBy},
        {QStringLiteral("createdAt"), AdminJson::time(row.createdAtMs)},
    };
}

QString GroupAccess::newToken()
{
    return QString::fromLatin1(Crypto::base64UrlEncode(Crypto::randomBytes(32)));
}

QString GroupAccess::tokenHash(const QString &token)
{
    return QString::fromLatin1(Crypto::sha256Hex(token.toUtf8()));
}
