// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/audit (filtered, paged, newest first; format=csv streams every match page by page) and
// /api/audit/verify (walks the hash chain).
class AuditRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
