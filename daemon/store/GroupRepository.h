// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/GroupRow.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

// `groups` and `group_members`. Every method throws StoreError on failure. Use it on the
// connection's thread.
class GroupRepository
{
public:
    explicit GroupRepository(const QSqlDatabase &db) : m_db(db) {}

    static const QStringList &roles(); // owner, admin, member

    QList<GroupRow> list(); // by id, with member counts
    std::optional<GroupRow> get(qint64 id);
    qint64 insert(const GroupRow &row); // the new id
    // NotFound when there is no such group.
    void update(const GroupRow &row);
    // Removes the group with its members, invitations and invite links.
    void remove(qint64 id);

    QList<GroupMemberRow> members(qint64 groupId); // by user id
    int memberCount(qint64 groupId);
    // The member's role, or empty when the user is not a member.
    QString memberRole(qint64 groupId, qint64 userId);
    QList<qint64> groupsOf(qint64 userId);
    // Conflict when the user is already a member.
    void addMember(qint64 groupId, qint64 userId, const QString &role);
    // NotFound when the user is not a member.
    void setMemberRole(qint64 groupId, qint64 userId, const QString &role);
    void removeMember(qint64 groupId, qint64 userId);

    // The pool each user's keys use through their group: users who belong to exactly one group
    // that names a pool. (A key's own pool comes first.)
    QHash<qint64, qint64> memberPools();

    // The language of the group's enterprise ("en" or "zh_CN"); "en" when the group has no
    // enterprise or this database has no enterprises table.
    QString language(qint64 groupId);
    // Whether `enterprises` exists and has this id; nullopt when there is no such table.
    std::optional<bool> enterpriseExists(qint64 enterpriseId);

private:
    QSqlDatabase m_db;
};
