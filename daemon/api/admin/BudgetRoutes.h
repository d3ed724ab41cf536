// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class AdminApi;
class AdminRouteTable;

// /api/budgets: spending budgets of a user, group, department or enterprise per day, week or
// month, answered with what was spent in the current period. Reading needs budget.manage or
// usage.read, writing budget.manage, both at the scope of the object the budget applies to.
class BudgetRoutes
{
public:
    static void registerRoutes(AdminRouteTable &routes, AdminApi *api);
};
