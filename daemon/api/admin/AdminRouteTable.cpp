// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AdminRouteTable.h"

#include "api/admin/AuditEntries.h"
#include "base/Clock.h"
#include "http/HttpRouter.h"
#include "store/StoreError.h"

#include <QJsonDocument>
#include <QJsonObject>

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
        return ApiError::forbidden(QStringLiteral("This needs %1; ask an administrator for a "
                                                  "role that grants it.")
                                       .arg(access.describe()));
    return std::optional<AdminIdentity>(who);
}

namespace {

ApiError noSuch(const QString &what, const QString &id)
{
    return ApiError::notFound(QStringLiteral("No %1 with id %2.").arg(what, id));
}

AccessModel::Object objectOf(ScopeFrom from)
{
    switch (from) {
    case ScopeFrom::Enterprise:
    case ScopeFrom::BodyEnterprise:
        return AccessModel::Object::Enterprise;
    case ScopeFrom::Department:
        return AccessModel::Object::Department;
    case ScopeFrom::User:
        return AccessModel::Object::User;
    case ScopeFrom::Account:
        return AccessModel::Object::Account;
    case ScopeFrom::Pool:
        return AccessModel::Object::Pool;
    case ScopeFrom::Proxy:
        return AccessModel::Object::Proxy;
    case ScopeFrom::Key:
        return AccessModel::Object::Key;
    case ScopeFrom::Group:
        return AccessModel::Object::Group;
    case ScopeFrom::Role:
    case ScopeFrom::Global:
    case ScopeFrom::Anywhere:
        break;
    }
    return AccessModel::Object::Role;
}

QString objectName(ScopeFrom from)
{
    switch (from) {
    case ScopeFrom::Enterprise:
    case ScopeFrom::BodyEnterprise:
        return QStringLiteral("enterprise");
    case ScopeFrom::Department:
        return QStringLiteral("department");
    case ScopeFrom::User:
        return QStringLiteral("user");
    case ScopeFrom::Account:
        return QStringLiteral("account");
    case ScopeFrom::Pool:
        return QStringLiteral("pool");
    case ScopeFrom::Proxy:
        return QStringLiteral("proxy");
    case ScopeFrom::Key:
        return QStringLiteral("key");
    case ScopeFrom::Group:
        return QStringLiteral("group");
    case ScopeFrom::Role:
        return QStringLiteral("role");
    case ScopeFrom::Global:
    case ScopeFrom::Anywhere:
        break;
    }
    return QStringLiteral("object");
}

} // namespace

Scope AdminRouteTable::resolveScope(const RouteAccess &access, const AdminIdentity &who,
                                    const HttpRequest &request)
{
    const ScopeFrom from = access.scopeFrom();
    if (from == ScopeFrom::Global || from == ScopeFrom::Anywhere || !access.needsPermission())
        return Scope::global();
    const AccessModel *model = who.access.get();
    Scope scope = Scope::global();
    QString shownId;
    if (from == ScopeFrom::BodyEnterprise) {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        const QJsonValue v = body.value(QLatin1String("enterpriseId"));
        const QJsonValue d = body.value(QLatin1String("departmentId"));
        if (!v.isUndefined() && !v.isNull()) {
            const qint64 id = v.toInteger(0);
            shownId = QString::number(id);
            if (id < 1)
                throw ApiError::badRequest(QStringLiteral("\"enterpriseId\" must be a positive "
                                                          "number or null."));
            if (model && !model->scopeOf(AccessModel::Object::Enterprise, id))
                throw noSuch(QStringLiteral("enterprise"), shownId);
            scope = Scope::enterprise(id);
        }
        // A department narrows the scope (a department manager creates users there).
        if (!d.isUndefined() && !d.isNull()) {
            const qint64 id = d.toInteger(0);
            if (id < 1)
                throw ApiError::badRequest(QStringLiteral("\"departmentId\" must be a positive "
                                                          "number or null."));
            if (model) {
                if (!model->scopeOf(AccessModel::Object::Department, id))
                    throw noSuch(QStringLiteral("department"), QString::number(id));
                const qint64 e = model->enterpriseOf(Scope::department(id));
                if (scope.level == Scope::Level::Enterprise && scope.id != e)
                    throw ApiError::badRequest(QStringLiteral("Department %1 is not in enterprise "
                                                              "%2.")
                                                   .arg(id)
                                                   .arg(scope.id));
                shownId = QString::number(e);
            }
            scope = Scope::department(id);
        }
    } else if (from == ScopeFrom::Role) {
        const QString id = request.pathParams.value(access.scopeParam());
        shownId = id;
        if (model) {
            if (!model->roleExists(id))
                throw noSuch(QStringLiteral("role"), id);
            const qint64 e = model->roleEnterprise(id);
            scope = e > 0 ? Scope::enterprise(e) : Scope::global();
        }
    } else {
        const QString raw = request.pathParams.value(access.scopeParam());
        shownId = raw;
        bool ok = false;
        const qint64 id = raw.toLongLong(&ok);
        if (!ok || id < 1)
            throw noSuch(objectName(from), raw);
        if (model) {
            const auto found = model->scopeOf(objectOf(from), id);
            if (!found)
                throw noSuch(objectName(from), raw);
            scope = *found;
        }
    }
    if (model) {
        // An object of a tenant the caller cannot see answers as if it did not exist.
        const qint64 enterprise = model->enterpriseOf(scope);
        // One's own key is always one's own to see.
        const bool ownKey =
            from == ScopeFrom::Key &&
            model->keyOwner(request.pathParams.value(access.scopeParam()).toLongLong()) ==
                who.userId;
        const bool visible = ownKey || model->seesEverything(who.userId) ||
                             (enterprise > 0 && model->sees(who.userId, enterprise));
        if (!visible && from != ScopeFrom::BodyEnterprise)
            throw noSuch(objectName(from), shownId);
        // A body naming no enterprise asks for the global scope: refused below, not hidden.
        if (!visible && scope.level != Scope::Level::Global)
            throw noSuch(QStringLiteral("enterprise"), shownId);
    }
    for (Permission p : access.permissions()) {
        if (can(who, p, scope))
            return scope;
    }
    throw ApiError::forbidden(QStringLiteral("You lack %1 here; ask an administrator of this "
                                             "%2 for a role that grants it.")
                                  .arg(access.describe(), objectName(from)));
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
                const auto &who = std::get<std::optional<AdminIdentity>>(admitted);
                const Scope scope = who ? resolveScope(access, *who, request) : Scope::global();
                AdminCall call{request, responder, who, scope};
                if (sink) {
                    // Recorded when the handler answers, on whichever path it does.
                    responder->setAnswerObserver([sink, action, pattern, request,
                                                  caller = call.caller,
                                                  note = call.note](int status) {
                        const auto row =
                            AuditEntries::build(action, pattern, request, caller, note->content(),
                                                status, Clock::nowMs());
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
