// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminIdentity.h"
#include "rbac/Permission.h"
#include "rbac/Scope.h"
#include "store/TenantFilter.h"

// The one permission check of the admin API: whether the caller holds `permission` at `scope`
// through one of their role assignments (a global assignment covers every scope, an enterprise
// one its departments and groups, a department one its sub-departments). Answered from the
// in-memory access model, without SQL.
bool can(const AdminIdentity &who, Permission permission, const Scope &scope = Scope::global());
// Whether the caller holds `permission` at some scope (routes whose answer is then filtered by
// tenant).
bool canAnywhere(const AdminIdentity &who, Permission permission);
// The enterprises whose rows the caller may see, for the SQL of listings and lookups.
TenantFilter visibleTenants(const AdminIdentity &who);
