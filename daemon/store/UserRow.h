// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

// One row of `users`. Timestamps are UTC epoch milliseconds.
struct UserRow
{
    qint64 id = 0;
    QString email;
    QString name;
    QString role;
    QString passwordHash;
    bool disabled = false;
    // Raised whenever the user's sessions must end (disabled, role or password changed): an
    // access token carries the generation it was issued under.
    qint64 tokenGeneration = 0;
    qint64 enterpriseId = 0; // 0 = none (system staff)
    qint64 departmentId = 0; // 0 = none
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
};
