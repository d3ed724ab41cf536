// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/UserRepository.h"

#include "base/Clock.h"
#include "rbac/RolePermissions.h"
#include "store/SqlUtil.h"

static QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

// The global assignment that stands for a legacy users.role value.
static void setLegacyAssignment(const QSqlDatabase &db, qint64 userId, const QString &role)
{
    QSqlQuery del = SqlUtil::prepare(
        db, QStringLiteral("DELETE FROM role_assignments WHERE user_id = ? AND scope = 'global' "
                           "AND role_id IN ('system_admin', 'member')"));
    del.addBindValue(userId);
    SqlUtil::exec(del, QStringLiteral("replace the user's global role"));
    const QString builtin = RolePermissions::builtinForLegacy(role);
    if (builtin.isEmpty())
        return;
    QSqlQuery q = SqlUtil::prepare(
        db, QStringLiteral("INSERT INTO role_assignments (user_id, role_id, scope, scope_id, "
                           "created_at_ms) VALUES (?, ?, 'global', NULL, ?)"));
    q.addBindValue(userId);
    q.addBindValue(builtin);
    q.addBindValue(Clock::nowMs());
    SqlUtil::exec(q, QStringLiteral("assign the user's global role"));
}

static const char *const UserColumns =
    "id, email, name, role, password_hash, disabled, created_at, updated_at, token_generation, "
    "enterprise_id, department_id";

static UserRow readUser(const QSqlQuery &q)
{
    UserRow r;
    r.id = q.value(0).toLongLong();
    r.email = q.value(1).toString();
    r.name = q.value(2).toString();
    r.role = q.value(3).toString();
    r.passwordHash = q.value(4).toString();
    r.disabled = q.value(5).toInt() != 0;
    r.createdAtMs = q.value(6).toLongLong();
    r.updatedAtMs = q.value(7).toLongLong();
    r.tokenGeneration = q.value(8).toLongLong();
    r.enterpriseId = q.value(9).toLongLong();
    r.departmentId = q.value(10).toLongLong();
    return r;
}

qint64 UserRepository::count()
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT COUNT(*) FROM users"));
    SqlUtil::exec(q, QStringLiteral("count users"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

std::optional<UserRow> UserRepository::findByEmail(const QString &email)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db,
        QStringLiteral("SELECT %1 FROM users WHERE email = ?").arg(QLatin1String(UserColumns)));
    q.addBindValue(email);
    SqlUtil::exec(q, QStringLiteral("find user"));
    if (!q.next())
        return std::nullopt;
    return readUser(q);
}

std::optional<UserRow> UserRepository::get(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1 FROM users WHERE id = ?").arg(QLatin1String(UserColumns)));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get user"));
    if (!q.next())
        return std::nullopt;
    return readUser(q);
}

qint64 UserRepository::insert(const UserRow &row)
{
    if (row.email.trimmed().isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("a user needs an email"));
    const qint64 now = Clock::nowMs();
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO users (email, name, role, password_hash, disabled, "
                             "created_at, updated_at, enterprise_id, department_id) VALUES "
                             "(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(SqlUtil::text(row.email));
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(row.role.isEmpty() ? QStringLiteral("user") : row.role);
    q.addBindValue(SqlUtil::text(row.passwordHash));
    q.addBindValue(row.disabled ? 1 : 0);
    q.addBindValue(row.createdAtMs ? row.createdAtMs : now);
    q.addBindValue(row.updatedAtMs ? row.updatedAtMs : now);
    q.addBindValue(idOrNull(row.enterpriseId));
    q.addBindValue(idOrNull(row.departmentId));
    try {
        SqlUtil::exec(q, QStringLiteral("create user"));
    } catch (const StoreError &e) {
        if (e.kind() == StoreError::Kind::Conflict)
            throw StoreError(StoreError::Kind::Conflict,
                             QStringLiteral("a user with this email already exists"));
        throw;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    setLegacyAssignment(m_db, id, row.role);
    return id;
}

QList<UserRow> UserRepository::list(const TenantFilter &tenants)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM users WHERE 1 = 1%2 "
                                              "ORDER BY id")
                                   .arg(QLatin1String(UserColumns),
                                        tenants.andClause(QStringLiteral("enterprise_id"))));
    SqlUtil::exec(q, QStringLiteral("list users"));
    QList<UserRow> out;
    while (q.next())
        out.append(readUser(q));
    return out;
}

std::optional<UserRow> UserRepository::get(qint64 id, const TenantFilter &tenants)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM users WHERE id = ?%2")
                                   .arg(QLatin1String(UserColumns),
                                        tenants.andClause(QStringLiteral("enterprise_id"))));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get user"));
    if (!q.next())
        return std::nullopt;
    return readUser(q);
}

QList<UserRow> UserRepository::list()
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1 FROM users ORDER BY id").arg(QLatin1String(UserColumns)));
    SqlUtil::exec(q, QStringLiteral("list users"));
    QList<UserRow> out;
    while (q.next())
        out.append(readUser(q));
    return out;
}

void UserRepository::update(qint64 id, const UserChange &change)
{
    QStringList sets;
    QVariantList values;
    if (change.name) {
        sets << QStringLiteral("name = ?");
        values << SqlUtil::text(*change.name);
    }
    if (change.role) {
        sets << QStringLiteral("role = ?");
        values << *change.role;
    }
    if (change.disabled) {
        sets << QStringLiteral("disabled = ?");
        values << (*change.disabled ? 1 : 0);
    }
    if (change.enterpriseId) {
        sets << QStringLiteral("enterprise_id = ?");
        values << idOrNull(*change.enterpriseId);
    }
    if (change.departmentId) {
        sets << QStringLiteral("department_id = ?");
        values << idOrNull(*change.departmentId);
    }
    if (change.passwordHash) {
        sets << QStringLiteral("password_hash = ?");
        values << SqlUtil::text(*change.passwordHash);
    }
    if (change.endSessions)
        sets << QStringLiteral("token_generation = token_generation + 1");
    sets << QStringLiteral("updated_at = ?");
    values << Clock::nowMs();
    QSqlQuery q = SqlUtil::prepare(
        m_db,
        QStringLiteral("UPDATE users SET %1 WHERE id = ?").arg(sets.join(QStringLiteral(", "))));
    for (const QVariant &v : values)
        q.addBindValue(v);
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("update user"));
    if (q.numRowsAffected() == 0 && !get(id))
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("No user with id %1.").arg(id));
    if (change.role)
        setLegacyAssignment(m_db, id, *change.role);
}
