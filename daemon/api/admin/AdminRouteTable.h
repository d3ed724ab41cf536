// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminCall.h"
#include "api/admin/ApiError.h"
#include "api/admin/RouteAccess.h"

#include <QList>

#include <functional>
#include <optional>
#include <variant>

class HttpRouter;

// Registers the admin routes, each with its declared access. For every request it
// authenticates the caller (unless the route is public), checks the declared permissions, runs
// the handler, and turns an ApiError thrown by the handler into the answer. A handler that
// needs finer checks (its own keys only, ...) asks AdminCall::can() and throws ApiError.
class AdminRouteTable
{
public:
    using Handler = std::function<void(const AdminCall &call)>;
    // Verifies the request's credentials: the caller, or the 401 to answer.
    using Authenticator = std::function<std::variant<AdminIdentity, ApiError>(const HttpRequest &)>;

    struct Entry
    {
        QByteArray method;
        QString pattern;
        RouteAccess access;
    };

    AdminRouteTable(HttpRouter &router, Authenticator authenticate);

    void add(const QByteArray &method, const QString &pattern, RouteAccess access, Handler handler);
    // For handlers that need nothing of the caller beyond the declared access.
    void add(const QByteArray &method, const QString &pattern, RouteAccess access,
             HttpHandler handler);
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
    QList<Entry> m_entries;
};
