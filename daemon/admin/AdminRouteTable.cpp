// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminRouteTable.h"

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

AdminRouteTable::AdminRouteTable(HttpRouter &router, Authenticator authenticate)
    : m_router(router), m_authenticate(std::move(authenticate))
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

void AdminRouteTable::add(const QByteArray &method, const QString &pattern, RouteAccess access,
                          Handler handler)
{
    m_entries.append(Entry{method, pattern, access});
    const Authenticator authenticate = m_authenticate;
    m_router.add(method, pattern,
                 [authenticate, access, handler = std::move(handler)](
                     const HttpRequest &request, const HttpResponderPtr &responder) {
                     guarded(responder, [&] {
                         AdminCall call{request, responder, std::nullopt};
                         if (!access.isPublic()) {
                             if (!authenticate)
                                 throw ApiError::forbidden(
                                     QStringLiteral("This route is not available."));
                             auto result = authenticate(request);
                             if (auto *error = std::get_if<ApiError>(&result))
                                 throw *error;
                             call.caller = std::get<AdminIdentity>(std::move(result));
                             if (!access.allows(*call.caller))
                                 throw ApiError::forbidden(
                                     QStringLiteral("This needs the administrator role."));
                         }
                         handler(call);
                     });
                 });
}

void AdminRouteTable::add(const QByteArray &method, const QString &pattern, RouteAccess access,
                          HttpHandler handler)
{
    add(method, pattern, std::move(access),
        Handler([handler = std::move(handler)](const AdminCall &call) {
            handler(call.request, call.responder);
        }));
}
