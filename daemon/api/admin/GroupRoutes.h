// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/groups: carpool groups and their members. Creating, changing and deleting groups needs
// group.manage; a group's owners and admins manage its members (owners alone make owners).
class GroupRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
