// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// POST /api/auth/login, POST /api/auth/refresh, GET /api/auth/me.
class AuthRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
