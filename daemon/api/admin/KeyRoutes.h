// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/keys: personal keys; the key is shown once at creation and stored as a SHA-256 hash.
class KeyRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
