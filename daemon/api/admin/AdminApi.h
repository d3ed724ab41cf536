// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminIdentity.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/ApiError.h"
#include "api/admin/LoginThrottle.h"
#include "api/admin/PasswordWorkers.h"
#include "api/admin/UserStateCache.h"
#include "base/ThreadContext.h"
#include "http/HttpResponder.h"
#include "http/HttpRouteOptions.h"
#include "store/DbWorker.h"
#include "store/StoreError.h"

#include <QJsonObject>
#include <QMutex>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

class Governor;
class AlertDispatcher;
class HttpRouter;
class MailQueue;
class OAuthService;
class RoutingService;
class ProxyTester;
class UsageFeed;
class SecretBox;
class TokenSigner;

// Shared plumbing for the admin REST API: bearer-token authentication against the in-memory
// user states, JSON body parsing with clear errors, password hashing off the database thread,
// and running SQL on the database thread with the answer sent from the HTTP thread. The
// resource handlers (AuthRoutes, AccountRoutes, ...) register through one AdminRouteTable,
// which declares and checks each route's access.
class AdminApi : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        int tokenTtlSecs = 3600;
        int refreshTtlSecs = 30 * 24 * 3600;
        int passwordThreads = 2; // scrypt workers, off the database thread
        int passwordQueue = 8;   // sign-ins hashing or waiting; more get 503
        QString publicUrl;       // invitation links: <publicUrl>/invite?token=...; empty = none
        QString quotaTimeZone = QStringLiteral("UTC"); // IANA name: where days and months begin
    };

    AdminApi(DbWorker *db, const TokenSigner *signer, const SecretBox *secrets,
             const Settings &settings, QObject *parent = nullptr);

    void registerRoutes(HttpRouter &router);
    // Every admin route with its declared access (after registerRoutes()).
    const QList<AdminRouteTable::Entry> &routeEntries() const { return m_routes->entries(); }

    // Called after a write that changes what the relay sees (keys, accounts, users); the
    // handler calls `then` once the relay uses the new data, so an answer sent from `then`
    // guarantees that e.g. a new key works on the very next request.
    using DataChangedHandler = std::function<void(std::function<void()> then)>;
    void setDataChangedHandler(DataChangedHandler handler) { m_dataChanged = std::move(handler); }
    void notifyDataChanged(std::function<void()> then);

    // Optional services (null: their endpoints answer 503). Set before registerRoutes().
    void setOAuthService(OAuthService *oauth) { m_oauth = oauth; }
    void setRoutingService(RoutingService *routing) { m_routing = routing; }
    RoutingService *routing() const { return m_routing; }
    OAuthService *oauth() const { return m_oauth; }
    void setProxyTester(ProxyTester *tester) { m_proxyTester = tester; }
    // Completed calls for GET /api/usage/live (null: that endpoint answers 503).
    void setUsageFeed(UsageFeed *feed) { m_usageFeed = feed; }
    UsageFeed *usageFeed() const { return m_usageFeed; }
    ProxyTester *proxyTester() const { return m_proxyTester; }
    // Sends invitation emails (null: invitations are created with send_state "failed").
    void setMailer(MailQueue *mailer) { m_mailer = mailer; }
    MailQueue *mailer() const { return m_mailer; }
    // Sends alert test messages (null: POST /api/alert-channels/{id}/test answers 503).
    void setAlertDispatcher(AlertDispatcher *dispatcher) { m_alertDispatcher = dispatcher; }
    AlertDispatcher *alertDispatcher() const { return m_alertDispatcher; }
    DbWorker *database() const { return m_db; }
    // The quota and budget use shown by /api/quotas/{id}/status and /api/budgets (null: zero
    // use over the current period).
    void setGovernor(Governor *governor) { m_governor = governor; }
    Governor *governor() const { return m_governor; }

    // The user states every request is checked against: set once from the startup
    // connection, then reloaded after each write to users and each data-version change.
    void setUsers(const QList<UserRow> &users) { m_users.replace(users); }
    // The role assignments and tenants every permission check answers from; replaced with the
    // user states (same moments, same connection). Until set, the legacy role decides.
    void setAccess(std::shared_ptr<const AccessModel> access);
    std::shared_ptr<const AccessModel> access() const;
    void reloadUsers(std::function<void()> then);

    // --- helpers for the route classes ---
    // The caller of a request from its bearer token, checked against the user's current
    // state (exists, not disabled, same token generation; the role is the current one).
    std::variant<AdminIdentity, ApiError> authenticate(const HttpRequest &request) const;
    // The body as a JSON object; throws ApiError 400.
    static QJsonObject jsonObject(const HttpRequest &request);
    static void sendStoreError(const HttpResponderPtr &responder, const StoreError &error);

    template <class T>
    void run(const HttpResponderPtr &responder, std::function<T(QSqlDatabase &)> job,
             std::function<void(T)> onDone)
    {
        // Completions run on the calling thread: the one serving this HTTP connection. An
        // ApiError thrown by a completion is answered like one thrown by a handler.
        m_db->post<T>(
            std::move(job), ThreadContext::current(),
            [responder, onDone = std::move(onDone)](T result) {
                AdminRouteTable::guarded(responder, [&] { onDone(std::move(result)); });
            },
            [responder](const StoreError &e) { sendStoreError(responder, e); });
    }

    // A change to what the relay sees (keys, accounts, pools, proxies): runs `job` and bumps the
    // data version on the database thread, then answers once the relay uses the new data.
    template <class T>
    void change(const HttpResponderPtr &responder, std::function<T(QSqlDatabase &)> job,
                std::function<void(const T &)> answer)
    {
        run<T>(
            responder,
            [job = std::move(job)](QSqlDatabase &db) {
                T result = job(db);
                bumpDataVersion(db);
                return result;
            },
            [this, responder, answer = std::move(answer)](const T &result) {
                notifyDataChanged([responder, answer, result] {
                    AdminRouteTable::guarded(responder, [&] { answer(result); });
                });
            });
    }
    // DELETE: runs `remove` as a change and answers 204.
    void removeAndConfirm(const HttpResponderPtr &responder,
                          std::function<void(QSqlDatabase &)> remove);

    // Appends an audit entry on the database thread (the route table's audit sink).
    void recordAudit(const AuditRow &row);

    const TokenSigner *signer() const { return m_signer; }
    const SecretBox *secrets() const { return m_secrets; }
    const Settings &settings() const { return m_settings; }
    PasswordWorkers &passwords() { return *m_passwords; }
    // Login throttling, shared by every HTTP thread; see LoginThrottle::begin()/finish().
    qint64 beginLogin(const QString &account, const QString &address, qint64 nowMs);
    void finishLogin(const QString &account, const QString &address, LoginThrottle::Outcome outcome,
                     qint64 nowMs);

    // On the database thread: a new access token and the next refresh token of `family` (a
    // new family when empty), stored so it can be rotated and ended.
    QJsonObject issueTokens(QSqlDatabase &db, const UserRow &user, QString family = {}) const;

    // Head guard of the admin routes: a signed, unexpired access token (public routes pass).
    std::optional<HttpGuardRefusal> tokenGuard(const HttpRequest &head) const;

private:
    static void bumpDataVersion(QSqlDatabase &db);
    static QJsonObject errorObject(const QString &type, const QString &message);

    DbWorker *m_db;
    const TokenSigner *m_signer;
    const SecretBox *m_secrets;
    Settings m_settings;
    QMutex m_throttleMutex;
    LoginThrottle m_throttle;
    UserStateCache m_users;
    mutable QMutex m_accessMutex;
    std::shared_ptr<const AccessModel> m_access;
    std::unique_ptr<PasswordWorkers> m_passwords;
    std::unique_ptr<AdminRouteTable> m_routes;
    DataChangedHandler m_dataChanged;
    OAuthService *m_oauth = nullptr;
    RoutingService *m_routing = nullptr;
    ProxyTester *m_proxyTester = nullptr;
    UsageFeed *m_usageFeed = nullptr;
    MailQueue *m_mailer = nullptr;
    Governor *m_governor = nullptr;
    AlertDispatcher *m_alertDispatcher = nullptr;
};
