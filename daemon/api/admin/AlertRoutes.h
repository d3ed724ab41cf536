// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/alert-channels (where alerts go; secrets sealed, never shown back; a test message
// endpoint) and /api/alert-rules (what to watch). Each channel and rule belongs to an
// enterprise, or is system-wide for system staff; alert.manage at that scope manages it.
class AlertRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
