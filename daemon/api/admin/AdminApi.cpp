// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AdminApi.h"

#include "api/admin/AccountHealthRoutes.h"
#include "api/admin/AccountRoutes.h"
#include "api/admin/AlertRoutes.h"
#include "api/admin/AuditRoutes.h"
#include "api/admin/AuthRoutes.h"
#include "api/admin/BudgetRoutes.h"
#include "api/admin/GroupRoutes.h"
#include "api/admin/IncidentRoutes.h"
#include "api/admin/InvitationRoutes.h"
#include "api/admin/KeyRoutes.h"
#include "api/admin/LiveUsageRoutes.h"
#include "api/admin/OAuthRoutes.h"
#include "api/admin/OrgRoutes.h"
#include "api/admin/PoolRoutes.h"
#include "api/admin/ProxyRoutes.h"
#include "api/admin/QuotaRoutes.h"
#include "api/admin/ReportRoutes.h"
#include "api/admin/RoleRoutes.h"
#include "api/admin/UsageRoutes.h"
#include "api/admin/UserRoutes.h"
#include "crypto/Crypto.h"
#include "crypto/TokenSigner.h"
#include "http/HttpRouter.h"
#include "store/AccessRepository.h"
#include "store/AuditRepository.h"
#include "store/RefreshTokenRepository.h"
#include "store/SettingsRepository.h"
#include "store/UserRepository.h"

#include <QDateTime>
#include <QJsonDocument>

AdminApi::AdminApi(DbWorker *db, const TokenSigner *signer, const SecretBox *secrets,
                   const Settings &settings, QObject *parent)
    : QObject(parent), m_db(db), m_signer(signer), m_secrets(secrets), m_settings(settings),
      m_passwords(
          std::make_unique<PasswordWorkers>(settings.passwordThreads, settings.passwordQueue))
{
}

void AdminApi::registerRoutes(HttpRouter &router)
{
    m_routes = std::make_unique<AdminRouteTable>(
        router, [this](const HttpRequest &request) { return authenticate(request); },
        [this](const AuditRow &row) { recordAudit(row); });
    AdminRouteTable &routes = *m_routes;
    AuthRoutes::registerRoutes(routes, this);
    UserRoutes::registerRoutes(routes, this);
    AccountRoutes::registerRoutes(routes, this);
    KeyRoutes::registerRoutes(routes, this);
    UsageRoutes::registerRoutes(routes, this);
    LiveUsageRoutes::registerRoutes(routes, this);
    PoolRoutes::registerRoutes(routes, this);
    ProxyRoutes::registerRoutes(routes, this);
    OAuthRoutes::registerRoutes(routes, this);
    AccountHealthRoutes::registerRoutes(routes, this);
    GroupRoutes::registerRoutes(routes, this);
    InvitationRoutes::registerRoutes(routes, this);
    AuditRoutes::registerRoutes(routes, this);
    OrgRoutes::registerRoutes(routes, this);
    RoleRoutes::registerRoutes(routes, this);
    QuotaRoutes::registerRoutes(routes, this);
    BudgetRoutes::registerRoutes(routes, this);
    ReportRoutes::registerRoutes(routes, this);
    AlertRoutes::registerRoutes(routes, this);
    IncidentRoutes::registerRoutes(routes, this);
}

void AdminApi::recordAudit(const AuditRow &row)
{
    // Posted before the answer is written: the database thread runs jobs in order, so a request
    // the client sends after this answer sees the entry. One thread appends, so the chain of
    // this node is linear; other nodes serialise on the chain head's lock.
    const QString action = row.action;
    m_db->post<AuditRow>([row](QSqlDatabase &db) { return AuditRepository(db).append(row); }, this,
                         nullptr,
                         [action](const StoreError &e) {
                             qWarning("audit: could not record \"%s\": %s", qPrintable(action),
                                      qPrintable(e.message()));
                         });
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

qint64 AdminApi::beginLogin(const QString &account, const QString &address, qint64 nowMs)
{
    QMutexLocker lock(&m_throttleMutex);
    return m_throttle.begin(account, address, nowMs);
}

void AdminApi::finishLogin(const QString &account, const QString &address,
                           LoginThrottle::Outcome outcome, qint64 nowMs)
{
    QMutexLocker lock(&m_throttleMutex);
    m_throttle.finish(account, address, outcome, nowMs);
}

void AdminApi::setAccess(std::shared_ptr<const AccessModel> access)
{
    QMutexLocker lock(&m_accessMutex);
    m_access = std::move(access);
}

std::shared_ptr<const AccessModel> AdminApi::access() const
{
    QMutexLocker lock(&m_accessMutex);
    return m_access;
}

void AdminApi::reloadUsers(std::function<void()> then)
{
    using Loaded = std::pair<QList<UserRow>, std::shared_ptr<const AccessModel>>;
    m_db->post<Loaded>(
        [](QSqlDatabase &db) {
            return Loaded(UserRepository(db).list(),
                          std::make_shared<const AccessModel>(AccessRepository(db).load()));
        },
        ThreadContext::current(),
        [this, then](const Loaded &loaded) {
            m_users.replace(loaded.first);
            setAccess(loaded.second);
            if (then)
                then();
        },
        [then](const StoreError &) {
            // The previous states stay; the next reload retries.
            if (then)
                then();
        });
}

std::variant<AdminIdentity, ApiError> AdminApi::authenticate(const HttpRequest &request) const
{
    const QByteArray auth = request.header("authorization");
    if (auth.size() <= 7 || auth.first(7).compare("bearer ", Qt::CaseInsensitive) != 0)
        return ApiError::unauthenticated(
            QStringLiteral("Sign in first: POST /api/auth/login, then send "
                           "'Authorization: Bearer <token>'."),
            "Bearer");
    const ApiError invalid = ApiError::unauthenticated(
        QStringLiteral("The access token is invalid or expired; sign in again or use POST "
                       "/api/auth/refresh."),
        "Bearer error=\"invalid_token\"");
    const auto claims = m_signer->verify(QString::fromLatin1(auth.mid(7).trimmed()),
                                         QDateTime::currentSecsSinceEpoch());
    if (!claims || claims->value(QLatin1String("typ")).toString() != QLatin1String("access"))
        return invalid;
    AdminIdentity id;
    id.userId = claims->value(QLatin1String("sub")).toString().toLongLong();
    const auto state = m_users.find(id.userId);
    if (!state || state->disabled)
        return ApiError::unauthenticated(QStringLiteral("This account no longer exists or is "
                                                        "disabled."),
                                         "Bearer error=\"invalid_token\"");
    if (claims->value(QLatin1String("gen")).toInteger(-1) != state->tokenGeneration)
        return ApiError::unauthenticated(QStringLiteral("This session has ended (the password, "
                                                        "role or state of the account changed); "
                                                        "sign in again."),
                                         "Bearer error=\"invalid_token\"");
    id.email = state->email;
    id.role = state->role; // the current role, not the one at sign-in
    id.access = access();
    return id;
}

QJsonObject AdminApi::jsonObject(const HttpRequest &request)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError)
        throw ApiError::badRequest(QStringLiteral("The request body is not valid JSON: %1 at "
                                                  "offset %2.")
                                       .arg(error.errorString())
                                       .arg(error.offset));
    if (!doc.isObject())
        throw ApiError::badRequest(QStringLiteral("The request body must be a JSON object."));
    return doc.object();
}

void AdminApi::sendStoreError(const HttpResponderPtr &responder, const StoreError &error)
{
    ApiError::fromStore(error).send(responder);
}

QJsonObject AdminApi::issueTokens(QSqlDatabase &db, const UserRow &user, QString family) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString sub = QString::number(user.id);
    const QJsonObject access{{QStringLiteral("sub"), sub},
                             {QStringLiteral("email"), user.email},
                             {QStringLiteral("role"), user.role},
                             {QStringLiteral("gen"), user.tokenGeneration},
                             {QStringLiteral("typ"), QStringLiteral("access")},
                             {QStringLiteral("iat"), now},
                             {QStringLiteral("exp"), now + m_settings.tokenTtlSecs}};
    RefreshTokenRepository tokens(db);
    // Each sign-in adds a row; expired ones go at the same moment, so the table stays bounded
    // by the sessions of the last refresh_ttl.
    if (family.isEmpty())
        tokens.purgeExpired(now * 1000);
    RefreshTokenRow row;
    row.jti = QString::fromLatin1(Crypto::randomBytes(16).toHex());
    row.family = family.isEmpty() ? row.jti : family;
    row.userId = user.id;
    row.createdAtMs = now * 1000;
    row.expiresAtMs = (now + m_settings.refreshTtlSecs) * 1000;
    tokens.insert(row);
    const QJsonObject refresh{{QStringLiteral("sub"), sub},
                              {QStringLiteral("typ"), QStringLiteral("refresh")},
                              {QStringLiteral("jti"), row.jti},
                              {QStringLiteral("iat"), now},
                              {QStringLiteral("exp"), now + m_settings.refreshTtlSecs}};
    return QJsonObject{{QStringLiteral("token"), m_signer->sign(access)},
                       {QStringLiteral("refreshToken"), m_signer->sign(refresh)},
                       {QStringLiteral("expiresIn"), m_settings.tokenTtlSecs},
                       {QStringLiteral("tokenType"), QStringLiteral("Bearer")}};
}
