// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// GET /api/reports/usage: usage grouped by one dimension and by day, week or month, read from
// the usage rollups; JSON, or CSV streamed in chunks with format=csv.
class ReportRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
