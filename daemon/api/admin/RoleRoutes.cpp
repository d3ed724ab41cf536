// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/RoleRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/JsonNumbers.h"
#include "crypto/Crypto.h"
#include "rbac/RolePermissions.h"
#include "store/AccessRepository.h"

#include <QJsonArray>

namespace {

constexpr int MaxNameLength = 100;

const AccessModel &model(const AdminCall &call)
{
    if (!call.who().access)
        throw ApiError::unavailable(QStringLiteral("unavailable_error"),
                                    QStringLiteral("Roles are still loading; try again."), 1);
    return *call.who().access;
}

QJsonArray permissionNames(const QList<Permission> &permissions)
{
    QJsonArray out;
    for (Permission p : permissions)
        out.append(QString(Permissions::name(p)));
    return out;
}

QJsonObject roleJson(const RoleRow &row)
{
    return QJsonObject{{QStringLiteral("id"), row.id},
                       {QStringLiteral("name"), row.name},
                       {QStringLiteral("enterpriseId"),
                        row.enterpriseId > 0 ? QJsonValue(row.enterpriseId) : QJsonValue::Null},
                       {QStringLiteral("builtin"), row.builtin},
                       {QStringLiteral("permissions"), permissionNames(row.permissions)}};
}

QJsonObject assignmentJson(const RoleAssignmentRow &row)
{
    return QJsonObject{{QStringLiteral("id"), row.id},
                       {QStringLiteral("userId"), row.userId},
                       {QStringLiteral("role"), row.roleId},
                       {QStringLiteral("scope"), AccessRepository::scopeName(row.scope.level)},
                       {QStringLiteral("scopeId"), row.scope.level == Scope::Level::Global
                                                       ? QJsonValue::Null
                                                       : QJsonValue(row.scope.id)}};
}

QList<Permission> readPermissions(const QJsonValue &value)
{
    if (!value.isArray())
        throw ApiError::badRequest(QStringLiteral("\"permissions\" must be an array of "
                                                  "permission names, e.g. [\"key.manage\"]."));
    QList<Permission> out;
    const QJsonArray names = value.toArray();
    for (const QJsonValue &v : names) {
        const auto p = Permissions::fromName(v.toString());
        if (!p) {
            QStringList known;
            for (Permission k : Permissions::all)
                known << QString(Permissions::name(k));
            throw ApiError::badRequest(QStringLiteral("Unknown permission \"%1\". Known: %2.")
                                           .arg(v.toString(), known.join(QStringLiteral(", "))));
        }
        if (!out.contains(*p))
            out.append(*p);
    }
    return out;
}

QString readName(const QJsonValue &value)
{
    const QString name = value.toString().trimmed();
    if (!value.isString() || name.isEmpty() || name.size() > MaxNameLength)
        throw ApiError::badRequest(
            QStringLiteral("\"name\" must be 1 to %1 characters.").arg(MaxNameLength));
    return name;
}

// Nobody grants what they do not hold: every permission at `scope`.
void mayGrant(const AdminCall &call, const QList<Permission> &permissions, const Scope &scope)
{
    for (Permission p : permissions) {
        if (!call.can(p, scope))
            throw ApiError::forbidden(QStringLiteral("You cannot grant \"%1\": you do not hold "
                                                     "it at this scope.")
                                          .arg(QString(Permissions::name(p))));
    }
}

void onlyFields(const QJsonObject &body, const QStringList &known)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            throw ApiError::badRequest(QStringLiteral("Unknown field \"%1\". Known fields: %2.")
                                           .arg(it.key(), known.join(QStringLiteral(", "))));
    }
}

void listRoles(AdminApi *api, const AdminCall &call)
{
    const TenantFilter tenants = call.tenants();
    api->run<QList<RoleRow>>(
        call.responder,
        [tenants](QSqlDatabase &db) { return AccessRepository(db).listRoles(tenants); },
        [responder = call.responder](const QList<RoleRow> &rows) {
            QJsonArray items;
            for (const RoleRow &r : rows)
                items.append(roleJson(r));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void createRole(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    onlyFields(body, {QStringLiteral("name"), QStringLiteral("enterpriseId"),
                      QStringLiteral("permissions")});
    RoleRow row;
    row.name = readName(body.value(QLatin1String("name")));
    row.permissions = readPermissions(body.value(QLatin1String("permissions")));
    // The route table resolved "enterpriseId" into the call's scope (and checked it).
    row.enterpriseId = call.where.level == Scope::Level::Enterprise ? call.where.id : 0;
    mayGrant(call, row.permissions, call.where);
    row.id = QStringLiteral("custom-") + QString::fromLatin1(Crypto::randomBytes(6).toHex());
    api->change<RoleRow>(
        call.responder,
        [row](QSqlDatabase &db) {
            AccessRepository repo(db);
            repo.insertRole(row);
            return repo.getRole(row.id).value_or(row);
        },
        [responder = call.responder](const RoleRow &saved) {
            responder->sendJson(201, roleJson(saved));
        });
}

void updateRole(AdminApi *api, const AdminCall &call)
{
    const QString id = call.request.pathParams.value(QStringLiteral("id"));
    if (RolePermissions::isBuiltin(id))
        throw ApiError::badRequest(QStringLiteral("Built-in roles cannot be changed; create a "
                                                  "custom role instead."));
    const QJsonObject body = AdminApi::jsonObject(call.request);
    onlyFields(body, {QStringLiteral("name"), QStringLiteral("permissions")});
    if (body.isEmpty())
        throw ApiError::badRequest(
            QStringLiteral("Send one or more of {\"name\", \"permissions\"}."));
    std::optional<QString> name;
    std::optional<QList<Permission>> permissions;
    if (body.contains(QLatin1String("name")))
        name = readName(body.value(QLatin1String("name")));
    if (body.contains(QLatin1String("permissions"))) {
        permissions = readPermissions(body.value(QLatin1String("permissions")));
        mayGrant(call, *permissions, call.where);
    }
    api->change<RoleRow>(
        call.responder,
        [id, name, permissions](QSqlDatabase &db) {
            AccessRepository repo(db);
            auto row = repo.getRole(id);
            if (!row)
                throw StoreError(StoreError::Kind::NotFound,
                                 QStringLiteral("No role with id %1.").arg(id));
            if (name)
                row->name = *name;
            if (permissions)
                row->permissions = *permissions;
            repo.updateRole(*row);
            return *row;
        },
        [responder = call.responder](const RoleRow &saved) {
            responder->sendJson(200, roleJson(saved));
        });
}

void deleteRole(AdminApi *api, const AdminCall &call)
{
    const QString id = call.request.pathParams.value(QStringLiteral("id"));
    if (RolePermissions::isBuiltin(id))
        throw ApiError::badRequest(QStringLiteral("Built-in roles cannot be deleted."));
    api->removeAndConfirm(call.responder,
                          [id](QSqlDatabase &db) { AccessRepository(db).deleteRole(id); });
}

void listAssignments(AdminApi *api, const AdminCall &call)
{
    const qint64 userId = call.pathId();
    api->run<QList<RoleAssignmentRow>>(
        call.responder,
        [userId](QSqlDatabase &db) { return AccessRepository(db).listAssignments(userId); },
        [responder = call.responder](const QList<RoleAssignmentRow> &rows) {
            QJsonArray items;
            for (const RoleAssignmentRow &r : rows)
                items.append(assignmentJson(r));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void assignRole(AdminApi *api, const AdminCall &call)
{
    const qint64 userId = call.pathId();
    const AccessModel &m = model(call);
    const QJsonObject body = AdminApi::jsonObject(call.request);
    onlyFields(body, {QStringLiteral("role"), QStringLiteral("scope"), QStringLiteral("scopeId")});
    RoleAssignmentRow row;
    row.userId = userId;
    row.roleId = body.value(QLatin1String("role")).toString();
    if (!m.roleExists(row.roleId))
        throw ApiError::badRequest(QStringLiteral("\"role\" must be a role id from GET "
                                                  "/api/roles."));
    const auto level = AccessRepository::scopeLevel(
        body.value(QLatin1String("scope")).toString(QStringLiteral("global")));
    if (!level)
        throw ApiError::badRequest(QStringLiteral("\"scope\" must be global, enterprise, "
                                                  "department or group."));
    row.scope.level = *level;
    if (*level != Scope::Level::Global) {
        const auto id = JsonNumbers::wholeNumber(body.value(QLatin1String("scopeId")), 1,
                                                 JsonNumbers::MaxExact);
        if (!id)
            throw ApiError::badRequest(QStringLiteral("\"scopeId\" is required for this scope: "
                                                      "the enterprise, department or group id."));
        row.scope.id = *id;
        const qint64 e = m.enterpriseOf(row.scope);
        if (e == 0 || !m.sees(call.who().userId, e))
            throw ApiError::notFound(QStringLiteral("No %1 with id %2.")
                                         .arg(AccessRepository::scopeName(*level))
                                         .arg(*id));
    }
    const qint64 scopeEnterprise = m.enterpriseOf(row.scope);
    const qint64 roleEnterprise = m.roleEnterprise(row.roleId);
    if (roleEnterprise > 0 && roleEnterprise != scopeEnterprise)
        throw ApiError::badRequest(QStringLiteral("Role \"%1\" belongs to enterprise %2; assign "
                                                  "it only within that enterprise.")
                                       .arg(row.roleId)
                                       .arg(roleEnterprise));
    const qint64 userEnterprise = m.user(userId) ? m.user(userId)->enterpriseId : 0;
    if (userEnterprise > 0 && scopeEnterprise != userEnterprise)
        throw ApiError::badRequest(QStringLiteral("The user belongs to enterprise %1; a role can "
                                                  "only be granted within it.")
                                       .arg(userEnterprise));
    mayGrant(call, m.permissionsOf(row.roleId), row.scope);
    api->change<RoleAssignmentRow>(
        call.responder,
        [row](QSqlDatabase &db) {
            AccessRepository repo(db);
            const qint64 id = repo.insertAssignment(row);
            return repo.getAssignment(id).value_or(row);
        },
        [responder = call.responder](const RoleAssignmentRow &saved) {
            responder->sendJson(201, assignmentJson(saved));
        });
}

void removeAssignment(AdminApi *api, const AdminCall &call)
{
    const qint64 userId = call.pathId();
    const qint64 assignmentId = call.pathId(QStringLiteral("assignmentId"));
    const AccessModel &m = model(call);
    const QList<AccessModel::Assignment> held = m.assignments(userId);
    const auto it = std::find_if(held.begin(), held.end(),
                                 [assignmentId](const auto &a) { return a.id == assignmentId; });
    if (it == held.end())
        throw ApiError::notFound(
            QStringLiteral("User %1 has no role assignment %2.").arg(userId).arg(assignmentId));
    // Taking a grant away needs the same as giving it.
    mayGrant(call, m.permissionsOf(it->roleId), it->scope);
    if (userId == call.who().userId && m.permissionsOf(it->roleId).contains(Permission::RoleManage))
        throw ApiError::badRequest(QStringLiteral("You cannot remove your own role management; "
                                                  "ask another administrator."));
    api->removeAndConfirm(call.responder, [assignmentId](QSqlDatabase &db) {
        AccessRepository(db).deleteAssignment(assignmentId);
    });
}

} // namespace

void RoleRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    using P = Permission;
    routes.add("GET", QStringLiteral("/api/roles"),
               RouteAccess::need(P::RoleManage).at(ScopeFrom::Anywhere),
               [api](const AdminCall &c) { listRoles(api, c); });
    routes.add("POST", QStringLiteral("/api/roles"),
               RouteAccess::need(P::RoleManage).at(ScopeFrom::BodyEnterprise),
               [api](const AdminCall &c) { createRole(api, c); });
    routes.add("PATCH", QStringLiteral("/api/roles/{id}"),
               RouteAccess::need(P::RoleManage).at(ScopeFrom::Role),
               [api](const AdminCall &c) { updateRole(api, c); });
    routes.add("DELETE", QStringLiteral("/api/roles/{id}"),
               RouteAccess::need(P::RoleManage).at(ScopeFrom::Role),
               [api](const AdminCall &c) { deleteRole(api, c); });
    routes.add("GET", QStringLiteral("/api/users/{id}/roles"),
               RouteAccess::needAnyOf({P::RoleManage, P::UserManage}).at(ScopeFrom::User),
               [api](const AdminCall &c) { listAssignments(api, c); });
    routes.add("POST", QStringLiteral("/api/users/{id}/roles"),
               RouteAccess::need(P::RoleManage).at(ScopeFrom::User),
               [api](const AdminCall &c) { assignRole(api, c); });
    routes.add("DELETE", QStringLiteral("/api/users/{id}/roles/{assignmentId}"),
               RouteAccess::need(P::RoleManage).at(ScopeFrom::User),
               [api](const AdminCall &c) { removeAssignment(api, c); });
}
