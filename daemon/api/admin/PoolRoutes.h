// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/pools: account pools with a routing strategy; keys are bound to them (/api/keys poolId).
class PoolRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
