// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ProxyRepository.h"

#include "base/Clock.h"
#include "store/SqlTransaction.h"
#include "store/SqlUtil.h"

static const char *const ProxyColumns = "id, name, url_enc, created_at, updated_at, enterprise_id";

static ProxyRow readProxy(const QSqlQuery &q)
{
    ProxyRow r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.urlSealed = q.value(2).toByteArray();
    r.createdAtMs = q.value(3).toLongLong();
    r.updatedAtMs = q.value(4).toLongLong();
    r.enterpriseId = q.value(5).toLongLong();
    return r;
}

static void execProxy(QSqlQuery &q, const QString &what)
{
    try {
        SqlUtil::exec(q, what);
    } catch (const StoreError &e) {
        if (e.kind() == StoreError::Kind::Conflict)
            throw StoreError(StoreError::Kind::Conflict,
                             QStringLiteral("A proxy with this name already exists."));
        throw;
    }
}

static void validate(const ProxyRow &row, bool create)
{
    if (row.name.trimmed().isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("A proxy needs a name."));
    if (create && row.urlSealed.isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("A proxy needs a URL."));
}

QList<ProxyRow> ProxyRepository::list()
{
    return list(TenantFilter::all());
}

QList<ProxyRow> ProxyRepository::list(const TenantFilter &tenants)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM proxies WHERE 1 = 1%2 ORDER BY id")
                                   .arg(QLatin1String(ProxyColumns),
                                        tenants.andClause(QStringLiteral("enterprise_id"))));
    SqlUtil::exec(q, QStringLiteral("list proxies"));
    QList<ProxyRow> out;
    while (q.next())
        out.append(readProxy(q));
    return out;
}

std::optional<ProxyRow> ProxyRepository::get(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db,
        QStringLiteral("SELECT %1 FROM proxies WHERE id = ?").arg(QLatin1String(ProxyColumns)));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get proxy"));
    if (!q.next())
        return std::nullopt;
    return readProxy(q);
}

qint64 ProxyRepository::insert(const ProxyRow &row)
{
    validate(row, true);
    const qint64 now = Clock::nowMs();
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("INSERT INTO proxies (name, url_enc, "
                                                        "created_at, updated_at, enterprise_id) "
                                                        "VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(SqlUtil::text(row.name.trimmed()));
    q.addBindValue(row.urlSealed);
    q.addBindValue(row.createdAtMs ? row.createdAtMs : now);
    q.addBindValue(row.updatedAtMs ? row.updatedAtMs : now);
    q.addBindValue(SqlUtil::nullableMs(row.enterpriseId));
    execProxy(q, QStringLiteral("create proxy"));
    return q.lastInsertId().toLongLong();
}

void ProxyRepository::update(const ProxyRow &row)
{
    validate(row, false);
    const bool keepUrl = row.urlSealed.isEmpty();
    QString sql = QStringLiteral("UPDATE proxies SET name = ?, ");
    if (!keepUrl)
        sql += QStringLiteral("url_enc = ?, ");
    sql += QStringLiteral("updated_at = ? WHERE id = ?");
    QSqlQuery q = SqlUtil::prepare(m_db, sql);
    q.addBindValue(SqlUtil::text(row.name.trimmed()));
    if (!keepUrl)
        q.addBindValue(row.urlSealed);
    q.addBindValue(row.updatedAtMs ? row.updatedAtMs : Clock::nowMs());
    q.addBindValue(row.id);
    execProxy(q, QStringLiteral("update proxy"));
    if (q.numRowsAffected() < 1 && !SqlUtil::rowExists(m_db, QStringLiteral("proxies"), row.id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No proxy with id %1.").arg(row.id));
}

void ProxyRepository::remove(qint64 id)
{
    SqlTransaction tx(m_db);
    if (!SqlUtil::rowExists(m_db, QStringLiteral("proxies"), id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No proxy with id %1.").arg(id));
    {
        QSqlQuery q = SqlUtil::prepare(
            m_db, QStringLiteral("SELECT id, name FROM accounts WHERE proxy_id = ? ORDER BY id"));
        q.addBindValue(id);
        SqlUtil::exec(q, QStringLiteral("look up accounts of proxy"));
        QStringList accounts;
        while (q.next())
            accounts << QStringLiteral("\"%1\" (id %2)")
                            .arg(q.value(1).toString())
                            .arg(q.value(0).toLongLong());
        if (!accounts.isEmpty())
            throw StoreError(StoreError::Kind::Conflict,
                             QStringLiteral("The proxy is used by the accounts %1; give them "
                                            "another proxy (\"proxyId\") or none first.")
                                 .arg(accounts.join(QStringLiteral(", "))));
    }
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM proxies WHERE id = ?"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("delete proxy"));
    q.finish();
    tx.commit();
}
