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
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
};
