// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AccountHealthRoutes.h"

#include "api/admin/AdminApi.h"
#include "http/HttpRouter.h"
#include "routing/RoutingService.h"

#include <QDateTime>

void AccountHealthRoutes::registerRoutes(HttpRouter &router, AdminApi *api)
{
    router.add("GET", QStringLiteral("/api/accounts/{id}/health"),
               [api](const HttpRequest &q, const HttpResponderPtr &r) {
                   if (!api->authorize(q, r, true))
                       return;
                   const qint64 id = q.pathParams.value(QStringLiteral("id")).toLongLong();
                   QJsonObject health =
                       api->routing()->health(id, QDateTime::currentMSecsSinceEpoch());
                   health.insert(QStringLiteral("accountId"), id);
                   r->sendJson(200, health);
               });
    router.add("DELETE", QStringLiteral("/api/accounts/{id}/cooldown"),
               [api](const HttpRequest &q, const HttpResponderPtr &r) {
                   if (!api->authorize(q, r, true))
                       return;
                   api->routing()->clearCooldown(
                       q.pathParams.value(QStringLiteral("id")).toLongLong());
                   r->send(204, {}, {});
               });
}
