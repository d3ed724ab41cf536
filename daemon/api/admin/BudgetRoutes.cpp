// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/BudgetRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/BudgetFields.h"
#include "api/admin/JsonNumbers.h"
#include "api/admin/LimitAccess.h"
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

// Throws the answer for a refusal: 404 for what the caller may not see, 403 otherwise.
void enforce(LimitAccess::Verdict verdict, const ApiError &hidden, const QString &needed)
{
    if (verdict == LimitAccess::Verdict::Hidden)
        throw hidden;
    if (verdict == LimitAccess::Verdict::Forbidden)
        throw ApiError::forbidden(QStringLiteral("You lack %1 for this scope; ask an administrator "
                                                 "of it for a role that grants it.")
                                      .arg(needed));
}

// A budget loaded for the caller: nullopt when there is none, with the caller's verdict.
struct Loaded
{
    std::optional<BudgetRow> row;
    LimitAccess::Verdict verdict = LimitAccess::Verdict::Hidden;
};

Loaded load(QSqlDatabase &db, qint64 id, const AdminIdentity &who,
            const std::vector<Permission> &permissions)
{
    Loaded out;
    out.row = BudgetRepository(db).get(id);
    if (out.row)
        out.verdict = LimitAccess::check(who, permissions, out.row->scope, out.row->scopeId,
                                         out.row->enterpriseId);
    return out;
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

// What a PATCH or DELETE did: the refusal to answer, or the saved row.
struct Change
{
    std::optional<BudgetRow> before;
    LimitAccess::Verdict verdict = LimitAccess::Verdict::Hidden;
    QString invalid;
    std::optional<BudgetRow> saved;
};

void answerChange(const Change &c, qint64 id)
{
    if (!c.before)
        throw noBudget(id);
    enforce(c.verdict, noBudget(id), QStringLiteral("budget.manage"));
    if (!c.invalid.isEmpty())
        throw ApiError::badRequest(c.invalid);
}

void updateBudget(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    const qint64 id = call.pathId();
    const AdminIdentity who = call.who();
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    api->run<Change>(
        responder,
        [id, who, body, note](QSqlDatabase &db) {
            Change c;
            const Loaded loaded = load(db, id, who, writers());
            c.before = loaded.row;
            c.verdict = loaded.verdict;
            if (!c.before || c.verdict != LimitAccess::Verdict::Allowed)
                return c;
            BudgetRow row = *c.before;
            c.invalid = BudgetFields::apply(body, row, false);
            if (!c.invalid.isEmpty())
                return c;
            note->setBefore(BudgetFields::ruleJson(*c.before));
            if (c.before->enterpriseId > 0)
                note->setEnterprise(c.before->enterpriseId);
            row.updatedAtMs = 0;
            BudgetRepository repo(db);
            repo.update(row);
            c.saved = repo.get(id).value_or(row);
            note->setAfter(BudgetFields::ruleJson(*c.saved));
            return c;
        },
        [api, responder, id](const Change &c) {
            answerChange(c, id);
            const BudgetRow saved = *c.saved;
            api->notifyDataChanged(
                [api, responder, saved] { responder->sendJson(200, withUse(api, saved)); });
        });
}

void deleteBudget(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const AdminIdentity who = call.who();
    const HttpResponderPtr responder = call.responder;
    const AuditNotePtr note = call.auditNote();
    api->run<Change>(
        responder,
        [id, who, note](QSqlDatabase &db) {
            Change c;
            const Loaded loaded = load(db, id, who, writers());
            c.before = loaded.row;
            c.verdict = loaded.verdict;
            if (!c.before || c.verdict != LimitAccess::Verdict::Allowed)
                return c;
            note->setBefore(BudgetFields::ruleJson(*c.before));
            if (c.before->enterpriseId > 0)
                note->setEnterprise(c.before->enterpriseId);
            BudgetRepository(db).remove(id);
            return c;
        },
        [api, responder, id](const Change &c) {
            answerChange(c, id);
            api->notifyDataChanged([responder] { responder->send(204, {}, {}); });
        });
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
               [api](const AdminCall &c) { updateBudget(api, c); });
    routes.add("DELETE", QStringLiteral("/api/budgets/{id}"), write,
               [api](const AdminCall &c) { deleteBudget(api, c); });
}
