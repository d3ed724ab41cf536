// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AdminRouteTable.h"

#include "api/admin/AuditEntries.h"
#include "base/Clock.h"
#include "http/HttpRouter.h"
#include "store/StoreError.h"

qint64 AdminCall::pathId(const QString &name) const
{
    bool ok = false;
    const qint64 id = request.pathParams.value(name).toLongLong(&ok);
    if (!ok || id < 1)
        throw ApiError::notFound(QStringLiteral("No such %1: ids are positive numbers.")
                                     .arg(request.pathParams.value(name)));
    return id;
}

AdminRouteTable::AdminRouteTable(HttpRouter &router, Authenticator authenticate, AuditSink audit)
    : m_router(router), m_authenticate(std::move(authenticate)), m_audit(std::move(audit))
{
}

void AdminRouteTable::guarded(const HttpResponderPtr &responder, const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const ApiError &e) {
        e.send(responder);
    } catch (const StoreError &e) {
        ApiError::fromStore(e).send(responder);
    }
}

std::variant<std::optional<AdminIdentity>, ApiError>
AdminRouteTable::admit(const RouteAccess &access, const Authenticator &authenticate,
                       const HttpRequest &request)
{
    if (access.isPublic())
        return std::optional<AdminIdentity>();
    if (!authenticate)
        return ApiError::forbidden(QStringLiteral("This route is not available."));
    auto result = authenticate(request);
    if (auto *error = std::get_if<ApiError>(&result))
        return *error;
    const AdminIdentity &who = std::get<AdminIdentity>(result);
    if (!access.allows(who))
        return ApiError::forbidden(QStringLiteral("This needs the administrator role."));
    return std::optional<AdminIdentity>(who);
}

void AdminRouteTable::add(const QByteArray &method, const QString &pattern, RouteAccess access,
                          Handler handler, const RouteAudit &audit)
{
    QString action;
    if (audit.isNamed())
        action = audit.action();
    else if (!audit.isNone())
        action = AuditEntries::deriveAction(method, pattern);
    m_entries.append(Entry{method, pattern, access, action});
    const Authenticator authenticate = m_authenticate;
    const AuditSink sink = action.isEmpty() ? AuditSink() : m_audit;
    // The credentials are checked from the head too, before any body byte is read, so a
    // request without a valid token never costs the memory of its body.
    HttpRouteOptions options = m_router.defaultOptions();
    if (!access.isPublic()) {
        options.guard = [authenticate,
                         access](const HttpRequest &head) -> std::optional<HttpGuardRefusal> {
            auto admitted = admit(access, authenticate, head);
            if (auto *error = std::get_if<ApiError>(&admitted))
                return error->toRefusal();
            return std::nullopt;
        };
    }
    m_router.addRoute(
        method, pattern,
        [authenticate, access, handler = std::move(handler), sink, action,
         pattern](const HttpRequest &request, const HttpResponderPtr &responder) {
            guarded(responder, [&] {
                auto admitted = admit(access, authenticate, request);
                if (auto *error = std::get_if<ApiError>(&admitted))
                    throw *error;
                AdminCall call{request, responder,
                               std::get<std::optional<AdminIdentity>>(admitted)};
                if (sink) {
                    // Recorded when the handler answers, on whichever path it does.
                    responder->setAnswerObserver([sink, action, pattern, request,
                                                  caller = call.caller,
                                                  note = call.note](int status) {
                        const auto row = AuditEntries::build(action, pattern, request, caller,
                                                             note->content(), status,
                                                             Clock::nowMs());
                        if (row)
                            sink(*row);
                    });
                }
                handler(call);
            });
        },
        std::move(options));
}

void AdminRouteTable::add(const QByteArray &method, const QString &pattern, RouteAccess access,
                          HttpHandler handler, const RouteAudit &audit)
{
    add(method, pattern, std::move(access),
        Handler([handler = std::move(handler)](const AdminCall &call) {
            handler(call.request, call.responder);
        }),
        audit);
}
