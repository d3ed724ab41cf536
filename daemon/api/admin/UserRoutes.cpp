// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/UserRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "crypto/PasswordHasher.h"
#include "rbac/RolePermissions.h"
#include "store/RefreshTokenRepository.h"
#include "store/SqlTransaction.h"
#include "store/UserRepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSet>

#include <memory>

namespace {

constexpr int MinPasswordLength = 10;
constexpr int MaxNameLength = 100;

QString readRole(const QJsonValue &value)
{
    if (!value.isString() || !RolePermissions::isKnownRole(value.toString()))
        throw ApiError::badRequest(QStringLiteral("\"role\" must be \"admin\" or \"member\"."));
    return value.toString();
}

QString readName(const QJsonValue &value)
{
    const QString name = value.toString().trimmed();
    if (!value.isString() || name.isEmpty() || name.size() > MaxNameLength)
        throw ApiError::badRequest(
            QStringLiteral("\"name\" must be 1 to %1 characters.").arg(MaxNameLength));
    return name;
}

void listUsers(AdminApi *api, const AdminCall &call)
{
    api->run<QList<UserRow>>(
        call.responder, [](QSqlDatabase &db) { return UserRepository(db).list(); },
        [responder = call.responder](const QList<UserRow> &users) {
            QJsonArray items;
            for (const UserRow &u : users)
                items.append(AdminJson::user(u));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void createUser(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    UserRow row;
    row.email = body.value(QLatin1String("email")).toString().trimmed().toLower();
    row.role = readRole(body.value(QLatin1String("role")).toString(QStringLiteral("member")));
    const QString password = body.value(QLatin1String("password")).toString();
    if (!row.email.contains(QLatin1Char('@')))
        throw ApiError::badRequest(QStringLiteral("\"email\" must be an email address."));
    if (password.size() < MinPasswordLength)
        throw ApiError::badRequest(QStringLiteral("\"password\" must have at least %1 "
                                                  "characters.")
                                       .arg(MinPasswordLength));
    row.name = body.contains(QLatin1String("name")) ? readName(body.value(QLatin1String("name")))
                                                    : row.email.section(QLatin1Char('@'), 0, 0);
    const HttpResponderPtr responder = call.responder;
    // Hashing runs on the password workers, never on the database thread.
    auto hashed = std::make_shared<UserRow>(row);
    const AuditNotePtr note = call.auditNote();
    const bool queued = api->passwords().submit(
        [hashed, password] { hashed->passwordHash = PasswordHasher::hash(password); },
        [api, responder, hashed, note] {
            api->run<UserRow>(
                responder,
                [hashed, note](QSqlDatabase &db) {
                    UserRepository repo(db);
                    const qint64 id = repo.insert(*hashed);
                    const UserRow saved = repo.get(id).value_or(*hashed);
                    note->setTargetId(id);
                    note->setAfter(AdminJson::user(saved));
                    return saved;
                },
                [api, responder](const UserRow &user) {
                    api->reloadUsers([api, responder, user] {
                        api->notifyDataChanged(
                            [responder, user] { responder->sendJson(201, AdminJson::user(user)); });
                    });
                });
        });
    if (!queued)
        throw ApiError::unavailable(QStringLiteral("overloaded_error"),
                                    QStringLiteral("The server is busy hashing passwords; try "
                                                   "again in a few seconds."),
                                    2);
}

void getUser(AdminApi *api, const AdminCall &call)
{
    const qint64 userId = call.pathId();
    if (!call.can(Permission::UserManage) && userId != call.who().userId)
        throw ApiError::forbidden(QStringLiteral("You may only read your own user."));
    api->run<std::optional<UserRow>>(
        call.responder, [userId](QSqlDatabase &db) { return UserRepository(db).get(userId); },
        [responder = call.responder, userId](const std::optional<UserRow> &user) {
            if (!user)
                throw ApiError::notFound(QStringLiteral("No user with id %1.").arg(userId));
            responder->sendJson(200, AdminJson::user(*user));
        });
}

// PATCH /api/users/{id}: name, role, disabled. Changing the role or disabling ends the user's
// sessions at once; disabling also stops the user's personal keys on the very next call.
void updateUser(AdminApi *api, const AdminCall &call)
{
    const qint64 userId = call.pathId();
    const QJsonObject body = AdminApi::jsonObject(call.request);
    static const QSet<QString> known = {QStringLiteral("name"), QStringLiteral("role"),
                                        QStringLiteral("disabled")};
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            throw ApiError::badRequest(QStringLiteral("Unknown field \"%1\". Known fields: name, "
                                                      "role, disabled.")
                                           .arg(it.key()));
    }
    if (body.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Send one or more of {\"name\", \"role\", "
                                                  "\"disabled\"}."));
    UserChange change;
    if (body.contains(QLatin1String("name")))
        change.name = readName(body.value(QLatin1String("name")));
    if (body.contains(QLatin1String("role")))
        change.role = readRole(body.value(QLatin1String("role")));
    if (body.contains(QLatin1String("disabled"))) {
        const QJsonValue v = body.value(QLatin1String("disabled"));
        if (!v.isBool())
            throw ApiError::badRequest(QStringLiteral("\"disabled\" must be true or false."));
        change.disabled = v.toBool();
    }
    if (userId == call.who().userId &&
        ((change.disabled && *change.disabled) ||
         (change.role && !RolePermissions::holds(*change.role, Permission::UserManage))))
        throw ApiError::badRequest(QStringLiteral("You cannot disable yourself or give up your "
                                                  "own administrator role; ask another "
                                                  "administrator."));
    const AuditNotePtr note = call.auditNote();
    api->change<UserRow>(
        call.responder,
        [userId, change, note](QSqlDatabase &db) {
            SqlTransaction tx(db);
            UserRepository users(db);
            const auto before = users.get(userId);
            if (!before)
                throw StoreError(StoreError::Kind::NotFound,
                                 QStringLiteral("No user with id %1.").arg(userId));
            UserChange c = change;
            c.endSessions = (c.role && *c.role != before->role) ||
                            (c.disabled && *c.disabled != before->disabled);
            users.update(userId, c);
            if (c.disabled && *c.disabled)
                RefreshTokenRepository(db).revokeUser(userId, QDateTime::currentMSecsSinceEpoch());
            tx.commit();
            const UserRow saved = users.get(userId).value_or(*before);
            note->setBefore(AdminJson::user(*before));
            note->setAfter(AdminJson::user(saved));
            return saved;
        },
        [api, responder = call.responder](const UserRow &user) {
            // The relay already uses the new keys state; the user states follow before the
            // answer, so the change holds for the very next request.
            api->reloadUsers(
                [responder, user] { responder->sendJson(200, AdminJson::user(user)); });
        });
}

} // namespace

void UserRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    const RouteAccess manage = RouteAccess::need(Permission::UserManage);
    routes.add("GET", QStringLiteral("/api/users"), manage,
               [api](const AdminCall &c) { listUsers(api, c); });
    routes.add("POST", QStringLiteral("/api/users"), manage,
               [api](const AdminCall &c) { createUser(api, c); });
    // Everyone may read their own user; UserManage reads any.
    routes.add("GET", QStringLiteral("/api/users/{id}"), RouteAccess::signedIn(),
               [api](const AdminCall &c) { getUser(api, c); });
    routes.add("PATCH", QStringLiteral("/api/users/{id}"), manage,
               [api](const AdminCall &c) { updateUser(api, c); });
}
