// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// Who is calling the admin API, from a verified access token.
struct AdminIdentity
{
    qint64 userId = 0;
    QString email;
    QString role; // "admin" | "member"

    bool isAdmin() const { return role == QLatin1String("admin"); }
};
