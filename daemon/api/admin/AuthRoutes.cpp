// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AuthRoutes.h"
#include "base/Clock.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "crypto/PasswordHasher.h"
#include "crypto/TokenSigner.h"
#include "store/RefreshTokenRepository.h"
#include "store/SqlTransaction.h"
#include "store/UserRepository.h"

#include <QDateTime>

#include <memory>

namespace {

constexpr int MinPasswordLength = 10;

// Verifying against a fixed hash when the email is unknown keeps the timing the same, so
// responses do not reveal which emails exist.
const QString &dummyHash()
{
    static const QString hash = PasswordHasher::hash(QStringLiteral("no such user"));
    return hash;
}

ApiError throttled(qint64 waitMs)
{
    const qint64 secs = (waitMs + 999) / 1000;
    return ApiError::tooManyRequests(
        QStringLiteral("Too many failed sign-ins; try again in %1 s.").arg(secs), secs);
}

ApiError hashersBusy()
{
    return ApiError::unavailable(QStringLiteral("overloaded_error"),
                                 QStringLiteral("Too many sign-ins at once; try again in a few "
                                                "seconds."),
                                 2);
}

ApiError wrongPassword()
{
    return ApiError::unauthenticated(QStringLiteral("Wrong email or password."), "Bearer");
}

// Releases a throttle slot exactly once, also when the request ends on an error path.
class LoginSlot
{
public:
    LoginSlot(AdminApi *api, QString account, QString address)
        : m_api(api), m_account(std::move(account)), m_address(std::move(address))
    {
    }
    ~LoginSlot() { finish(LoginThrottle::Outcome::NotChecked); }
    void finish(LoginThrottle::Outcome outcome)
    {
        if (m_done)
            return;
        m_done = true;
        m_api->finishLogin(m_account, m_address, outcome, Clock::nowMs());
    }

private:
    AdminApi *m_api;
    QString m_account;
    QString m_address;
    bool m_done = false;
};

// Reserves a sign-in attempt for `account` (throws 429), reads the user on the database thread,
// checks `password` on the password workers (503 when they are full), and calls `onMatch` with
// the user on this thread; a mismatch answers 401 and counts as a failure.
void checkPassword(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder,
                   const QString &account, std::optional<qint64> userId, const QString &password,
                   const ApiError &mismatch, std::function<void(const UserRow &)> onMatch)
{
    const QString address = request.peerAddress.toString();
    const qint64 wait = api->beginLogin(account, address, Clock::nowMs());
    if (wait > 0)
        throw throttled(wait);
    auto slot = std::make_shared<LoginSlot>(api, account, address);
    api->run<std::optional<UserRow>>(
        responder,
        [account, userId](QSqlDatabase &db) {
            UserRepository users(db);
            return userId ? users.get(*userId) : users.findByEmail(account);
        },
        [api, responder, password, slot, mismatch, onMatch](const std::optional<UserRow> &user) {
            auto match = std::make_shared<bool>(false);
            const QString hash = user ? user->passwordHash : dummyHash();
            const bool queued = api->passwords().submit(
                [password, hash, match] { *match = PasswordHasher::verify(password, hash); },
                [responder, user, match, slot, mismatch, onMatch] {
                    AdminRouteTable::guarded(responder, [&] {
                        if (!user || !*match || user->disabled) {
                            slot->finish(LoginThrottle::Outcome::Failed);
                            throw mismatch;
                        }
                        slot->finish(LoginThrottle::Outcome::Succeeded);
                        onMatch(*user);
                    });
                });
            if (!queued)
                throw hashersBusy();
        });
}

void login(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    const QString email = body.value(QLatin1String("email")).toString().trimmed().toLower();
    const QString password = body.value(QLatin1String("password")).toString();
    if (email.isEmpty() || password.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Send {\"email\": ..., \"password\": ...}."));
    const HttpResponderPtr responder = call.responder;
    checkPassword(
        api, call.request, responder, email, std::nullopt, password, wrongPassword(),
        [api, responder](const UserRow &user) {
            api->run<QJsonObject>(
                responder,
                [api, user](QSqlDatabase &db) {
                    QJsonObject answer = api->issueTokens(db, user);
                    answer.insert(QStringLiteral("user"), AdminJson::user(user));
                    return answer;
                },
                [responder](const QJsonObject &answer) { responder->sendJson(200, answer); });
        });
}

// The stored refresh token a request presents; throws 401 when the signature or type is wrong.
QString presentedRefreshToken(AdminApi *api, const QJsonObject &body)
{
    const QString token = body.value(QLatin1String("refreshToken")).toString();
    if (token.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Send {\"refreshToken\": ...}."));
    const auto claims = api->signer()->verify(token, QDateTime::currentSecsSinceEpoch());
    if (!claims || claims->value(QLatin1String("typ")).toString() != QLatin1String("refresh") ||
        claims->value(QLatin1String("jti")).toString().isEmpty())
        throw ApiError::unauthenticated(QStringLiteral("The refresh token is invalid or expired; "
                                                       "sign in again."),
                                        "Bearer");
    return claims->value(QLatin1String("jti")).toString();
}

struct RefreshOutcome
{
    QJsonObject answer; // empty: refused with `refusal`
    QString refusal;
};

void refresh(AdminApi *api, const AdminCall &call)
{
    const QString jti = presentedRefreshToken(api, AdminApi::jsonObject(call.request));
    const HttpResponderPtr responder = call.responder;
    api->run<RefreshOutcome>(
        responder,
        [api, jti](QSqlDatabase &db) {
            RefreshOutcome out;
            SqlTransaction tx(db);
            RefreshTokenRepository tokens(db);
            const auto row = tokens.get(jti);
            const qint64 now = Clock::nowMs();
            if (!row || row->revokedAtMs > 0 || row->expiresAtMs <= now) {
                out.refusal = QStringLiteral("This session has ended; sign in again.");
                return out;
            }
            if (row->usedAtMs > 0 || !tokens.markUsed(jti, now)) {
                // A refresh token is good once. Seeing it again means it was copied: end the
                // whole session, the thief's copy and the owner's current token alike.
                tokens.revokeFamily(row->family, now);
                tx.commit();
                out.refusal = QStringLiteral("This refresh token was already used, so the "
                                             "session has been ended for safety; sign in again.");
                return out;
            }
            const auto user = UserRepository(db).get(row->userId);
            if (!user || user->disabled) {
                tokens.revokeFamily(row->family, now);
                tx.commit();
                out.refusal = QStringLiteral("This account no longer exists or is disabled.");
                return out;
            }
            out.answer = api->issueTokens(db, *user, row->family);
            out.answer.insert(QStringLiteral("user"), AdminJson::user(*user));
            tx.commit();
            return out;
        },
        [responder](const RefreshOutcome &out) {
            if (out.answer.isEmpty())
                throw ApiError::unauthenticated(out.refusal, "Bearer");
            responder->sendJson(200, out.answer);
        });
}

void logout(AdminApi *api, const AdminCall &call)
{
    const QString jti = presentedRefreshToken(api, AdminApi::jsonObject(call.request));
    const HttpResponderPtr responder = call.responder;
    api->run<bool>(
        responder,
        [jti](QSqlDatabase &db) {
            RefreshTokenRepository tokens(db);
            const auto row = tokens.get(jti);
            if (row)
                tokens.revokeFamily(row->family, Clock::nowMs());
            return true;
        },
        [responder](bool) { responder->send(204, {}, {}); });
}

void changePassword(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    const QString current = body.value(QLatin1String("currentPassword")).toString();
    const QString next = body.value(QLatin1String("newPassword")).toString();
    if (current.isEmpty() || !body.value(QLatin1String("newPassword")).isString())
        throw ApiError::badRequest(
            QStringLiteral("Send {\"currentPassword\": ..., \"newPassword\": ...}."));
    if (next.size() < MinPasswordLength)
        throw ApiError::badRequest(QStringLiteral("\"newPassword\" must have at least %1 "
                                                  "characters.")
                                       .arg(MinPasswordLength));
    if (next == current)
        throw ApiError::badRequest(
            QStringLiteral("\"newPassword\" must differ from the current password."));
    const HttpResponderPtr responder = call.responder;
    const qint64 userId = call.who().userId;
    checkPassword(
        api, call.request, responder, call.who().email, userId, current,
        ApiError::forbidden(QStringLiteral("\"currentPassword\" is not your current password.")),
        [api, responder, next, userId](const UserRow &) {
            auto hash = std::make_shared<QString>();
            const bool queued = api->passwords().submit(
                [next, hash] { *hash = PasswordHasher::hash(next); },
                [api, responder, hash, userId] {
                    api->run<QJsonObject>(
                        responder,
                        [api, hash, userId](QSqlDatabase &db) {
                            SqlTransaction tx(db);
                            UserChange change;
                            change.passwordHash = *hash;
                            change.endSessions = true;
                            UserRepository users(db);
                            users.update(userId, change);
                            RefreshTokenRepository(db).revokeUser(userId, Clock::nowMs());
                            const auto user = users.get(userId);
                            if (!user)
                                throw StoreError(StoreError::Kind::NotFound,
                                                 QStringLiteral("This user no longer exists."));
                            // Every other session ends; this one continues with new tokens.
                            QJsonObject answer = api->issueTokens(db, *user);
                            answer.insert(QStringLiteral("user"), AdminJson::user(*user));
                            tx.commit();
                            return answer;
                        },
                        [api, responder](const QJsonObject &answer) {
                            api->reloadUsers(
                                [responder, answer] { responder->sendJson(200, answer); });
                        });
                });
            if (!queued)
                throw hashersBusy();
        });
}

void me(AdminApi *api, const AdminCall &call)
{
    const qint64 userId = call.who().userId;
    api->run<std::optional<UserRow>>(
        call.responder, [userId](QSqlDatabase &db) { return UserRepository(db).get(userId); },
        [responder = call.responder](const std::optional<UserRow> &user) {
            if (!user)
                throw ApiError::notFound(QStringLiteral("This user no longer exists."));
            responder->sendJson(200, AdminJson::user(*user));
        });
}

} // namespace

void AuthRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    // Sign-in, refresh and sign-out carry their own credential in the body.
    routes.add("POST", QStringLiteral("/api/auth/login"), RouteAccess::publicRoute(),
               [api](const AdminCall &c) { login(api, c); });
    routes.add("POST", QStringLiteral("/api/auth/refresh"), RouteAccess::publicRoute(),
               [api](const AdminCall &c) { refresh(api, c); });
    routes.add("POST", QStringLiteral("/api/auth/logout"), RouteAccess::publicRoute(),
               [api](const AdminCall &c) { logout(api, c); });
    routes.add("POST", QStringLiteral("/api/auth/password"), RouteAccess::signedIn(),
               [api](const AdminCall &c) { changePassword(api, c); });
    routes.add("GET", QStringLiteral("/api/auth/me"), RouteAccess::signedIn(),
               [api](const AdminCall &c) { me(api, c); });
}
