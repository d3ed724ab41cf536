// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AdminIdentity.h"
#include "LoginThrottle.h"
#include "core/ThreadContext.h"
#include "http/HttpResponder.h"
#include "http/HttpRouteOptions.h"
#include "store/DbWorker.h"
#include "store/StoreError.h"

#include <QJsonObject>
#include <QMutex>
#include <QObject>

#include <functional>
#include <optional>

class HttpRouter;
class OAuthService;
class RoutingService;
class ProxyTester;
class SecretBox;
class TokenSigner;

// Shared plumbing for the admin REST API: bearer-token authentication, JSON body parsing with
// clear errors, and running SQL on the database thread with the answer sent from the HTTP
// thread. The resource handlers (AuthRoutes, AccountRoutes, ...) build on it.
class AdminApi : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        int tokenTtlSecs = 3600;
        int refreshTtlSecs = 30 * 24 * 3600;
    };

    AdminApi(DbWorker *db, const TokenSigner *signer, const SecretBox *secrets,
             const Settings &settings, QObject *parent = nullptr);

    void registerRoutes(HttpRouter &router);

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
    ProxyTester *proxyTester() const { return m_proxyTester; }

    // --- helpers for the route classes ---
    std::optional<AdminIdentity> authorize(const HttpRequest &request,
                                           const HttpResponderPtr &responder,
                                           bool adminOnly = false);
    static std::optional<QJsonObject> jsonBody(const HttpRequest &request,
                                               const HttpResponderPtr &responder);
    static void badRequest(const HttpResponderPtr &responder, const QString &message);
    static void sendStoreError(const HttpResponderPtr &responder, const StoreError &error);

    template <class T>
    void run(const HttpResponderPtr &responder, std::function<T(QSqlDatabase &)> job,
             std::function<void(T)> onDone)
    {
        // Completions run on the calling thread: the one serving this HTTP connection.
        m_db->post<T>(std::move(job), ThreadContext::current(), std::move(onDone),
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
            [this, answer = std::move(answer)](const T &result) {
                notifyDataChanged([answer, result] { answer(result); });
            });
    }
    // DELETE: runs `remove` as a change and answers 204.
    void removeAndConfirm(const HttpResponderPtr &responder,
                          std::function<void(QSqlDatabase &)> remove);

    const TokenSigner *signer() const { return m_signer; }
    const SecretBox *secrets() const { return m_secrets; }
    const Settings &settings() const { return m_settings; }
    // Login throttling, shared by every HTTP thread.
    qint64 loginRetryAfterMs(const QString &account, const QString &address, qint64 nowMs);
    void recordLoginFailure(const QString &account, const QString &address, qint64 nowMs);
    void recordLoginSuccess(const QString &account, const QString &address);

    QJsonObject issueTokens(qint64 userId, const QString &email, const QString &role) const;

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
    DataChangedHandler m_dataChanged;
    OAuthService *m_oauth = nullptr;
    RoutingService *m_routing = nullptr;
    ProxyTester *m_proxyTester = nullptr;
};
