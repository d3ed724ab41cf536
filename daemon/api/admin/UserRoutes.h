// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/users: list, create (administrators), get.
class UserRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
