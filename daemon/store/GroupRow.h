// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

// One row of `groups`: a carpool group, inside an enterprise or standing alone. 0 stands for
// NULL in the optional columns. Timestamps are UTC epoch milliseconds.
struct GroupRow
{
    qint64 id = 0;
    qint64 enterpriseId = 0; // 0 = no enterprise
    QString name;
    int maxMembers = 0; // 0 = no limit
    qint64 poolId = 0;  // 0 = no pool: members' keys use their own pool or the default
    qint64 createdAtMs = 0;
    int memberCount = 0; // read only: the members the group has now
};

// One row of `group_members`, with the user's email and name for listings.
struct GroupMemberRow
{
    qint64 groupId = 0;
    qint64 userId = 0;
    QString role; // "owner" | "admin" | "member"
    qint64 createdAtMs = 0;
    QString email;
    QString name;
};
