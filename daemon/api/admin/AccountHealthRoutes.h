// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// GET /api/accounts/{id}/health (cooldown, in flight, latency, last error) and
// DELETE /api/accounts/{id}/cooldown (put a cooled-down account back into service).
class AccountHealthRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
