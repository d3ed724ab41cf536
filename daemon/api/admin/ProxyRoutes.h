// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/proxies: named proxies shared by accounts (URL sealed at rest, answers redact the
// password) and their "test connection" endpoint.
class ProxyRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
