// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AuthRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "crypto/PasswordHasher.h"
#include "crypto/TokenSigner.h"
#include "http/HttpRouter.h"
#include "store/UserRepository.h"

#include <QDateTime>

namespace {

struct LoginOutcome
{
    bool ok = false;
    UserRow user;
};

// Verifying against a fixed hash when the email is unknown keeps the timing the same, so
// responses do not reveal which emails exist.
const QString &dummyHash()
{
    static const QString hash = PasswordHasher::hash(QStringLiteral("no such user"));
    return hash;
}

void login(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    const auto body = AdminApi::jsonBody(request, responder);
    if (!body)
        return;
    const QString email = body->value(QLatin1String("email")).toString().trimmed().toLower();
    const QString password = body->value(QLatin1String("password")).toString();
    if (email.isEmpty() || password.isEmpty()) {
        AdminApi::badRequest(responder,
                             QStringLiteral("Send {\"email\": ..., \"password\": ...}."));
        return;
    }
    const QString address = request.peerAddress.toString();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 wait = api->loginRetryAfterMs(email, address, now);
    if (wait > 0) {
        const qint64 secs = (wait + 999) / 1000;
        responder->sendError(
            429, QStringLiteral("rate_limit_error"),
            QStringLiteral("Too many failed sign-ins; try again in %1 s.").arg(secs),
            {{"Retry-After", QByteArray::number(secs)}});
        return;
    }
    api->run<LoginOutcome>(
        responder,
        [email, password](QSqlDatabase &db) {
            LoginOutcome out;
            const auto user = UserRepository(db).findByEmail(email);
            const QString &hash = user ? user->passwordHash : dummyHash();
            const bool match = PasswordHasher::verify(password, hash);
            out.ok = user && match && !user->disabled;
            if (user)
                out.user = *user;
            return out;
        },
        [api, responder, email, address](const LoginOutcome &out) {
            if (!out.ok) {
                api->recordLoginFailure(email, address, QDateTime::currentMSecsSinceEpoch());
                responder->sendError(401, QStringLiteral("authentication_error"),
                                     QStringLiteral("Wrong email or password."));
                return;
            }
            api->recordLoginSuccess(email, address);
            QJsonObject answer = api->issueTokens(out.user.id, out.user.email, out.user.role);
            answer.insert(QStringLiteral("user"), AdminJson::user(out.user));
            responder->sendJson(200, answer);
        });
}

void refresh(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    const auto body = AdminApi::jsonBody(request, responder);
    if (!body)
        return;
    const QString token = body->value(QLatin1String("refreshToken")).toString();
    if (token.isEmpty()) {
        AdminApi::badRequest(responder, QStringLiteral("Send {\"refreshToken\": ...}."));
        return;
    }
    const auto claims = api->signer()->verify(token, QDateTime::currentSecsSinceEpoch());
    if (!claims || claims->value(QLatin1String("typ")).toString() != QLatin1String("refresh")) {
        responder->sendError(401, QStringLiteral("authentication_error"),
                             QStringLiteral("The refresh token is invalid or expired; sign in "
                                            "again."));
        return;
    }
    const qint64 userId = claims->value(QLatin1String("sub")).toString().toLongLong();
    api->run<std::optional<UserRow>>(
        responder, [userId](QSqlDatabase &db) { return UserRepository(db).get(userId); },
        [api, responder](const std::optional<UserRow> &user) {
            if (!user || user->disabled) {
                responder->sendError(401, QStringLiteral("authentication_error"),
                                     QStringLiteral("This account no longer exists or is "
                                                    "disabled."));
                return;
            }
            QJsonObject answer = api->issueTokens(user->id, user->email, user->role);
            answer.insert(QStringLiteral("user"), AdminJson::user(*user));
            responder->sendJson(200, answer);
        });
}

void me(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    const auto id = api->authorize(request, responder);
    if (!id)
        return;
    const qint64 userId = id->userId;
    api->run<std::optional<UserRow>>(
        responder, [userId](QSqlDatabase &db) { return UserRepository(db).get(userId); },
        [responder](const std::optional<UserRow> &user) {
            if (!user) {
                responder->sendError(404, QStringLiteral("not_found_error"),
                                     QStringLiteral("This user no longer exists."));
                return;
            }
            responder->sendJson(200, AdminJson::user(*user));
        });
}

} // namespace

void AuthRoutes::registerRoutes(HttpRouter &router, AdminApi *api)
{
    router.add("POST", QStringLiteral("/api/auth/login"),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { login(api, q, r); });
    router.add("POST", QStringLiteral("/api/auth/refresh"),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { refresh(api, q, r); });
    router.add("GET", QStringLiteral("/api/auth/me"),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { me(api, q, r); });
}
