// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/accounts/oauth/start and /api/accounts/oauth/exchange: connecting a Claude subscription
// (anthropic-oauth) account through the PKCE authorization-code flow.
class OAuthRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
