// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/accounts: upstream accounts; the secret is sealed at rest and never returned.
class AccountRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
