// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/UserRepository.h"

#include "base/Clock.h"
#include "store/SqlUtil.h"

static const char *const UserColumns =
    "id, email, name, role, password_hash, disabled, created_at, updated_at, token_generation";

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
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(SqlUtil::text(row.email));
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(row.role.isEmpty() ? QStringLiteral("user") : row.role);
    q.addBindValue(SqlUtil::text(row.passwordHash));
    q.addBindValue(row.disabled ? 1 : 0);
    q.addBindValue(row.createdAtMs ? row.createdAtMs : now);
    q.addBindValue(row.updatedAtMs ? row.updatedAtMs : now);
    try {
        SqlUtil::exec(q, QStringLiteral("create user"));
    } catch (const StoreError &e) {
        if (e.kind() == StoreError::Kind::Conflict)
            throw StoreError(StoreError::Kind::Conflict,
                             QStringLiteral("a user with this email already exists"));
        throw;
    }
    return q.lastInsertId().toLongLong();
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
}
