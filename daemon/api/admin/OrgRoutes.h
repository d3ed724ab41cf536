// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/enterprises and /api/departments: the tenants and each one's department tree.
class OrgRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
