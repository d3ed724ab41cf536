// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

// Creates the first administrator of an empty database, so that a fresh install can be signed
// in to. The e-mail comes from AICARPOOL_ADMIN_EMAIL (default admin@localhost) and the password
// from AICARPOOL_ADMIN_PASSWORD; without one, a random password is written to
// `<dataDir>/initial-admin-password`, readable by the owner only.
class AdminBootstrap
{
public:
    // Does nothing when a user exists. False and a one-line error when it cannot be done.
    static bool run(QSqlDatabase &db, const QString &dataDir, QString *error);
};
