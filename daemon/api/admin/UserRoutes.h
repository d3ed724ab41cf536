// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class HttpRouter;

// /api/users: list, create (administrators), get.
class UserRoutes
{
public:
    static void registerRoutes(HttpRouter &router, AdminApi *api);
};
