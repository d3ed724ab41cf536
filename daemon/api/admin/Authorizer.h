// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/admin/AdminIdentity.h"
#include "rbac/Permission.h"
#include "rbac/Scope.h"

// The one permission check of the admin API. Today a role grants its permissions globally, so
// a global grant covers every scope; role-based access control will add grants per
// enterprise, department and group behind this same call.
bool can(const AdminIdentity &who, Permission permission, const Scope &scope = Scope::global());
