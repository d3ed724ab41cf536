// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/AccessRepository.h"

#include "base/Clock.h"
#include "rbac/RolePermissions.h"
#include "store/SqlUtil.h"

#include <QJsonDocument>

namespace {

QList<Permission> permissionsFromJson(const QString &json)
{
    QList<Permission> out;
    const QJsonArray names = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : names) {
        if (const auto p = Permissions::fromName(v.toString()))
            out.append(*p);
    }
    return out;
}

QString permissionsToJson(const QList<Permission> &permissions)
{
    QJsonArray names;
    for (Permission p : permissions)
        names.append(QString(Permissions::name(p)));
    return QString::fromUtf8(QJsonDocument(names).toJson(QJsonDocument::Compact));
}

RoleRow readRole(const QSqlQuery &q)
{
    RoleRow r;
    r.id = q.value(0).toString();
    r.enterpriseId = q.value(1).toLongLong();
    r.name = q.value(2).toString();
    r.builtin = q.value(4).toInt() != 0;
    if (r.builtin) {
        const std::vector<Permission> held = RolePermissions::of(r.id);
        r.permissions = QList<Permission>(held.begin(), held.end());
    } else {
        r.permissions = permissionsFromJson(q.value(3).toString());
    }
    return r;
}

RoleAssignmentRow readAssignment(const QSqlQuery &q)
{
    RoleAssignmentRow r;
    r.id = q.value(0).toLongLong();
    r.userId = q.value(1).toLongLong();
    r.roleId = q.value(2).toString();
    r.scope.level = AccessRepository::scopeLevel(q.value(3).toString())
                        .value_or(Scope::Level::Group); // an unknown scope covers (almost) nothing
    r.scope.id = q.value(4).toLongLong();
    r.createdAtMs = q.value(5).toLongLong();
    return r;
}

constexpr const char *RoleColumns = "id, enterprise_id, name, permissions, builtin";
constexpr const char *AssignmentColumns = "id, user_id, role_id, scope, scope_id, created_at_ms";

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace

QString AccessRepository::scopeName(Scope::Level level)
{
    switch (level) {
    case Scope::Level::Global:
        return QStringLiteral("global");
    case Scope::Level::Enterprise:
        return QStringLiteral("enterprise");
    case Scope::Level::Department:
        return QStringLiteral("department");
    case Scope::Level::Group:
        return QStringLiteral("group");
    }
    return {};
}

std::optional<Scope::Level> AccessRepository::scopeLevel(const QString &name)
{
    for (Scope::Level l : {Scope::Level::Global, Scope::Level::Enterprise, Scope::Level::Department,
                           Scope::Level::Group}) {
        if (name == scopeName(l))
            return l;
    }
    return std::nullopt;
}

AccessModel AccessRepository::load()
{
    AccessModel m;
    auto each = [this](const QString &sql, const QString &what, auto &&fn) {
        QSqlQuery q = SqlUtil::prepare(m_db, sql);
        SqlUtil::exec(q, what);
        while (q.next())
            fn(q);
    };
    each(QStringLiteral("SELECT id FROM enterprises"), QStringLiteral("load enterprises"),
         [&m](const QSqlQuery &q) { m.addEnterprise(q.value(0).toLongLong()); });
    each(QStringLiteral("SELECT id, enterprise_id, parent_id FROM departments"),
         QStringLiteral("load departments"), [&m](const QSqlQuery &q) {
             m.addDepartment(q.value(0).toLongLong(), q.value(1).toLongLong(),
                             q.value(2).toLongLong());
         });
    each(QStringLiteral("SELECT id, enterprise_id, department_id FROM users"),
         QStringLiteral("load user places"), [&](const QSqlQuery &q) {
             m.addUser(q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong());
         });
    // Groups belong to another part of the schema; until their table exists, a group scope
    // covers nothing.
    if (m_db.tables().contains(QStringLiteral("groups"))) {
        each(QStringLiteral("SELECT id, enterprise_id FROM `groups`"),
             QStringLiteral("load groups"), [&m](const QSqlQuery &q) {
                 m.addGroup(q.value(0).toLongLong(), q.value(1).toLongLong());
             });
    }
    const QList<std::pair<AccessModel::Object, QString>> owned = {
        {AccessModel::Object::Account, QStringLiteral("accounts")},
        {AccessModel::Object::Pool, QStringLiteral("pools")},
        {AccessModel::Object::Proxy, QStringLiteral("proxies")}};
    for (const auto &[kind, table] : owned) {
        each(QStringLiteral("SELECT id, enterprise_id FROM %1").arg(table),
             QStringLiteral("load %1 owners").arg(table), [&m, kind = kind](const QSqlQuery &q) {
                 m.addOwned(kind, q.value(0).toLongLong(), q.value(1).toLongLong());
             });
    }
    each(QStringLiteral("SELECT id, user_id FROM api_keys"), QStringLiteral("load key owners"),
         [&](const QSqlQuery &q) { m.addKey(q.value(0).toLongLong(), q.value(1).toLongLong()); });
    each(QStringLiteral("SELECT %1 FROM roles WHERE builtin = 0").arg(QLatin1String(RoleColumns)),
         QStringLiteral("load roles"), [&m](const QSqlQuery &q) {
             const RoleRow r = readRole(q);
             m.addCustomRole(r.id, r.enterpriseId, r.permissions);
         });
    each(QStringLiteral("SELECT %1 FROM role_assignments").arg(QLatin1String(AssignmentColumns)),
         QStringLiteral("load role assignments"), [&m](const QSqlQuery &q) {
             const RoleAssignmentRow r = readAssignment(q);
             m.addAssignment(r.userId, AccessModel::Assignment{r.id, r.roleId, r.scope});
         });
    return m;
}

QList<RoleRow> AccessRepository::listRoles(const TenantFilter &tenants)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db,
        QStringLiteral("SELECT %1 FROM roles WHERE builtin = 1 OR (1 = 1%2) ORDER BY "
                       "builtin DESC, name, id")
            .arg(QLatin1String(RoleColumns), tenants.andClause(QStringLiteral("enterprise_id"))));
    SqlUtil::exec(q, QStringLiteral("list roles"));
    QList<RoleRow> out;
    while (q.next())
        out.append(readRole(q));
    return out;
}

std::optional<RoleRow> AccessRepository::getRole(const QString &id)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1 FROM roles WHERE id = ?").arg(QLatin1String(RoleColumns)));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get role"));
    if (!q.next())
        return std::nullopt;
    return readRole(q);
}

void AccessRepository::insertRole(const RoleRow &row)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("INSERT INTO roles (id, enterprise_id, "
                                                        "name, permissions, builtin) VALUES "
                                                        "(?, ?, ?, ?, 0)"));
    q.addBindValue(row.id);
    q.addBindValue(idOrNull(row.enterpriseId));
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(permissionsToJson(row.permissions));
    SqlUtil::exec(q, QStringLiteral("create role"));
}

void AccessRepository::updateRole(const RoleRow &row)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("UPDATE roles SET name = ?, permissions "
                                                        "= ? WHERE id = ? AND builtin = 0"));
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(permissionsToJson(row.permissions));
    q.addBindValue(row.id);
    SqlUtil::exec(q, QStringLiteral("update role"));
}

void AccessRepository::deleteRole(const QString &id)
{
    QSqlQuery used = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT COUNT(*) FROM role_assignments WHERE role_id = ?"));
    used.addBindValue(id);
    SqlUtil::exec(used, QStringLiteral("count role assignments"));
    const qint64 n = used.next() ? used.value(0).toLongLong() : 0;
    if (n > 0)
        throw StoreError(
            StoreError::Kind::Conflict,
            QStringLiteral("The role is assigned %1 time(s); remove those "
                           "assignments first (DELETE /api/users/{id}/roles/{assignmentId}).")
                .arg(n));
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM roles WHERE id = ? AND builtin = 0"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("delete role"));
}

QList<RoleAssignmentRow> AccessRepository::listAssignments(qint64 userId)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM role_assignments WHERE "
                                                        "user_id = ? ORDER BY id")
                                             .arg(QLatin1String(AssignmentColumns)));
    q.addBindValue(userId);
    SqlUtil::exec(q, QStringLiteral("list role assignments"));
    QList<RoleAssignmentRow> out;
    while (q.next())
        out.append(readAssignment(q));
    return out;
}

std::optional<RoleAssignmentRow> AccessRepository::getAssignment(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM role_assignments WHERE "
                                                        "id = ?")
                                             .arg(QLatin1String(AssignmentColumns)));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get role assignment"));
    if (!q.next())
        return std::nullopt;
    return readAssignment(q);
}

qint64 AccessRepository::insertAssignment(const RoleAssignmentRow &row)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO role_assignments (user_id, role_id, scope, scope_id, "
                             "created_at_ms) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(row.userId);
    q.addBindValue(row.roleId);
    q.addBindValue(scopeName(row.scope.level));
    q.addBindValue(idOrNull(row.scope.id));
    q.addBindValue(row.createdAtMs ? row.createdAtMs : Clock::nowMs());
    SqlUtil::exec(q, QStringLiteral("assign role"));
    return q.lastInsertId().toLongLong();
}

void AccessRepository::deleteAssignment(qint64 id)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM role_assignments WHERE id = ?"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("remove role assignment"));
}
