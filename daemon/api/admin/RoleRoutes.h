// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/roles (built-in and custom roles) and /api/users/{id}/roles (scoped assignments). Nobody
// grants a permission they do not hold at the scope of the grant.
class RoleRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
