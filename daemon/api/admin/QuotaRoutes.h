// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/quotas: rate and volume limits on a key, user, group, department or enterprise, and
// their current use (/api/quotas/{id}/status). Reading needs quota.manage or usage.read,
// writing quota.manage, both at the scope of the object the quota applies to.
class QuotaRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
