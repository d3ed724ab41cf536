// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/PoolRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminJson.h"
#include "api/admin/AdminRouteTable.h"
#include "api/admin/JsonNumbers.h"
#include "store/PoolRepository.h"
#include "store/SettingsRepository.h"

#include <QJsonArray>

namespace {

// Applies the fields present in `body` to `row`; returns an error message or empty.
QString applyFields(const QJsonObject &body, PoolRow &row, bool create)
{
    static const QStringList known = {QStringLiteral("name"), QStringLiteral("strategy"),
                                      QStringLiteral("accountIds"), QStringLiteral("enterpriseId")};
    if (body.contains(QLatin1String("enterpriseId"))) {
        if (!create)
            return QStringLiteral("\"enterpriseId\" is set when the pool is created and cannot "
                                  "change.");
        row.enterpriseId = body.value(QLatin1String("enterpriseId")).toInteger(0);
    }
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            return QStringLiteral("Unknown field \"%1\". Known fields: name, strategy, "
                                  "accountIds.")
                .arg(it.key());
    }
    if (body.contains(QLatin1String("name")) || create) {
        row.name = body.value(QLatin1String("name")).toString().trimmed();
        if (row.name.isEmpty() || row.name.size() > 100)
            return QStringLiteral("\"name\" is required (1 to 100 characters).");
    }
    if (body.contains(QLatin1String("strategy"))) {
        const QJsonValue v = body.value(QLatin1String("strategy"));
        if (!v.isString() || !PoolRepository::strategies().contains(v.toString()))
            return QStringLiteral("\"strategy\" must be one of: %1.")
                .arg(PoolRepository::strategies().join(QStringLiteral(", ")));
        row.strategy = v.toString();
    } else if (create) {
        row.strategy = QStringLiteral("priority");
    }
    if (body.contains(QLatin1String("accountIds"))) {
        const QJsonValue v = body.value(QLatin1String("accountIds"));
        if (!v.isArray())
            return QStringLiteral("\"accountIds\" must be an array of account ids.");
        QList<qint64> ids;
        const QJsonArray arr = v.toArray();
        for (const QJsonValue &id : arr) {
            const auto accountId = JsonNumbers::wholeNumber(id, 1, JsonNumbers::MaxExact);
            if (!accountId)
                return QStringLiteral("\"accountIds\" must contain only account ids (whole "
                                      "numbers from /api/accounts).");
            if (!ids.contains(*accountId))
                ids.append(*accountId);
        }
        row.accountIds = ids;
    }
    return {};
}

qint64 idParam(const HttpRequest &request)
{
    return request.pathParams.value(QStringLiteral("id")).toLongLong();
}

// The rows of the caller's tenants only (all for system staff), filtered in the query.
void listPools(AdminApi *api, const AdminCall &call)
{
    const HttpResponderPtr responder = call.responder;
    const TenantFilter tenants = call.tenants();
    api->run<QList<PoolRow>>(
        responder, [tenants](QSqlDatabase &db) { return PoolRepository(db).list(tenants); },
        [responder](const QList<PoolRow> &rows) {
            QJsonArray items;
            for (const PoolRow &p : rows)
                items.append(AdminJson::pool(p));
            responder->sendJson(200, QJsonObject{{QStringLiteral("items"), items},
                                                 {QStringLiteral("total"), items.size()}});
        });
}

void getPool(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder)
{
    const qint64 id = idParam(request);
    api->run<std::optional<PoolRow>>(
        responder, [id](QSqlDatabase &db) { return PoolRepository(db).get(id); },
        [responder, id](const std::optional<PoolRow> &row) {
            if (!row) {
                throw ApiError::notFound(QStringLiteral("No pool with id %1.").arg(id));
            }
            responder->sendJson(200, AdminJson::pool(*row));
        });
}

void createPool(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder,
                const AuditNotePtr &note)
{
    const std::optional<QJsonObject> body = AdminApi::jsonObject(request);
    PoolRow row;
    const QString error = applyFields(*body, row, true);
    if (!error.isEmpty()) {
        throw ApiError::badRequest(error);
    }
    api->run<PoolRow>(
        responder,
        [row, note](QSqlDatabase &db) {
            PoolRepository repo(db);
            const qint64 id = repo.insert(row);
            SettingsRepository(db).bumpDataVersion();
            const PoolRow saved = repo.get(id).value_or(row);
            note->setTargetId(id);
            note->setAfter(AdminJson::pool(saved));
            return saved;
        },
        [api, responder](const PoolRow &saved) {
            api->notifyDataChanged(
                [responder, saved] { responder->sendJson(201, AdminJson::pool(saved)); });
        });
}

void updatePool(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder,
                const AuditNotePtr &note)
{
    const std::optional<QJsonObject> body = AdminApi::jsonObject(request);
    {
        PoolRow probe;
        probe.name = QStringLiteral("x");
        const QString error = applyFields(*body, probe, false);
        if (!error.isEmpty()) {
            throw ApiError::badRequest(error);
        }
    }
    const qint64 id = idParam(request);
    const QJsonObject fields = *body;
    api->run<PoolRow>(
        responder,
        [id, fields, note](QSqlDatabase &db) {
            PoolRepository repo(db);
            auto row = repo.get(id);
            if (!row)
                throw StoreError(StoreError::Kind::NotFound,
                                 QStringLiteral("No pool with id %1.").arg(id));
            note->setBefore(AdminJson::pool(*row));
            const QString error = applyFields(fields, *row, false);
            if (!error.isEmpty())
                throw StoreError(StoreError::Kind::Invalid, error);
            row->updatedAtMs = 0;
            repo.update(*row);
            SettingsRepository(db).bumpDataVersion();
            const PoolRow saved = repo.get(id).value_or(*row);
            note->setAfter(AdminJson::pool(saved));
            return saved;
        },
        [api, responder](const PoolRow &saved) {
            api->notifyDataChanged(
                [responder, saved] { responder->sendJson(200, AdminJson::pool(saved)); });
        });
}

void deletePool(AdminApi *api, const HttpRequest &request, const HttpResponderPtr &responder,
                const AuditNotePtr &note)
{
    const qint64 id = idParam(request);
    api->removeAndConfirm(responder, [id, note](QSqlDatabase &db) {
        PoolRepository repo(db);
        if (const auto before = repo.get(id))
            note->setBefore(AdminJson::pool(*before));
        repo.remove(id);
    });
}

} // namespace

void PoolRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    routes.add("GET", QStringLiteral("/api/pools"),
               RouteAccess::need(Permission::PoolManage).at(ScopeFrom::Anywhere),
               [api](const AdminCall &c) { listPools(api, c); });
    routes.add(
        "POST", QStringLiteral("/api/pools"),
        RouteAccess::need(Permission::PoolManage).at(ScopeFrom::BodyEnterprise),
        [api](const AdminCall &c) { createPool(api, c.request, c.responder, c.auditNote()); });
    routes.add("GET", QStringLiteral("/api/pools/{id}"),
               RouteAccess::need(Permission::PoolManage).at(ScopeFrom::Pool),
               [api](const HttpRequest &q, const HttpResponderPtr &r) { getPool(api, q, r); });
    auto update = [api](const AdminCall &c) {
        updatePool(api, c.request, c.responder, c.auditNote());
    };
    routes.add("PUT", QStringLiteral("/api/pools/{id}"),
               RouteAccess::need(Permission::PoolManage).at(ScopeFrom::Pool), update);
    routes.add("PATCH", QStringLiteral("/api/pools/{id}"),
               RouteAccess::need(Permission::PoolManage).at(ScopeFrom::Pool), update);
    routes.add(
        "DELETE", QStringLiteral("/api/pools/{id}"),
        RouteAccess::need(Permission::PoolManage).at(ScopeFrom::Pool),
        [api](const AdminCall &c) { deletePool(api, c.request, c.responder, c.auditNote()); });
}
