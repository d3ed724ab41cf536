// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/HealthRoutes.h"

#include "base/ThreadContext.h"
#include "store/Database.h"
#include "store/DbWorker.h"
#include "store/StoreError.h"

#include <QJsonObject>

HealthRoutes::HealthRoutes(DbWorker *db, std::function<qint64()> ledgerQueue)
    : m_db(db), m_ledgerQueue(std::move(ledgerQueue))
{
    m_uptime.start();
}

void HealthRoutes::registerRoutes(HttpRouter &router)
{
    router.add("GET", QStringLiteral("/health"),
               [this](const HttpRequest &, const HttpResponderPtr &r) { health(r); });
    router.add("GET", QStringLiteral("/health/live"),
               [](const HttpRequest &, const HttpResponderPtr &r) {
                   r->sendJson(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}});
               });
}

void HealthRoutes::health(const HttpResponderPtr &responder) const
{
    const qint64 uptime = m_uptime.elapsed() / 1000;
    const qint64 queue = m_ledgerQueue ? m_ledgerQueue() : 0;
    m_db->post<bool>(
        [](QSqlDatabase &db) {
            // A failed ping is an Unavailable error, so the worker reconnects before the next
            // job instead of answering every later health check from a dead connection.
            if (!Database::ping(db))
                throw StoreError(StoreError::Kind::Unavailable,
                                 QStringLiteral("the database does not answer"));
            return true;
        },
        ThreadContext::current(),
        [responder, uptime, queue](bool ok) {
            const QJsonObject body{
                {QStringLiteral("status"), ok ? QStringLiteral("ok") : QStringLiteral("degraded")},
                {QStringLiteral("database"), ok ? QStringLiteral("ok") : QStringLiteral("down")},
                {QStringLiteral("version"), QStringLiteral(AICARPOOL_VERSION)},
                {QStringLiteral("uptimeSecs"), uptime},
                {QStringLiteral("ledgerQueue"), queue}};
            responder->sendJson(ok ? 200 : 503, body);
        },
        [responder, uptime](const StoreError &) {
            responder->sendJson(503,
                                QJsonObject{{QStringLiteral("status"), QStringLiteral("degraded")},
                                            {QStringLiteral("database"), QStringLiteral("down")},
                                            {QStringLiteral("uptimeSecs"), uptime}});
        });
}
