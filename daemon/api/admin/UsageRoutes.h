// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/usage and /api/usage/summary: the ledger, filtered and paged.
class UsageRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
