// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AccountHealthRoutes.h"

#include "api/admin/AdminApi.h"
#include "api/admin/AdminRouteTable.h"
#include "routing/RoutingService.h"

#include <QDateTime>

void AccountHealthRoutes::registerRoutes(AdminRouteTable &routes, AdminApi *api)
{
    routes.add("GET", QStringLiteral("/api/accounts/{id}/health"),
               RouteAccess::need(Permission::AccountManage).at(ScopeFrom::Account),
               [api](const HttpRequest &q, const HttpResponderPtr &r) {
                   const qint64 id = q.pathParams.value(QStringLiteral("id")).toLongLong();
                   QJsonObject health =
                       api->routing()->health(id, QDateTime::currentMSecsSinceEpoch());
                   health.insert(QStringLiteral("accountId"), id);
                   r->sendJson(200, health);
               });
    routes.add(
        "DELETE", QStringLiteral("/api/accounts/{id}/cooldown"),
        RouteAccess::need(Permission::AccountManage).at(ScopeFrom::Account),
        [api](const HttpRequest &q, const HttpResponderPtr &r) {
            api->routing()->clearCooldown(q.pathParams.value(QStringLiteral("id")).toLongLong());
            r->send(204, {}, {});
        },
        RouteAudit::named(QStringLiteral("account.cooldown_clear")));
}
