// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class HttpRouter;

// /api/proxies: named proxies shared by accounts (URL sealed at rest, answers redact the
// password) and their "test connection" endpoint.
class ProxyRoutes
{
public:
    static void registerRoutes(HttpRouter &router, AdminApi *api);
};
