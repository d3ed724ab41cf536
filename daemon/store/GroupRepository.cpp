// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/GroupRepository.h"

#include "base/Clock.h"
#include "store/SqlTransaction.h"
#include "store/SqlUtil.h"

namespace {

QVariant nullableId(qint64 id)
{
    return id > 0 ? QVariant::fromValue(id) : QVariant(QMetaType::fromType<qint64>());
}

GroupRow readGroup(const QSqlQuery &q)
{
    GroupRow r;
    r.id = q.value(0).toLongLong();
    r.enterpriseId = q.value(1).toLongLong();
    r.name = q.value(2).toString();
    r.maxMembers = q.value(3).toInt();
    r.poolId = q.value(4).toLongLong();
    r.createdAtMs = q.value(5).toLongLong();
    r.memberCount = q.value(6).toInt();
    return r;
}

const char *const GroupSelect =
    "SELECT g.id, g.enterprise_id, g.name, g.max_members, g.pool_id, g.created_at_ms, "
    "(SELECT COUNT(*) FROM group_members m WHERE m.group_id = g.id) FROM `groups` g";

} // namespace

const QStringList &GroupRepository::roles()
{
    static const QStringList list = {QStringLiteral("owner"), QStringLiteral("admin"),
                                     QStringLiteral("member")};
    return list;
}

QList<GroupRow> GroupRepository::list()
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QLatin1String(GroupSelect) + QStringLiteral(" ORDER BY g.id"));
    SqlUtil::exec(q, QStringLiteral("list groups"));
    QList<GroupRow> out;
    while (q.next())
        out.append(readGroup(q));
    return out;
}

std::optional<GroupRow> GroupRepository::get(qint64 id)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QLatin1String(GroupSelect) + QStringLiteral(" WHERE g.id = ?"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("read group"));
    if (!q.next())
        return std::nullopt;
    return readGroup(q);
}

qint64 GroupRepository::insert(const GroupRow &row)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("INSERT INTO `groups` (enterprise_id, "
                                                        "name, max_members, pool_id, "
                                                        "created_at_ms) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(nullableId(row.enterpriseId));
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(nullableId(row.maxMembers));
    q.addBindValue(nullableId(row.poolId));
    q.addBindValue(row.createdAtMs > 0 ? row.createdAtMs : Clock::nowMs());
    SqlUtil::exec(q, QStringLiteral("create group"));
    return q.lastInsertId().toLongLong();
}

void GroupRepository::update(const GroupRow &row)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("UPDATE `groups` SET enterprise_id = ?, "
                                                        "name = ?, max_members = ?, pool_id = ? "
                                                        "WHERE id = ?"));
    q.addBindValue(nullableId(row.enterpriseId));
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(nullableId(row.maxMembers));
    q.addBindValue(nullableId(row.poolId));
    q.addBindValue(row.id);
    SqlUtil::exec(q, QStringLiteral("update group"));
    if (q.numRowsAffected() == 0 && !SqlUtil::rowExists(m_db, QStringLiteral("`groups`"), row.id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No group with id %1.").arg(row.id));
}

void GroupRepository::remove(qint64 id)
{
    SqlTransaction tx(m_db);
    for (const char *sql : {"DELETE FROM group_members WHERE group_id = ?",
                            "DELETE FROM invitations WHERE group_id = ?",
                            "DELETE FROM invite_links WHERE group_id = ?"}) {
        QSqlQuery q = SqlUtil::prepare(m_db, QLatin1String(sql));
        q.addBindValue(id);
        SqlUtil::exec(q, QStringLiteral("delete group"));
    }
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM `groups` WHERE id = ?"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("delete group"));
    if (q.numRowsAffected() == 0)
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No group with id %1.").arg(id));
    tx.commit();
}

QList<GroupMemberRow> GroupRepository::members(qint64 groupId)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT m.group_id, m.user_id, m.role, m.created_at_ms, u.email, "
                             "u.name FROM group_members m LEFT JOIN users u ON u.id = m.user_id "
                             "WHERE m.group_id = ? ORDER BY m.user_id"));
    q.addBindValue(groupId);
    SqlUtil::exec(q, QStringLiteral("list group members"));
    QList<GroupMemberRow> out;
    while (q.next()) {
        GroupMemberRow r;
        r.groupId = q.value(0).toLongLong();
        r.userId = q.value(1).toLongLong();
        r.role = q.value(2).toString();
        r.createdAtMs = q.value(3).toLongLong();
        r.email = q.value(4).toString();
        r.name = q.value(5).toString();
        out.append(r);
    }
    return out;
}

int GroupRepository::memberCount(qint64 groupId)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT COUNT(*) FROM group_members WHERE "
                                                        "group_id = ?"));
    q.addBindValue(groupId);
    SqlUtil::exec(q, QStringLiteral("count group members"));
    return q.next() ? q.value(0).toInt() : 0;
}

QString GroupRepository::memberRole(qint64 groupId, qint64 userId)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT role FROM group_members WHERE "
                                                        "group_id = ? AND user_id = ?"));
    q.addBindValue(groupId);
    q.addBindValue(userId);
    SqlUtil::exec(q, QStringLiteral("read group member"));
    return q.next() ? q.value(0).toString() : QString();
}

QList<qint64> GroupRepository::groupsOf(qint64 userId)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT group_id FROM group_members "
                                                        "WHERE user_id = ? ORDER BY group_id"));
    q.addBindValue(userId);
    SqlUtil::exec(q, QStringLiteral("list a user's groups"));
    QList<qint64> out;
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

void GroupRepository::addMember(qint64 groupId, qint64 userId, const QString &role)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("INSERT INTO group_members (group_id, "
                                                        "user_id, role, created_at_ms) VALUES "
                                                        "(?, ?, ?, ?)"));
    q.addBindValue(groupId);
    q.addBindValue(userId);
    q.addBindValue(role);
    q.addBindValue(Clock::nowMs());
    try {
        SqlUtil::exec(q, QStringLiteral("add group member"));
    } catch (const StoreError &e) {
        if (e.kind() == StoreError::Kind::Conflict)
            throw StoreError(
                StoreError::Kind::Conflict,
                QStringLiteral("User %1 is already a member of this group.").arg(userId));
        throw;
    }
}

void GroupRepository::setMemberRole(qint64 groupId, qint64 userId, const QString &role)
{
    if (memberRole(groupId, userId).isEmpty())
        throw StoreError(
            StoreError::Kind::NotFound,
            QStringLiteral("User %1 is not a member of group %2.").arg(userId).arg(groupId));
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("UPDATE group_members SET role = ? "
                                                        "WHERE group_id = ? AND user_id = ?"));
    q.addBindValue(role);
    q.addBindValue(groupId);
    q.addBindValue(userId);
    SqlUtil::exec(q, QStringLiteral("change group member"));
}

void GroupRepository::removeMember(qint64 groupId, qint64 userId)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM group_members WHERE "
                                                        "group_id = ? AND user_id = ?"));
    q.addBindValue(groupId);
    q.addBindValue(userId);
    SqlUtil::exec(q, QStringLiteral("remove group member"));
    if (q.numRowsAffected() == 0)
        throw StoreError(
            StoreError::Kind::NotFound,
            QStringLiteral("User %1 is not a member of group %2.").arg(userId).arg(groupId));
}

QHash<qint64, qint64> GroupRepository::memberPools()
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT m.user_id, MAX(g.pool_id), COUNT(*) FROM group_members m "
                             "JOIN `groups` g ON g.id = m.group_id GROUP BY m.user_id"));
    SqlUtil::exec(q, QStringLiteral("read group pools"));
    QHash<qint64, qint64> out;
    while (q.next()) {
        const qint64 poolId = q.value(1).toLongLong();
        if (q.value(2).toInt() == 1 && poolId > 0)
            out.insert(q.value(0).toLongLong(), poolId);
    }
    return out;
}

QString GroupRepository::language(qint64 groupId)
{
    const QString fallback = QStringLiteral("en");
    if (!m_db.tables().contains(QStringLiteral("enterprises")))
        return fallback;
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT e.language FROM `groups` g JOIN "
                                                        "enterprises e ON e.id = g.enterprise_id "
                                                        "WHERE g.id = ?"));
    q.addBindValue(groupId);
    SqlUtil::exec(q, QStringLiteral("read the group's language"));
    if (!q.next())
        return fallback;
    const QString language = q.value(0).toString();
    return language == QLatin1String("zh_CN") ? language : fallback;
}

std::optional<bool> GroupRepository::enterpriseExists(qint64 enterpriseId)
{
    if (!m_db.tables().contains(QStringLiteral("enterprises")))
        return std::nullopt;
    return SqlUtil::rowExists(m_db, QStringLiteral("enterprises"), enterpriseId);
}
