// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminCall.h"
#include "api/admin/ApiError.h"
#include "api/admin/RouteAccess.h"
#include "api/admin/RouteAudit.h"
#include "store/AuditRow.h"

#include <QList>

#include <functional>
#include <optional>
#include <variant>

class HttpRouter;

// Registers the admin routes, each with its declared access. For every request it
// authenticates the caller (unless the route is public), checks the declared permissions, runs
// the handler, and turns an ApiError thrown by the handler into the answer. A handler that
// needs finer checks (its own keys only, ...) asks AdminCall::can() and throws ApiError.
//
// It is also the one place admin changes reach the audit log: when the handler of a recorded
// route (every non-GET route unless it declares RouteAudit::none()) answers 2xx, the entry built
// from the route, the caller, the address and the handler's AuditNote goes to the audit sink;
// an error answer is recorded only when the handler noted a failure action (failed sign-ins).
class AdminRouteTable
{
public:
    using Handler = std::function<void(const AdminCall &call)>;
    // Verifies the request's credentials: the caller, or the 401 to answer.
    using Authenticator = std::function<std::variant<AdminIdentity, ApiError>(const HttpRequest &)>;

    // Receives each audit entry to store (on the HTTP thread that answered).
    using AuditSink = std::function<void(const AuditRow &)>;

    struct Entry
    {
        QByteArray method;
        QString pattern;
        RouteAccess access;
        QString auditAction; // empty: not recorded
    };

    AdminRouteTable(HttpRouter &router, Authenticator authenticate, AuditSink audit = {});

    void add(const QByteArray &method, const QString &pattern, RouteAccess access, Handler handler,
             const RouteAudit &audit = RouteAudit::derived());
    // For handlers that need nothing of the caller beyond the declared access.
    void add(const QByteArray &method, const QString &pattern, RouteAccess access,
             HttpHandler handler, const RouteAudit &audit = RouteAudit::derived());
    const QList<Entry> &entries() const { return m_entries; }

    // The access decision alone (no I/O): the caller (none for a public route) or the refusal.
    static std::variant<std::optional<AdminIdentity>, ApiError>
    admit(const RouteAccess &access, const Authenticator &authenticate, const HttpRequest &request);

    // The scope the route's permissions are checked at, from the path or body as the route
    // declares: throws ApiError 404 for an object that does not exist or belongs to a tenant
    // the caller cannot see, 403 when the caller lacks every permission at that scope.
    static Scope resolveScope(const RouteAccess &access, const AdminIdentity &who,
                              const HttpRequest &request);

    // Runs `fn`, answering any ApiError (or StoreError) it throws: for completions that run
    // later, outside the table's own dispatch.
    static void guarded(const HttpResponderPtr &responder, const std::function<void()> &fn);

private:
    HttpRouter &m_router;
    Authenticator m_authenticate;
    AuditSink m_audit;
    QList<Entry> m_entries;
};
