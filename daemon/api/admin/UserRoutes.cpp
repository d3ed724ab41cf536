// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/UserRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "crypto/PasswordHasher.h"
#include "http/HttpRouter.h"
#include "store/UserRepository.h"

#include <QJsonArray>

namespace {

void listUsers(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    if (!api->authorize(request, responder, true))
        return;
    api->run<QList<UserRow>>(
        responder, [](QSqlDatabase &db) { return UserRepository(db).list(); },
        [responder](const QList<UserRow> &users) {
            QJsonArray items;
            for (const UserRow &u : users)
                items.append(AdminJson::user(u));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void createUser(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    if (!api->authorize(request, responder, true))
        return;
    const auto body = AdminApi::jsonBody(request, responder);
    if (!body)
        return;
    UserRow row;
    row.email = body->value(QLatin1String("email")).toString().trimmed().toLower();
    row.name = body->value(QLatin1String("name")).toString().trimmed();
    row.role = body->value(QLatin1String("role")).toString(QStringLiteral("member"));
    const QString password = body->value(QLatin1String("password")).toString();
    if (!row.email.contains(QLatin1Char('@'))) {
        AdminApi::badRequest(responder, QStringLiteral("\"email\" must be an email address."));
        return;
    }
    if (row.role != QLatin1String("admin") && row.role != QLatin1String("member")) {
        AdminApi::badRequest(responder, QStringLiteral("\"role\" must be \"admin\" or "
                                                       "\"member\"."));
        return;
    }
    if (password.size() < 10) {
        AdminApi::badRequest(responder, QStringLiteral("\"password\" must have at least 10 "
                                                       "characters."));
        return;
    }
    if (row.name.isEmpty())
        row.name = row.email.section(QLatin1Char('@'), 0, 0);
    api->run<UserRow>(
        responder,
        [row, password](QSqlDatabase &db) {
            UserRow r = row;
            r.passwordHash = PasswordHasher::hash(password);
            UserRepository repo(db);
            r.id = repo.insert(r);
            return repo.get(r.id).value_or(r);
        },
        [api, responder](const UserRow &user) {
            api->notifyDataChanged(
                [responder, user] { responder->sendJson(201, AdminJson::user(user)); });
        });
}

void getUser(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    const auto id = api->authorize(request, responder);
    if (!id)
        return;
    const qint64 userId = request.pathParams.value(QStringLiteral("id")).toLongLong();
    if (!id->isAdmin() && userId != id->userId) {
        responder->sendError(403, QStringLiteral("permission_error"),
                             QStringLiteral("You may only read your own user."));
        return;
    }
    api->run<std::optional<UserRow>>(
        responder, [userId](QSqlDatabase &db) { return UserRepository(db).get(userId); },
        [responder, userId](const std::optional<UserRow> &user) {
            if (!user) {
                responder->sendError(404, QStringLiteral("not_found_error"),
                                     QStringLiteral("No user with id %1.").arg(userId));
                return;
            }
            responder->sendJson(200, AdminJson::user(*user));
        });
}

} // namespace

void UserRoutes::registerRoutes(HttpRouter &router, AdminApi *api)
{
    router.add("GET", QStringLiteral("/api/users"),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { listUsers(api, q, r); });
    router.add("POST", QStringLiteral("/api/users"),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { createUser(api, q, r); });
    router.add("GET", QStringLiteral("/api/users/{id}"),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { getUser(api, q, r); });
}
