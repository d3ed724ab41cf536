// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/incidents: what the alert rules found, paged and filtered by state and rule, and the
// acknowledge / resolve transitions (open -> acknowledged -> resolved).
class IncidentRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
