// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/BudgetRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/BudgetFields.h"
#include "api/admin/JsonNumbers.h"
#include "api/admin/LimitAccess.h"
#include "api/admin/LimitRuleHandlers.h"
#include "api/admin/PeriodWindow.h"
#include "base/Clock.h"
#include "store/BudgetRepository.h"
#include "store/ScopeOwner.h"

#include <QJsonArray>

namespace {

const std::vector<Permission> &readers()
{
    static const std::vector<Permission> p = {Permission::BudgetManage, Permission::UsageRead};
    return p;
}

const std::vector<Permission> &writers()
{
    static const std::vector<Permission> p = {Permission::BudgetManage};
    return p;
}

ApiError noBudget(qint64 id)
{
    return ApiError::notFound(QStringLiteral("No budget with id %1.").arg(id));
}

// What the shared PATCH and DELETE handlers need to know of budgets.
struct BudgetRules
{
    using Row = BudgetRow;
    using Repository = BudgetRepository;
    static const std::vector<Permission> &writers() { return ::writers(); }
    static ApiError notFound(qint64 id) { return noBudget(id); }
    static QString writePermission() { return QStringLiteral("budget.manage"); }
    static QString apply(const QJsonObject &body, Row &row, bool create)
    {
        return BudgetFields::apply(body, row, create);
    }
    static QJsonObject auditJson(const Row &row) { return BudgetFields::ruleJson(row); }
    static QJsonObject answer(AdminApi *api, const Row &row);
};

using LimitRuleHandlers::enforce;
using Loaded = LimitRuleHandlers::Loaded<BudgetRules>;

Loaded load(QSqlDatabase &db, qint64 id, const AdminIdentity &who,
            const std::vector<Permission> &permissions)
{
    return LimitRuleHandlers::load<BudgetRules>(db, id, who, permissions);
}

// The budget with what was spent in its current period on this node's view.
QJsonObject withUse(AdminApi *api, const BudgetRow &row)
{
    const qint64 now = Clock::nowMs();
    std::optional<BudgetStatus> status;
    if (Governor *governor = api->governor())
        status = governor->budgetStatus(row.id, now);
    return BudgetFields::toJson(row, status, now,
                                PeriodWindow::zone(api->settings().quotaTimeZone));
}

void listBudgets(AdminApi *api, const AdminCall &call)
{
    const HttpResponderPtr responder = call.responder;
    const TenantFilter tenants = call.tenants();
    const AdminIdentity who = call.who();
    LimitScope scope = LimitScope::Key;
    const QString scopeText = call.request.queryItem(QStringLiteral("scope"));
    if (!scopeText.isEmpty() && !LimitScopes::fromName(scopeText, &scope))
        throw ApiError::badRequest(QStringLiteral("\"scope\" must be user, group, department or "
                                                  "enterprise."));
    const QString idText = call.request.queryItem(QStringLiteral("scopeId"));
    qint64 scopeId = 0;
    if (!idText.isEmpty()) {
        bool ok = false;
        scopeId = idText.toLongLong(&ok);
        if (!ok || scopeId < 1)
            throw ApiError::badRequest(QStringLiteral("\"scopeId\" must be a positive id."));
    }
    api->run<QList<BudgetRow>>(
        responder, [tenants](QSqlDatabase &db) { return BudgetRepository(db).list(tenants); },
        [api, responder, who, scopeText, scope, scopeId](const QList<BudgetRow> &rows) {
            QJsonArray items;
            for (const BudgetRow &q : rows) {
                if (!scopeText.isEmpty() && q.scope != scope)
                    continue;
                if (scopeId > 0 && q.scopeId != scopeId)
                    continue;
                if (LimitAccess::check(who, readers(), q.scope, q.scopeId, q.enterpriseId) !=
                    LimitAccess::Verdict::Allowed)
                    continue;
                items.append(withUse(api, q));
            }
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void getBudget(AdminApi *api, const AdminCall &call)
{
    const HttpResponderPtr responder = call.responder;
    const qint64 id = call.pathId();
    const AdminIdentity who = call.who();
    api->run<Loaded>(
        responder, [id, who](QSqlDatabase &db) { return load(db, id, who, readers()); },
        [api, responder, id](const Loaded &loaded) {
            if (!loaded.row)
                throw noBudget(id);
            enforce(loaded.verdict, noBudget(id), QStringLiteral("budget.manage or usage.read"));
            responder->sendJson(200, withUse(api, *loaded.row));
        });
}

void createBudget(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    BudgetRow row;
    const QString error = BudgetFields::apply(body, row, true);
    if (!error.isEmpty())
        throw ApiError::badRequest(error);
    // The scope object must exist and be the caller's to see: 404 otherwise, as elsewhere.
    enforce(LimitAccess::check(call.who(), writers(), row.scope, row.scopeId, -1),
            ApiError::notFound(ScopeOwner::notFoundMessage(row.scope, row.scopeId)),
            QStringLiteral("budget.manage"));
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    api->run<BudgetRow>(
        responder,
        [row, note](QSqlDatabase &db) {
            BudgetRepository repo(db);
            const qint64 id = repo.insert(row);
            const BudgetRow saved = repo.get(id).value_or(row);
            note->setTargetId(id);
            if (saved.enterpriseId > 0)
                note->setEnterprise(saved.enterpriseId);
            note->setAfter(BudgetFields::ruleJson(saved));
            return saved;
        },
        [api, responder](const BudgetRow &saved) {
            api->notifyDataChanged(
                [api, responder, saved] { responder->sendJson(201, withUse(api, saved)); });
        });
}

QJsonObject BudgetRules::answer(AdminApi *api, const Row &row)
{
    return withUse(api, row);
}

} // namespace

void BudgetRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    // The scope is the budget's object, known only once the budget is read: the route table
    // checks that the permission is held somewhere, LimitAccess where it applies.
    const RouteAccess read = RouteAccess::needAnyOf(readers()).at(ScopeFrom::Anywhere);
    const RouteAccess write = RouteAccess::need(Permission::BudgetManage).at(ScopeFrom::Anywhere);
    routes.add("GET", QStringLiteral("/api/budgets"), read,
               [api](const AdminCall &c) { listBudgets(api, c); });
    routes.add("POST", QStringLiteral("/api/budgets"), write,
               [api](const AdminCall &c) { createBudget(api, c); });
    routes.add("GET", QStringLiteral("/api/budgets/{id}"), read,
               [api](const AdminCall &c) { getBudget(api, c); });
    routes.add("PATCH", QStringLiteral("/api/budgets/{id}"), write,
               [api](const AdminCall &c) { LimitRuleHandlers::update<BudgetRules>(api, c); });
    routes.add("DELETE", QStringLiteral("/api/budgets/{id}"), write,
               [api](const AdminCall &c) { LimitRuleHandlers::remove<BudgetRules>(api, c); });
}
