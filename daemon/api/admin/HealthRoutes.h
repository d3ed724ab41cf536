// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpRouter.h"

#include <QElapsedTimer>

#include <functional>

class DbWorker;

// GET /health (is the database reachable; version, uptime and ledger backlog) and
// GET /health/live (the process answers). Both are public: load balancers call them.
class HealthRoutes
{
public:
    // `ledgerQueue` reports the usage records not yet written; it is called on any thread.
    HealthRoutes(DbWorker *db, std::function<qint64()> ledgerQueue);

    void registerRoutes(HttpRouter &router);

private:
    void health(const HttpResponderPtr &responder) const;

    DbWorker *m_db;
    std::function<qint64()> m_ledgerQueue;
    QElapsedTimer m_uptime;
};
