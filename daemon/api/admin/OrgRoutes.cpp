// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/OrgRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/JsonNumbers.h"
#include "store/OrgRepository.h"
#include "store/SqlTransaction.h"

#include <QJsonArray>
#include <QSet>

namespace {

constexpr int MaxNameLength = 100;

void onlyFields(const QJsonObject &body, const QStringList &known)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            throw ApiError::badRequest(QStringLiteral("Unknown field \"%1\". Known fields: %2.")
                                           .arg(it.key(), known.join(QStringLiteral(", "))));
    }
}

QString readName(const QJsonValue &value)
{
    const QString name = value.toString().trimmed();
    if (!value.isString() || name.isEmpty() || name.size() > MaxNameLength)
        throw ApiError::badRequest(
            QStringLiteral("\"name\" must be 1 to %1 characters.").arg(MaxNameLength));
    return name;
}

QString readLanguage(const QJsonValue &value)
{
    const QString language = value.toString();
    if (language != QLatin1String("en") && language != QLatin1String("zh_CN"))
        throw ApiError::badRequest(QStringLiteral("\"language\" must be \"en\" or \"zh_CN\"."));
    return language;
}

// 0 for null (top level), else a department id.
qint64 readParent(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return 0;
    const auto id = JsonNumbers::wholeNumber(value, 1, JsonNumbers::MaxExact);
    if (!id)
        throw ApiError::badRequest(QStringLiteral("\"parentId\" must be a department id of the "
                                                  "same enterprise, or null."));
    return *id;
}

QJsonObject enterpriseJson(const EnterpriseRow &row)
{
    return QJsonObject{{QStringLiteral("id"), row.id},
                       {QStringLiteral("name"), row.name},
                       {QStringLiteral("language"), row.language},
                       {QStringLiteral("createdAt"), AdminJson::time(row.createdAtMs)},
                       {QStringLiteral("updatedAt"), AdminJson::time(row.updatedAtMs)}};
}

QJsonObject departmentJson(const DepartmentRow &row)
{
    return QJsonObject{{QStringLiteral("id"), row.id},
                       {QStringLiteral("enterpriseId"), row.enterpriseId},
                       {QStringLiteral("parentId"),
                        row.parentId > 0 ? QJsonValue(row.parentId) : QJsonValue::Null},
                       {QStringLiteral("name"), row.name},
                       {QStringLiteral("createdAt"), AdminJson::time(row.createdAtMs)}};
}

StoreError notFound(const QString &what, qint64 id)
{
    return StoreError(StoreError::Kind::NotFound,
                      QStringLiteral("No %1 with id %2.").arg(what).arg(id));
}

// The parent a department may have: a department of the same enterprise that is not the
// department itself nor below it.
void checkParent(OrgRepository &org, const TenantFilter &tenants, qint64 enterpriseId,
                 qint64 departmentId, qint64 parentId)
{
    if (parentId == 0)
        return;
    const auto parent = org.getDepartment(parentId, tenants);
    if (!parent || parent->enterpriseId != enterpriseId)
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("\"parentId\" %1 is not a department of this enterprise.")
                             .arg(parentId));
    if (departmentId == 0)
        return;
    QHash<qint64, qint64> parents;
    const QList<DepartmentRow> all = org.listDepartments(enterpriseId);
    for (const DepartmentRow &d : all)
        parents.insert(d.id, d.parentId);
    for (qint64 at = parentId, steps = 0; at > 0 && steps <= all.size();
         at = parents.value(at), ++steps) {
        if (at == departmentId)
            throw StoreError(StoreError::Kind::Invalid,
                             QStringLiteral("A department cannot move under itself or one of its "
                                            "own sub-departments; pick a parent outside its "
                                            "subtree."));
    }
}

void listEnterprises(AdminApi *api, const AdminCall &call)
{
    const TenantFilter tenants = call.tenants();
    api->run<QList<EnterpriseRow>>(
        call.responder,
        [tenants](QSqlDatabase &db) { return OrgRepository(db).listEnterprises(tenants); },
        [responder = call.responder](const QList<EnterpriseRow> &rows) {
            QJsonArray items;
            for (const EnterpriseRow &e : rows)
                items.append(enterpriseJson(e));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void createEnterprise(AdminApi *api, const AdminCall &call)
{
    const QJsonObject body = AdminApi::jsonObject(call.request);
    onlyFields(body, {QStringLiteral("name"), QStringLiteral("language")});
    EnterpriseRow row;
    row.name = readName(body.value(QLatin1String("name")));
    if (body.contains(QLatin1String("language")))
        row.language = readLanguage(body.value(QLatin1String("language")));
    api->change<EnterpriseRow>(
        call.responder,
        [row](QSqlDatabase &db) {
            OrgRepository org(db);
            const qint64 id = org.insertEnterprise(row);
            return org.getEnterprise(id, TenantFilter::all()).value_or(row);
        },
        [responder = call.responder](const EnterpriseRow &saved) {
            responder->sendJson(201, enterpriseJson(saved));
        });
}

void getEnterprise(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const TenantFilter tenants = call.tenants();
    api->run<std::optional<EnterpriseRow>>(
        call.responder,
        [id, tenants](QSqlDatabase &db) { return OrgRepository(db).getEnterprise(id, tenants); },
        [responder = call.responder, id](const std::optional<EnterpriseRow> &row) {
            if (!row)
                throw ApiError::notFound(QStringLiteral("No enterprise with id %1.").arg(id));
            responder->sendJson(200, enterpriseJson(*row));
        });
}

void updateEnterprise(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const QJsonObject body = AdminApi::jsonObject(call.request);
    onlyFields(body, {QStringLiteral("name"), QStringLiteral("language")});
    if (body.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Send one or more of {\"name\", \"language\"}."));
    std::optional<QString> name, language;
    if (body.contains(QLatin1String("name")))
        name = readName(body.value(QLatin1String("name")));
    if (body.contains(QLatin1String("language")))
        language = readLanguage(body.value(QLatin1String("language")));
    const TenantFilter tenants = call.tenants();
    api->change<EnterpriseRow>(
        call.responder,
        [id, name, language, tenants](QSqlDatabase &db) {
            OrgRepository org(db);
            auto row = org.getEnterprise(id, tenants);
            if (!row)
                throw notFound(QStringLiteral("enterprise"), id);
            if (name)
                row->name = *name;
            if (language)
                row->language = *language;
            org.updateEnterprise(*row);
            return org.getEnterprise(id, tenants).value_or(*row);
        },
        [responder = call.responder](const EnterpriseRow &saved) {
            responder->sendJson(200, enterpriseJson(saved));
        });
}

void deleteEnterprise(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const TenantFilter tenants = call.tenants();
    api->removeAndConfirm(call.responder, [id, tenants](QSqlDatabase &db) {
        OrgRepository org(db);
        if (!org.getEnterprise(id, tenants))
            throw notFound(QStringLiteral("enterprise"), id);
        org.deleteEnterprise(id);
    });
}

void listDepartments(AdminApi *api, const AdminCall &call)
{
    const qint64 enterpriseId = call.pathId();
    const TenantFilter tenants = call.tenants();
    api->run<QList<DepartmentRow>>(
        call.responder,
        [enterpriseId, tenants](QSqlDatabase &db) {
            OrgRepository org(db);
            if (!org.getEnterprise(enterpriseId, tenants))
                throw notFound(QStringLiteral("enterprise"), enterpriseId);
            return org.listDepartments(enterpriseId);
        },
        [responder = call.responder](const QList<DepartmentRow> &rows) {
            QJsonArray items;
            for (const DepartmentRow &d : rows)
                items.append(departmentJson(d));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void createDepartment(AdminApi *api, const AdminCall &call)
{
    const qint64 enterpriseId = call.pathId();
    const QJsonObject body = AdminApi::jsonObject(call.request);
    onlyFields(body, {QStringLiteral("name"), QStringLiteral("parentId")});
    DepartmentRow row;
    row.enterpriseId = enterpriseId;
    row.name = readName(body.value(QLatin1String("name")));
    row.parentId = readParent(body.value(QLatin1String("parentId")));
    const TenantFilter tenants = call.tenants();
    api->change<DepartmentRow>(
        call.responder,
        [row, tenants](QSqlDatabase &db) {
            SqlTransaction tx(db);
            OrgRepository org(db);
            if (!org.getEnterprise(row.enterpriseId, tenants))
                throw notFound(QStringLiteral("enterprise"), row.enterpriseId);
            checkParent(org, tenants, row.enterpriseId, 0, row.parentId);
            const qint64 id = org.insertDepartment(row);
            tx.commit();
            return org.getDepartment(id, TenantFilter::all()).value_or(row);
        },
        [responder = call.responder](const DepartmentRow &saved) {
            responder->sendJson(201, departmentJson(saved));
        });
}

void updateDepartment(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const QJsonObject body = AdminApi::jsonObject(call.request);
    onlyFields(body, {QStringLiteral("name"), QStringLiteral("parentId")});
    if (body.isEmpty())
        throw ApiError::badRequest(QStringLiteral("Send one or more of {\"name\", \"parentId\"}."));
    std::optional<QString> name;
    std::optional<qint64> parent;
    if (body.contains(QLatin1String("name")))
        name = readName(body.value(QLatin1String("name")));
    if (body.contains(QLatin1String("parentId")))
        parent = readParent(body.value(QLatin1String("parentId")));
    // Moving needs the permission where the department lands too.
    if (parent && *parent > 0 &&
        !call.can(Permission::DepartmentManage, Scope::department(*parent)))
        throw ApiError::forbidden(QStringLiteral("You may not move a department under department "
                                                 "%1; you lack department.manage there.")
                                      .arg(*parent));
    const TenantFilter tenants = call.tenants();
    api->change<DepartmentRow>(
        call.responder,
        [id, name, parent, tenants](QSqlDatabase &db) {
            SqlTransaction tx(db);
            OrgRepository org(db);
            auto row = org.getDepartment(id, tenants);
            if (!row)
                throw notFound(QStringLiteral("department"), id);
            if (name)
                row->name = *name;
            if (parent) {
                checkParent(org, tenants, row->enterpriseId, id, *parent);
                row->parentId = *parent;
            }
            org.updateDepartment(*row);
            tx.commit();
            return *row;
        },
        [responder = call.responder](const DepartmentRow &saved) {
            responder->sendJson(200, departmentJson(saved));
        });
}

void deleteDepartment(AdminApi *api, const AdminCall &call)
{
    const qint64 id = call.pathId();
    const TenantFilter tenants = call.tenants();
    api->removeAndConfirm(call.responder, [id, tenants](QSqlDatabase &db) {
        OrgRepository org(db);
        if (!org.getDepartment(id, tenants))
            throw notFound(QStringLiteral("department"), id);
        org.deleteDepartment(id);
    });
}

} // namespace

void OrgRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    using P = Permission;
    const RouteAccess readOrg =
        RouteAccess::needAnyOf({P::EnterpriseManage, P::DepartmentManage, P::UserManage});
    routes.add("GET", QStringLiteral("/api/enterprises"), readOrg.at(ScopeFrom::Anywhere),
               [api](const AdminCall &c) { listEnterprises(api, c); });
    routes.add("POST", QStringLiteral("/api/enterprises"), RouteAccess::need(P::EnterpriseManage),
               [api](const AdminCall &c) { createEnterprise(api, c); });
    routes.add("GET", QStringLiteral("/api/enterprises/{id}"), readOrg.at(ScopeFrom::Enterprise),
               [api](const AdminCall &c) { getEnterprise(api, c); });
    routes.add("PATCH", QStringLiteral("/api/enterprises/{id}"),
               RouteAccess::need(P::EnterpriseManage).at(ScopeFrom::Enterprise),
               [api](const AdminCall &c) { updateEnterprise(api, c); });
    routes.add("DELETE", QStringLiteral("/api/enterprises/{id}"),
               RouteAccess::need(P::EnterpriseManage),
               [api](const AdminCall &c) { deleteEnterprise(api, c); });
    routes.add(
        "GET", QStringLiteral("/api/enterprises/{id}/departments"),
        RouteAccess::needAnyOf({P::DepartmentManage, P::UserManage}).at(ScopeFrom::Enterprise),
        [api](const AdminCall &c) { listDepartments(api, c); });
    routes.add("POST", QStringLiteral("/api/enterprises/{id}/departments"),
               RouteAccess::need(P::DepartmentManage).at(ScopeFrom::Enterprise),
               [api](const AdminCall &c) { createDepartment(api, c); });
    routes.add("PATCH", QStringLiteral("/api/departments/{id}"),
               RouteAccess::need(P::DepartmentManage).at(ScopeFrom::Department),
               [api](const AdminCall &c) { updateDepartment(api, c); });
    routes.add("DELETE", QStringLiteral("/api/departments/{id}"),
               RouteAccess::need(P::DepartmentManage).at(ScopeFrom::Department),
               [api](const AdminCall &c) { deleteDepartment(api, c); });
}
