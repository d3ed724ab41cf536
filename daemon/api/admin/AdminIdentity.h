// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/AccessModel.h"

#include <QString>

#include <memory>

// Who is calling the admin API, from a verified access token.
struct AdminIdentity
{
    qint64 userId = 0;
    QString email;
    QString role; // the legacy account role: "admin" | "member"
    // The role assignments and tenants current when the request was admitted; null outside the
    // daemon (then the legacy role alone decides, held globally).
    std::shared_ptr<const AccessModel> access;

    bool isAdmin() const { return role == QLatin1String("admin"); }
};
