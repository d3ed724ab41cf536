// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminApi.h"

#include "AccountHealthRoutes.h"
#include "AccountRoutes.h"
#include "AuthRoutes.h"
#include "KeyRoutes.h"
#include "OAuthRoutes.h"
#include "PoolRoutes.h"
#include "ProxyRoutes.h"
#include "UsageRoutes.h"
#include "UserRoutes.h"
#include "crypto/Crypto.h"
#include "crypto/TokenSigner.h"
#include "http/HttpRouter.h"
#include "store/SettingsRepository.h"

#include <QDateTime>
#include <QJsonDocument>

AdminApi::AdminApi(DbWorker *db, const TokenSigner *signer, const SecretBox *secrets,
                   const Settings &settings, QObject *parent)
    : QObject(parent), m_db(db), m_signer(signer), m_secrets(secrets), m_settings(settings)
{
}

void AdminApi::registerRoutes(HttpRouter &router)
{
    // Every admin route checks the bearer token from the head, before the body is read.
    HttpRouteOptions options;
    options.guard = [this](const HttpRequest &head) { return tokenGuard(head); };
    options.surface = HttpSurface::Admin;
    router.setDefaultOptions(options);
    AuthRoutes::registerRoutes(router, this);
    UserRoutes::registerRoutes(router, this);
    AccountRoutes::registerRoutes(router, this);
    KeyRoutes::registerRoutes(router, this);
    UsageRoutes::registerRoutes(router, this);
    PoolRoutes::registerRoutes(router, this);
    ProxyRoutes::registerRoutes(router, this);
    OAuthRoutes::registerRoutes(router, this);
    AccountHealthRoutes::registerRoutes(router, this);
    router.setDefaultOptions({});
}

std::optional<HttpGuardRefusal> AdminApi::tokenGuard(const HttpRequest &head) const
{
    // Signing in and refreshing are how a caller gets a token.
    if (head.routeName == QLatin1String("/api/auth/login") ||
        head.routeName == QLatin1String("/api/auth/refresh"))
        return std::nullopt;
    const QByteArray auth = head.header("authorization");
    HttpGuardRefusal refusal;
    refusal.status = 401;
    if (auth.size() <= 7 || auth.first(7).compare("bearer ", Qt::CaseInsensitive) != 0) {
        refusal.body = QJsonDocument(errorObject(QStringLiteral("authentication_error"),
                                                 QStringLiteral("Sign in first: POST "
                                                                "/api/auth/login, then send "
                                                                "'Authorization: Bearer "
                                                                "<token>'.")))
                           .toJson(QJsonDocument::Compact);
        refusal.headers.append(
            {QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return refusal;
    }
    const auto claims = m_signer->verify(QString::fromLatin1(auth.mid(7).trimmed()),
                                         QDateTime::currentSecsSinceEpoch());
    if (claims && claims->value(QLatin1String("typ")).toString() == QLatin1String("access"))
        return std::nullopt; // role and permissions are checked by the handler
    refusal.body = QJsonDocument(errorObject(QStringLiteral("authentication_error"),
                                             QStringLiteral("The access token is invalid or "
                                                            "expired; sign in again or use POST "
                                                            "/api/auth/refresh.")))
                       .toJson(QJsonDocument::Compact);
    refusal.headers.append({QByteArrayLiteral("WWW-Authenticate"),
                            QByteArrayLiteral("Bearer error=\"invalid_token\"")});
    return refusal;
}

QJsonObject AdminApi::errorObject(const QString &type, const QString &message)
{
    return QJsonObject{
        {QStringLiteral("error"),
         QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("message"), message}}}};
}

void AdminApi::notifyDataChanged(std::function<void()> then)
{
    // The reload runs on this object's thread; `then` comes back to the caller's thread.
    std::function<void()> back = ThreadContext::bindToCurrent(std::move(then));
    if (!m_dataChanged) {
        if (back)
            back();
        return;
    }
    ThreadContext::post(this, [this, back] { m_dataChanged(back); });
}

void AdminApi::bumpDataVersion(QSqlDatabase &db)
{
    SettingsRepository(db).bumpDataVersion();
}

void AdminApi::removeAndConfirm(const HttpResponderPtr &responder,
                                std::function<void(QSqlDatabase &)> remove)
{
    change<bool>(
        responder,
        [remove = std::move(remove)](QSqlDatabase &db) {
            remove(db);
            return true;
        },
        [responder](const bool &) { responder->send(204, {}, {}); });
}

qint64 AdminApi::loginRetryAfterMs(const QString &account, const QString &address, qint64 nowMs)
{
    QMutexLocker lock(&m_throttleMutex);
    return m_throttle.retryAfterMs(account, address, nowMs);
}

void AdminApi::recordLoginFailure(const QString &account, const QString &address, qint64 nowMs)
{
    QMutexLocker lock(&m_throttleMutex);
    m_throttle.recordFailure(account, address, nowMs);
}

void AdminApi::recordLoginSuccess(const QString &account, const QString &address)
{
    QMutexLocker lock(&m_throttleMutex);
    m_throttle.recordSuccess(account, address);
}

std::optional<AdminIdentity> AdminApi::authorize(const HttpRequest &request,
                                                 const HttpResponderPtr &responder, bool adminOnly)
{
    const QByteArray auth = request.header("authorization");
    if (auth.size() <= 7 || auth.first(7).compare("bearer ", Qt::CaseInsensitive) != 0) {
        responder->sendError(401, QStringLiteral("authentication_error"),
                             QStringLiteral("Sign in first: POST /api/auth/login, then send "
                                            "'Authorization: Bearer <token>'."),
                             {{"WWW-Authenticate", "Bearer"}});
        return std::nullopt;
    }
    const auto claims = m_signer->verify(QString::fromLatin1(auth.mid(7).trimmed()),
                                         QDateTime::currentSecsSinceEpoch());
    if (!claims || claims->value(QLatin1String("typ")).toString() != QLatin1String("access")) {
        responder->sendError(401, QStringLiteral("authentication_error"),
                             QStringLiteral("The access token is invalid or expired; sign in "
                                            "again or use POST /api/auth/refresh."),
                             {{"WWW-Authenticate", "Bearer error=\"invalid_token\""}});
        return std::nullopt;
    }
    AdminIdentity id;
    id.userId = claims->value(QLatin1String("sub")).toString().toLongLong();
    id.email = claims->value(QLatin1String("email")).toString();
    id.role = claims->value(QLatin1String("role")).toString();
    if (adminOnly && !id.isAdmin()) {
        responder->sendError(403, QStringLiteral("permission_error"),
                             QStringLiteral("This needs the administrator role."));
        return std::nullopt;
    }
    return id;
}

std::optional<QJsonObject> AdminApi::jsonBody(const HttpRequest &request,
                                              const HttpResponderPtr &responder)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError) {
        badRequest(responder, QStringLiteral("The request body is not valid JSON: %1 at offset "
                                             "%2.")
                                  .arg(error.errorString())
                                  .arg(error.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        badRequest(responder, QStringLiteral("The request body must be a JSON object."));
        return std::nullopt;
    }
    return doc.object();
}

void AdminApi::badRequest(const HttpResponderPtr &responder, const QString &message)
{
    responder->sendError(400, QStringLiteral("invalid_request_error"), message);
}

void AdminApi::sendStoreError(const HttpResponderPtr &responder, const StoreError &error)
{
    switch (error.kind()) {
    case StoreError::Kind::NotFound:
        responder->sendError(404, QStringLiteral("not_found_error"), error.message());
        break;
    case StoreError::Kind::Conflict:
        responder->sendError(409, QStringLiteral("conflict_error"), error.message());
        break;
    case StoreError::Kind::Invalid:
        responder->sendError(400, QStringLiteral("invalid_request_error"), error.message());
        break;
    case StoreError::Kind::Unavailable:
        responder->sendError(503, QStringLiteral("database_unavailable"),
                             QStringLiteral("The database is unavailable; try again shortly. "
                                            "(%1)")
                                 .arg(error.message()),
                             {{"Retry-After", "5"}});
        break;
    }
}

QJsonObject AdminApi::issueTokens(qint64 userId, const QString &email, const QString &role) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString sub = QString::number(userId);
    const QJsonObject access{
        {QStringLiteral("sub"), sub},   {QStringLiteral("email"), email},
        {QStringLiteral("role"), role}, {QStringLiteral("typ"), QStringLiteral("access")},
        {QStringLiteral("iat"), now},   {QStringLiteral("exp"), now + m_settings.tokenTtlSecs}};
    const QJsonObject refresh{
        {QStringLiteral("sub"), sub},
        {QStringLiteral("typ"), QStringLiteral("refresh")},
        {QStringLiteral("jti"), QString::fromLatin1(Crypto::randomBytes(12).toHex())},
        {QStringLiteral("iat"), now},
        {QStringLiteral("exp"), now + m_settings.refreshTtlSecs}};
    return QJsonObject{{QStringLiteral("token"), m_signer->sign(access)},
                       {QStringLiteral("refreshToken"), m_signer->sign(refresh)},
                       {QStringLiteral("expiresIn"), m_settings.tokenTtlSecs},
                       {QStringLiteral("tokenType"), QStringLiteral("Bearer")}};
}
