// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class HttpRouter;

// /api/pools: account pools with a routing strategy; keys are bound to them (/api/keys poolId).
class PoolRoutes
{
public:
    static void registerRoutes(HttpRouter &router, AdminApi *api);
};
