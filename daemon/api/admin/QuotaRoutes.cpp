// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/QuotaRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/JsonNumbers.h"
#include "api/admin/LimitAccess.h"
#include "api/admin/LimitRuleHandlers.h"
#include "api/admin/PeriodWindow.h"
#include "api/admin/QuotaFields.h"
#include "base/Clock.h"
#include "store/QuotaRepository.h"
#include "store/ScopeOwner.h"

#include <QJsonArray>

namespace {

const std::vector<Permission> &readers()
{
    static const std::vector<Permission> p = {Permission::QuotaManage, Permission::UsageRead};
    return p;
}

const std::vector<Permission> &writers()
{
    static const std::vector<Permission> p = {Permission::QuotaManage};
    return p;
}

ApiError noQuota(qint64 id)
{
    return ApiError::notFound(QStringLiteral("No quota with id %1.").arg(id));
}

// What the shared PATCH and DELETE handlers need to know of quotas.
struct QuotaRules
{
    using Row = QuotaRow;
    using Repository = QuotaRepository;
    static const std::vector<Permission> &writers() { return ::writers(); }
    static ApiError notFound(qint64 id) { return noQuota(id); }
    static QString writePermission() { return QStringLiteral("quota.manage"); }
    static QString apply(const QJsonObject &body, Row &row, bool create)
    {
        return QuotaFields::apply(body, row, create);
    }
    static QJsonObject auditJson(const Row &row) { return QuotaFields::toJson(row); }
    static QJsonObject answer(AdminApi *api, const Row &row);
};

using LimitRuleHandlers::enforce;
using Loaded = LimitRuleHandlers::Loaded<QuotaRules>;

Loaded load(QSqlDatabase &db, qint64 id, const AdminIdentity &who,
            const std::vector<Permission> &permissions)
{
    return LimitRuleHandlers::load<QuotaRules>(db, id, who, permissions);
}

void listQuotas(AdminApi *api, const AdminCall &call)
{
    const HttpResponderPtr responder = call.responder;
    const TenantFilter tenants = call.tenants();
    const AdminIdentity who = call.who();
    LimitScope scope = LimitScope::Key;
    const QString scopeText = call.request.queryItem(QStringLiteral("scope"));
    if (!scopeText.isEmpty() && !LimitScopes::fromName(scopeText, &scope))
        throw ApiError::badRequest(QStringLiteral("\"scope\" must be key, user, group, department "
                                                  "or enterprise."));
    const QString idText = call.request.queryItem(QStringLiteral("scopeId"));
    qint64 scopeId = 0;
    if (!idText.isEmpty()) {
        bool ok = false;
        scopeId = idText.toLongLong(&ok);
        if (!ok || scopeId < 1)
            throw ApiError::badRequest(QStringLiteral("\"scopeId\" must be a positive id."));
    }
    api->run<QList<QuotaRow>>(
        responder, [tenants](QSqlDatabase &db) { return QuotaRepository(db).list(tenants); },
        [responder, who, scopeText, scope, scopeId](const QList<QuotaRow> &rows) {
            QJsonArray items;
            for (const QuotaRow &q : rows) {
                if (!scopeText.isEmpty() && q.scope != scope)
                    continue;
                if (scopeId > 0 && q.scopeId != scopeId)
                    continue;
                if (LimitAccess::check(who, readers(), q.scope, q.scopeId, q.enterpriseId) !=
                    LimitAccess::Verdict::Allowed)
                    continue;
                items.append(QuotaFields::toJson(q));
            }
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void getQuota(AdminApi *api, const AdminCall &call, bool withStatus)
{
    const HttpResponderPtr responder = call.responder;
    const qint64 id = call.pathId();
    const AdminIdentity who = call.who();
    api->run<Loaded>(
        responder, [id, who](QSqlDatabase &db) { return load(db, id, who, readers()); },
        [api, responder, id, withStatus](const Loaded &loaded) {
            if (!loaded.row)
                throw noQuota(id);
            enforce(loaded.verdict, noQuota(id), QStringLiteral("quota.manage or usage.read"));
            if (!withStatus) {
                responder->sendJson(200, QuotaFields::toJson(*loaded.row));
                return;
            }
            const qint64 now = Clock::nowMs();
            std::optional<QuotaStatus> status;
            if (Governor *governor = api->governor())
                status = governor->quotaStatus(id, now);
            responder->sendJson(
                200, QuotaFields::status(*loaded.row, status, now,
                                         PeriodWindow::zone(api->settings().quotaTimeZone)));
        });
}

void createQuota(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    QuotaRow row;
    const QString error = QuotaFields::apply(body, row, true);
    if (!error.isEmpty())
        throw ApiError::badRequest(error);
    // The scope object must exist and be the caller's to see: 404 otherwise, as elsewhere.
    enforce(LimitAccess::check(call.who(), writers(), row.scope, row.scopeId, -1),
            ApiError::notFound(ScopeOwner::notFoundMessage(row.scope, row.scopeId)),
            QStringLiteral("quota.manage"));
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    api->run<QuotaRow>(
        responder,
        [row, note](QSqlDatabase &db) {
            QuotaRepository repo(db);
            const qint64 id = repo.insert(row);
            const QuotaRow saved = repo.get(id).value_or(row);
            note->setTargetId(id);
            if (saved.enterpriseId > 0)
                note->setEnterprise(saved.enterpriseId);
            note->setAfter(QuotaFields::toJson(saved));
            return saved;
        },
        [api, responder](const QuotaRow &saved) {
            api->notifyDataChanged(
                [responder, saved] { responder->sendJson(201, QuotaFields::toJson(saved)); });
        });
}

QJsonObject QuotaRules::answer(AdminApi *api, const Row &row)
{
    Q_UNUSED(api)
    return QuotaFields::toJson(row);
}

} // namespace

void QuotaRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    // The scope is the quota's object, known only once the quota is read: the route table
    // checks that the permission is held somewhere, LimitAccess where it applies.
    const RouteAccess read = RouteAccess::needAnyOf(readers()).at(ScopeFrom::Anywhere);
    const RouteAccess write = RouteAccess::need(Permission::QuotaManage).at(ScopeFrom::Anywhere);
    routes.add("GET", QStringLiteral("/api/quotas"), read,
               [api](const AdminCall &c) { listQuotas(api, c); });
    routes.add("POST", QStringLiteral("/api/quotas"), write,
               [api](const AdminCall &c) { createQuota(api, c); });
    routes.add("GET", QStringLiteral("/api/quotas/{id}"), read,
               [api](const AdminCall &c) { getQuota(api, c, false); });
    routes.add("GET", QStringLiteral("/api/quotas/{id}/status"), read,
               [api](const AdminCall &c) { getQuota(api, c, true); });
    routes.add("PATCH", QStringLiteral("/api/quotas/{id}"), write,
               [api](const AdminCall &c) { LimitRuleHandlers::update<QuotaRules>(api, c); });
    routes.add("DELETE", QStringLiteral("/api/quotas/{id}"), write,
               [api](const AdminCall &c) { LimitRuleHandlers::remove<QuotaRules>(api, c); });
}
