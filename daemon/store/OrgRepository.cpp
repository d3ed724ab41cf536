// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/OrgRepository.h"

#include "base/Clock.h"
#include "store/SqlUtil.h"

#include <QStringList>

namespace {

constexpr const char *EnterpriseColumns = "id, name, language, created_at_ms, updated_at_ms";
constexpr const char *DepartmentColumns = "id, enterprise_id, parent_id, name, created_at_ms";

EnterpriseRow readEnterprise(const QSqlQuery &q)
{
    EnterpriseRow r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.language = q.value(2).toString();
    r.createdAtMs = q.value(3).toLongLong();
    r.updatedAtMs = q.value(4).toLongLong();
    return r;
}

DepartmentRow readDepartment(const QSqlQuery &q)
{
    DepartmentRow r;
    r.id = q.value(0).toLongLong();
    r.enterpriseId = q.value(1).toLongLong();
    r.parentId = q.value(2).toLongLong();
    r.name = q.value(3).toString();
    r.createdAtMs = q.value(4).toLongLong();
    return r;
}

QVariant idOrNull(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

// Up to `limit` names from `sql` (one bound id), for messages that name what is in the way.
QStringList names(const QSqlDatabase &db, const QString &sql, qint64 id, const QString &what)
{
    QSqlQuery q = SqlUtil::prepare(db, sql);
    q.addBindValue(id);
    SqlUtil::exec(q, what);
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

QString listed(const QStringList &items)
{
    constexpr int Shown = 10;
    QString s = items.mid(0, Shown).join(QStringLiteral(", "));
    if (items.size() > Shown)
        s += QStringLiteral(" and %1 more").arg(items.size() - Shown);
    return s;
}

} // namespace

QList<EnterpriseRow> OrgRepository::listEnterprises(const TenantFilter &tenants)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1 FROM enterprises WHERE 1 = 1%2 "
                             "ORDER BY id")
                  .arg(QLatin1String(EnterpriseColumns), tenants.andClause(QStringLiteral("id"))));
    SqlUtil::exec(q, QStringLiteral("list enterprises"));
    QList<EnterpriseRow> out;
    while (q.next())
        out.append(readEnterprise(q));
    return out;
}

std::optional<EnterpriseRow> OrgRepository::getEnterprise(qint64 id, const TenantFilter &tenants)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1 FROM enterprises WHERE id = ?%2")
                  .arg(QLatin1String(EnterpriseColumns), tenants.andClause(QStringLiteral("id"))));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get enterprise"));
    if (!q.next())
        return std::nullopt;
    return readEnterprise(q);
}

qint64 OrgRepository::insertEnterprise(const EnterpriseRow &row)
{
    const qint64 now = Clock::nowMs();
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("INSERT INTO enterprises (name, language, "
                                                        "created_at_ms, updated_at_ms) VALUES "
                                                        "(?, ?, ?, ?)"));
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(row.language);
    q.addBindValue(now);
    q.addBindValue(now);
    try {
        SqlUtil::exec(q, QStringLiteral("create enterprise"));
    } catch (const StoreError &e) {
        if (e.kind() == StoreError::Kind::Conflict)
            throw StoreError(
                StoreError::Kind::Conflict,
                QStringLiteral("An enterprise named \"%1\" already exists.").arg(row.name));
        throw;
    }
    return q.lastInsertId().toLongLong();
}

void OrgRepository::updateEnterprise(const EnterpriseRow &row)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("UPDATE enterprises SET name = ?, "
                                                        "language = ?, updated_at_ms = ? WHERE "
                                                        "id = ?"));
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(row.language);
    q.addBindValue(Clock::nowMs());
    q.addBindValue(row.id);
    try {
        SqlUtil::exec(q, QStringLiteral("update enterprise"));
    } catch (const StoreError &e) {
        if (e.kind() == StoreError::Kind::Conflict)
            throw StoreError(
                StoreError::Kind::Conflict,
                QStringLiteral("An enterprise named \"%1\" already exists.").arg(row.name));
        throw;
    }
}

void OrgRepository::deleteEnterprise(qint64 id)
{
    const QList<std::pair<QString, QString>> owners = {
        {QStringLiteral("departments"), QStringLiteral("name")},
        {QStringLiteral("users"), QStringLiteral("email")},
        {QStringLiteral("accounts"), QStringLiteral("name")},
        {QStringLiteral("pools"), QStringLiteral("name")},
        {QStringLiteral("proxies"), QStringLiteral("name")},
        {QStringLiteral("roles"), QStringLiteral("name")}};
    QStringList inTheWay;
    for (const auto &[table, column] : owners) {
        const QStringList found =
            names(m_db,
                  QStringLiteral("SELECT %1 FROM %2 WHERE enterprise_id = ? ORDER BY id LIMIT 11")
                      .arg(column, table),
                  id, QStringLiteral("find the enterprise's %1").arg(table));
        if (!found.isEmpty())
            inTheWay << QStringLiteral("%1: %2").arg(table, listed(found));
    }
    if (!inTheWay.isEmpty())
        throw StoreError(StoreError::Kind::Conflict,
                         QStringLiteral("The enterprise still has %1. Move or delete them first.")
                             .arg(inTheWay.join(QStringLiteral("; "))));
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM enterprises WHERE id = ?"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("delete enterprise"));
}

QList<DepartmentRow> OrgRepository::listDepartments(qint64 enterpriseId)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM departments WHERE "
                                                        "enterprise_id = ? ORDER BY id")
                                             .arg(QLatin1String(DepartmentColumns)));
    q.addBindValue(enterpriseId);
    SqlUtil::exec(q, QStringLiteral("list departments"));
    QList<DepartmentRow> out;
    while (q.next())
        out.append(readDepartment(q));
    return out;
}

std::optional<DepartmentRow> OrgRepository::getDepartment(qint64 id, const TenantFilter &tenants)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM departments WHERE id = ?%2")
                                   .arg(QLatin1String(DepartmentColumns),
                                        tenants.andClause(QStringLiteral("enterprise_id"))));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get department"));
    if (!q.next())
        return std::nullopt;
    return readDepartment(q);
}

qint64 OrgRepository::insertDepartment(const DepartmentRow &row)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("INSERT INTO departments (enterprise_id, "
                                                        "parent_id, name, created_at_ms) VALUES "
                                                        "(?, ?, ?, ?)"));
    q.addBindValue(row.enterpriseId);
    q.addBindValue(idOrNull(row.parentId));
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(Clock::nowMs());
    SqlUtil::exec(q, QStringLiteral("create department"));
    return q.lastInsertId().toLongLong();
}

void OrgRepository::updateDepartment(const DepartmentRow &row)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("UPDATE departments SET name = ?, "
                                                        "parent_id = ? WHERE id = ?"));
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(idOrNull(row.parentId));
    q.addBindValue(row.id);
    SqlUtil::exec(q, QStringLiteral("update department"));
}

void OrgRepository::deleteDepartment(qint64 id)
{
    const QStringList children = names(
        m_db,
        QStringLiteral("SELECT name FROM departments WHERE parent_id = ? ORDER BY id LIMIT 11"), id,
        QStringLiteral("find sub-departments"));
    const QStringList members = names(
        m_db,
        QStringLiteral("SELECT email FROM users WHERE department_id = ? ORDER BY id LIMIT 11"), id,
        QStringLiteral("find department members"));
    QStringList inTheWay;
    if (!children.isEmpty())
        inTheWay << QStringLiteral("sub-departments: %1").arg(listed(children));
    if (!members.isEmpty())
        inTheWay << QStringLiteral("members: %1").arg(listed(members));
    if (!inTheWay.isEmpty())
        throw StoreError(StoreError::Kind::Conflict,
                         QStringLiteral("The department still has %1. Move or delete them first.")
                             .arg(inTheWay.join(QStringLiteral("; "))));
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM departments WHERE id = ?"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("delete department"));
}
