// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/GroupRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/GroupAccess.h"
#include "api/admin/JsonNumbers.h"
#include "store/GroupRepository.h"
#include "store/SqlTransaction.h"
#include "store/SqlUtil.h"
#include "store/UserRepository.h"

#include <QJsonArray>
#include <QSet>

namespace {

using Answer = GroupAccess::Answer;

constexpr int MaxGroupSize = 100000;

void checkKnown(const QJsonObject &body, const QStringList &known)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            throw ApiError::badRequest(QStringLiteral("Unknown field \"%1\". Known fields: %2.")
                                           .arg(it.key(), known.join(QStringLiteral(", "))));
    }
}

// Applies name, enterpriseId, maxMembers, poolId from `body`; throws ApiError 400.
void applyFields(const QJsonObject &body, GroupRow &row, bool create)
{
    checkKnown(body, {QStringLiteral("name"), QStringLiteral("enterpriseId"),
                      QStringLiteral("maxMembers"), QStringLiteral("poolId")});
    if (create || body.contains(QLatin1String("name"))) {
        const QJsonValue v = body.value(QLatin1String("name"));
        row.name = v.toString().trimmed();
        if (!v.isString() || row.name.isEmpty() || row.name.size() > 100)
            throw ApiError::badRequest(QStringLiteral("\"name\" is required (1 to 100 "
                                                      "characters)."));
    }
    const auto optionalId = [&body](const char *field, qint64 max) -> std::optional<qint64> {
        const QString key = QLatin1String(field);
        if (!body.contains(key))
            return std::nullopt;
        const QJsonValue v = body.value(key);
        if (v.isNull())
            return 0;
        return JsonNumbers::read(v, key, 1, max);
    };
    if (const auto v = optionalId("enterpriseId", JsonNumbers::MaxExact))
        row.enterpriseId = *v;
    if (const auto v = optionalId("maxMembers", MaxGroupSize))
        row.maxMembers = int(*v);
    if (const auto v = optionalId("poolId", JsonNumbers::MaxExact))
        row.poolId = *v;
}

// On the database thread: the references the row makes exist; a refusal or nothing.
std::optional<ApiError> checkReferences(QSqlDatabase &db, const GroupRow &row)
{
    if (row.poolId > 0 && !SqlUtil::rowExists(db, QStringLiteral("pools"), row.poolId))
        return ApiError::badRequest(
            QStringLiteral("No pool with id %1 (see /api/pools).").arg(row.poolId));
    if (row.enterpriseId > 0) {
        const auto exists = GroupRepository(db).enterpriseExists(row.enterpriseId);
        if (!exists)
            return ApiError::badRequest(QStringLiteral("\"enterpriseId\" needs enterprises, "
                                                       "which this installation does not have "
                                                       "yet; leave it out."));
        if (!*exists)
            return ApiError::badRequest(
                QStringLiteral("No enterprise with id %1.").arg(row.enterpriseId));
    }
    return std::nullopt;
}

QString readRole(const QJsonValue &value)
{
    if (!value.isString() || !GroupRepository::roles().contains(value.toString()))
        throw ApiError::badRequest(
            QStringLiteral("\"role\" must be \"owner\", \"admin\" or \"member\"."));
    return value.toString();
}

void listGroups(AdminApi *api, const AdminCall &call)
{
    const bool all = call.can(Permission::GroupManage);
    const qint64 me = call.who().userId;
    GroupAccess::respond(api, call.responder, false, [all, me](QSqlDatabase &db) {
        GroupRepository groups(db);
        const QList<qint64> mine = all ? QList<qint64>() : groups.groupsOf(me);
        QJsonArray items;
        for (const GroupRow &g : groups.list()) {
            if (all || mine.contains(g.id))
                items.append(GroupAccess::group(g));
        }
        Answer a;
        a.body =
            QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("total"), items.size()}};
        return a;
    });
}

void createGroup(AdminApi *api, const AdminCall &call)
{
    GroupRow row;
    applyFields(AdminApi::jsonObject(call.request), row, true);
    GroupAccess::respond(api, call.responder, true, [row](QSqlDatabase &db) {
        if (auto refusal = checkReferences(db, row))
            return Answer::refuse(*refusal);
        GroupRepository groups(db);
        const qint64 id = groups.insert(row);
        Answer a;
        a.status = 201;
        a.body = GroupAccess::group(groups.get(id).value_or(row));
        return a;
    });
}

void getGroup(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const bool all = call.can(Permission::GroupManage, Scope::group(id));
    const AdminIdentity who = call.who();
    GroupAccess::respond(api, call.responder, false, [id, all, who](QSqlDatabase &db) {
        if (auto refusal = GroupAccess::check(db, id, who, all, true))
            return Answer::refuse(*refusal);
        Answer a;
        a.body = GroupAccess::group(*GroupRepository(db).get(id));
        return a;
    });
}

void updateGroup(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const QJsonObject body = AdminApi::jsonObject(call.request);
    if (body.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Send one or more of name, enterpriseId, "
                                                  "maxMembers, poolId."));
    GroupRow probe;
    applyFields(body, probe, false); // validates before any database work
    GroupAccess::respond(api, call.responder, true, [id, body](QSqlDatabase &db) {
        GroupRepository groups(db);
        auto row = groups.get(id);
        if (!row)
            return Answer::refuse(
                ApiError::notFound(QStringLiteral("No group with id %1.").arg(id)));
        applyFields(body, *row, false);
        if (auto refusal = checkReferences(db, *row))
            return Answer::refuse(*refusal);
        if (row->maxMembers > 0 && row->memberCount > row->maxMembers)
            return Answer::refuse(ApiError::conflict(
                QStringLiteral("The group has %1 members; \"maxMembers\" cannot be lower.")
                    .arg(row->memberCount)));
        groups.update(*row);
        Answer a;
        a.body = GroupAccess::group(groups.get(id).value_or(*row));
        return a;
    });
}

void deleteGroup(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    GroupAccess::respond(api, call.responder, true, [id](QSqlDatabase &db) {
        GroupRepository(db).remove(id);
        Answer a;
        a.status = 204;
        return a;
    });
}

void listMembers(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const bool all = call.can(Permission::GroupManage, Scope::group(id));
    const AdminIdentity who = call.who();
    GroupAccess::respond(api, call.responder, false, [id, all, who](QSqlDatabase &db) {
        if (auto refusal = GroupAccess::check(db, id, who, all, true))
            return Answer::refuse(*refusal);
        QJsonArray items;
        for (const GroupMemberRow &m : GroupRepository(db).members(id))
            items.append(GroupAccess::member(m));
        Answer a;
        a.body =
            QJsonObject{{QStringLiteral("items"), items}, {QStringLiteral("total"), items.size()}};
        return a;
    });
}

// Only group.manage and owners may hand out or take away the owner role.
std::optional<ApiError> checkOwnerRule(const QString &callerRole, const QString &role)
{
    if (role == QLatin1String("owner") && callerRole != QLatin1String("system") &&
        callerRole != QLatin1String("owner"))
        return ApiError::forbidden(QStringLiteral("Only the group's owners (or group.manage) "
                                                  "may make or change owners."));
    return std::nullopt;
}

void addMember(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const QJsonObject body = AdminApi::jsonObject(call.request);
    checkKnown(body, {QStringLiteral("userId"), QStringLiteral("role")});
    const qint64 userId = JsonNumbers::read(body.value(QLatin1String("userId")),
                                            QStringLiteral("userId"), 1, JsonNumbers::MaxExact);
    const QString role =
        readRole(body.value(QLatin1String("role")).toString(QStringLiteral("member")));
    const bool all = call.can(Permission::GroupManage, Scope::group(id));
    const AdminIdentity who = call.who();
    GroupAccess::respond(api, call.responder, true, [=](QSqlDatabase &db) {
        if (auto refusal = GroupAccess::check(db, id, who, all))
            return Answer::refuse(*refusal);
        if (auto refusal = checkOwnerRule(GroupAccess::roleOf(db, id, who, all), role))
            return Answer::refuse(*refusal);
        SqlTransaction tx(db);
        GroupRepository groups(db);
        const GroupRow group = *groups.get(id);
        if (!UserRepository(db).get(userId))
            return Answer::refuse(ApiError::badRequest(
                QStringLiteral("No user with id %1 (see /api/users).").arg(userId)));
        if (!groups.memberRole(id, userId).isEmpty())
            return Answer::refuse(ApiError::conflict(
                QStringLiteral("User %1 is already a member of this group.").arg(userId)));
        if (group.maxMembers > 0 && group.memberCount >= group.maxMembers)
            return Answer::refuse(ApiError::conflict(
                QStringLiteral("The group is full (%1 of %1 members); raise maxMembers or "
                               "remove a member first.")
                    .arg(group.maxMembers)));
        groups.addMember(id, userId, role);
        tx.commit();
        Answer a;
        a.status = 201;
        for (const GroupMemberRow &m : groups.members(id)) {
            if (m.userId == userId)
                a.body = GroupAccess::member(m);
        }
        return a;
    });
}

void updateMember(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const qint64 userId = call.pathId(QStringLiteral("userId"));
    const QJsonObject body = AdminApi::jsonObject(call.request);
    checkKnown(body, {QStringLiteral("role")});
    const QString role = readRole(body.value(QLatin1String("role")));
    const bool all = call.can(Permission::GroupManage, Scope::group(id));
    const AdminIdentity who = call.who();
    GroupAccess::respond(api, call.responder, true, [=](QSqlDatabase &db) {
        if (auto refusal = GroupAccess::check(db, id, who, all))
            return Answer::refuse(*refusal);
        GroupRepository groups(db);
        const QString callerRole = GroupAccess::roleOf(db, id, who, all);
        const QString current = groups.memberRole(id, userId);
        if (current.isEmpty())
            return Answer::refuse(ApiError::notFound(
                QStringLiteral("User %1 is not a member of group %2.").arg(userId).arg(id)));
        if (auto refusal = checkOwnerRule(callerRole, role))
            return Answer::refuse(*refusal);
        if (auto refusal = checkOwnerRule(callerRole, current))
            return Answer::refuse(*refusal);
        groups.setMemberRole(id, userId, role);
        Answer a;
        for (const GroupMemberRow &m : groups.members(id)) {
            if (m.userId == userId)
                a.body = GroupAccess::member(m);
        }
        return a;
    });
}

void removeMember(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const qint64 userId = call.pathId(QStringLiteral("userId"));
    const bool all = call.can(Permission::GroupManage, Scope::group(id));
    const AdminIdentity who = call.who();
    GroupAccess::respond(api, call.responder, true, [=](QSqlDatabase &db) {
        if (auto refusal = GroupAccess::check(db, id, who, all))
            return Answer::refuse(*refusal);
        GroupRepository groups(db);
        const QString current = groups.memberRole(id, userId);
        if (current.isEmpty())
            return Answer::refuse(ApiError::notFound(
                QStringLiteral("User %1 is not a member of group %2.").arg(userId).arg(id)));
        if (auto refusal = checkOwnerRule(GroupAccess::roleOf(db, id, who, all), current))
            return Answer::refuse(*refusal);
        groups.removeMember(id, userId);
        Answer a;
        a.status = 204;
        return a;
    });
}

} // namespace

void GroupRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    const RouteAccess manage = RouteAccess::need(Permission::GroupManage);
    // Signed-in: group.manage sees every group, anyone else the groups they belong to.
    routes.add("GET", QStringLiteral("/api/groups"), RouteAccess::signedIn(),
               [api](const AdminCall &c) { listGroups(api, c); });
    routes.add("POST", QStringLiteral("/api/groups"), manage,
               [api](const AdminCall &c) { createGroup(api, c); });
    // Signed-in, checked per group: group.manage, or a member of the group (reading) or its
    // owner/admin (changing members).
    routes.add("GET", QStringLiteral("/api/groups/{id}"), RouteAccess::signedIn(),
               [api](const AdminCall &c) { getGroup(api, c); });
    routes.add("PATCH", QStringLiteral("/api/groups/{id}"), manage,
               [api](const AdminCall &c) { updateGroup(api, c); });
    routes.add("DELETE", QStringLiteral("/api/groups/{id}"), manage,
               [api](const AdminCall &c) { deleteGroup(api, c); });
    routes.add("GET", QStringLiteral("/api/groups/{id}/members"), RouteAccess::signedIn(),
               [api](const AdminCall &c) { listMembers(api, c); });
    routes.add("POST", QStringLiteral("/api/groups/{id}/members"), RouteAccess::signedIn(),
               [api](const AdminCall &c) { addMember(api, c); });
    routes.add("PATCH", QStringLiteral("/api/groups/{id}/members/{userId}"),
               RouteAccess::signedIn(), [api](const AdminCall &c) { updateMember(api, c); });
    routes.add("DELETE", QStringLiteral("/api/groups/{id}/members/{userId}"),
               RouteAccess::signedIn(), [api](const AdminCall &c) { removeMember(api, c); });
}
