// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/AccountRepository.h"

#include "base/Clock.h"
#include "store/SqlUtil.h"

static const char *const AccountColumns =
    "id, name, provider, base_url, secret_enc, models, enabled, priority, weight, created_at, "
    "updated_at, max_concurrency, model_map, proxy_enc, proxy_id, oauth_enc, needs_attention, "
    "enterprise_id";

static AccountRow readAccount(const QSqlQuery &q)
{
    AccountRow r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.provider = q.value(2).toString();
    r.baseUrl = q.value(3).toString();
    r.secretSealed = q.value(4).toByteArray();
    r.models = SqlUtil::modelsFromJson(q.value(5).toString());
    r.enabled = q.value(6).toInt() != 0;
    r.priority = q.value(7).toInt();
    r.weight = q.value(8).toInt();
    r.createdAtMs = q.value(9).toLongLong();
    r.updatedAtMs = q.value(10).toLongLong();
    r.maxConcurrency = q.value(11).toInt();
    r.modelMap = SqlUtil::modelMapFromJson(q.value(12).toString());
    r.proxySealed = q.value(13).toByteArray();
    r.proxyId = SqlUtil::msOrZero(q.value(14));
    r.oauthSealed = q.value(15).toByteArray();
    r.needsAttention = q.value(16).toInt() != 0;
    r.enterpriseId = q.value(17).toLongLong();
    return r;
}

static void validate(const AccountRow &row)
{
    if (row.name.trimmed().isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("an account needs a name"));
    if (row.provider.trimmed().isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("an account needs a provider"));
    if (row.maxConcurrency < 0)
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("maxConcurrency cannot be negative"));
}

static void execAccount(QSqlQuery &q, const QString &what, qint64 proxyId)
{
    try {
        SqlUtil::exec(q, what);
    } catch (const StoreError &e) {
        if (e.kind() == StoreError::Kind::Conflict)
            throw StoreError(StoreError::Kind::Conflict,
                             QStringLiteral("an account with this name already exists"));
        if (e.kind() == StoreError::Kind::Invalid && proxyId > 0)
            throw StoreError(StoreError::Kind::Invalid,
                             QStringLiteral("No proxy with id %1.").arg(proxyId));
        throw;
    }
}

QList<AccountRow> AccountRepository::list()
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM accounts ORDER BY "
                                                        "priority DESC, id")
                                             .arg(QLatin1String(AccountColumns)));
    SqlUtil::exec(q, QStringLiteral("list accounts"));
    QList<AccountRow> out;
    while (q.next())
        out.append(readAccount(q));
    return out;
}

std::optional<AccountRow> AccountRepository::get(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db,
        QStringLiteral("SELECT %1 FROM accounts WHERE id = ?").arg(QLatin1String(AccountColumns)));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get account"));
    if (!q.next())
        return std::nullopt;
    return readAccount(q);
}

qint64 AccountRepository::insert(const AccountRow &row)
{
    validate(row);
    const qint64 now = Clock::nowMs();
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO accounts (name, provider, base_url, secret_enc, models, "
                             "enabled, priority, weight, created_at, updated_at, "
                             "max_concurrency, model_map, proxy_enc, proxy_id, oauth_enc, "
                             "needs_attention, enterprise_id) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(SqlUtil::text(row.provider));
    q.addBindValue(SqlUtil::text(row.baseUrl));
    q.addBindValue(row.secretSealed.isNull() ? QByteArray("") : row.secretSealed);
    q.addBindValue(SqlUtil::modelsToJson(row.models));
    q.addBindValue(row.enabled ? 1 : 0);
    q.addBindValue(row.priority);
    q.addBindValue(row.weight);
    q.addBindValue(row.createdAtMs ? row.createdAtMs : now);
    q.addBindValue(row.updatedAtMs ? row.updatedAtMs : now);
    q.addBindValue(row.maxConcurrency);
    q.addBindValue(SqlUtil::modelMapToJson(row.modelMap));
    q.addBindValue(SqlUtil::nullableBlob(row.proxySealed));
    q.addBindValue(SqlUtil::nullableMs(row.proxyId));
    q.addBindValue(SqlUtil::nullableBlob(row.oauthSealed));
    q.addBindValue(row.needsAttention ? 1 : 0);
    q.addBindValue(SqlUtil::nullableMs(row.enterpriseId));
    execAccount(q, QStringLiteral("create account"), row.proxyId);
    return q.lastInsertId().toLongLong();
}

void AccountRepository::update(const AccountRow &row)
{
    validate(row);
    const bool keepSecret = row.secretSealed.isEmpty();
    QString sql = QStringLiteral("UPDATE accounts SET name = ?, provider = ?, base_url = ?, ");
    if (!keepSecret)
        sql += QStringLiteral("secret_enc = ?, ");
    sql += QStringLiteral("models = ?, enabled = ?, priority = ?, weight = ?, updated_at = ?, "
                          "max_concurrency = ?, model_map = ?, proxy_enc = ?, proxy_id = ?, "
                          "oauth_enc = ?, needs_attention = ? WHERE id = ?");
    QSqlQuery q = SqlUtil::prepare(m_db, sql);
    q.addBindValue(SqlUtil::text(row.name));
    q.addBindValue(SqlUtil::text(row.provider));
    q.addBindValue(SqlUtil::text(row.baseUrl));
    if (!keepSecret)
        q.addBindValue(row.secretSealed);
    q.addBindValue(SqlUtil::modelsToJson(row.models));
    q.addBindValue(row.enabled ? 1 : 0);
    q.addBindValue(row.priority);
    q.addBindValue(row.weight);
    q.addBindValue(row.updatedAtMs ? row.updatedAtMs : Clock::nowMs());
    q.addBindValue(row.maxConcurrency);
    q.addBindValue(SqlUtil::modelMapToJson(row.modelMap));
    q.addBindValue(SqlUtil::nullableBlob(row.proxySealed));
    q.addBindValue(SqlUtil::nullableMs(row.proxyId));
    q.addBindValue(SqlUtil::nullableBlob(row.oauthSealed));
    q.addBindValue(row.needsAttention ? 1 : 0);
    q.addBindValue(row.id);
    execAccount(q, QStringLiteral("update account"), row.proxyId);
    if (q.numRowsAffected() < 1 && !SqlUtil::rowExists(m_db, QStringLiteral("accounts"), row.id))
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no such account"));
}

void AccountRepository::remove(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM accounts WHERE id = ?"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("delete account"));
    if (q.numRowsAffected() < 1)
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no such account"));
}

void AccountRepository::setOAuth(qint64 id, const QByteArray &oauthSealed, bool needsAttention)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE accounts SET oauth_enc = ?, needs_attention = ?, "
                             "updated_at = ? WHERE id = ?"));
    q.addBindValue(SqlUtil::nullableBlob(oauthSealed));
    q.addBindValue(needsAttention ? 1 : 0);
    q.addBindValue(Clock::nowMs());
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("update account tokens"));
    if (q.numRowsAffected() < 1 && !SqlUtil::rowExists(m_db, QStringLiteral("accounts"), id))
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no such account"));
}

void AccountRepository::setNeedsAttention(qint64 id, bool needsAttention)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE accounts SET needs_attention = ? WHERE id = ?"));
    q.addBindValue(needsAttention ? 1 : 0);
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("flag account"));
    if (q.numRowsAffected() < 1 && !SqlUtil::rowExists(m_db, QStringLiteral("accounts"), id))
        throw StoreError(StoreError::Kind::NotFound, QStringLiteral("no such account"));
}

QList<AccountRow> AccountRepository::listByProxy(qint64 proxyId)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1 FROM accounts WHERE proxy_id = ? ORDER BY id")
                  .arg(QLatin1String(AccountColumns)));
    q.addBindValue(proxyId);
    SqlUtil::exec(q, QStringLiteral("list accounts by proxy"));
    QList<AccountRow> out;
    while (q.next())
        out.append(readAccount(q));
    return out;
}

QList<AccountRow> AccountRepository::list(const TenantFilter &tenants)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1 FROM accounts WHERE 1 = 1%2 ORDER BY priority DESC, id")
                  .arg(QLatin1String(AccountColumns),
                       tenants.andClause(QStringLiteral("enterprise_id"))));
    SqlUtil::exec(q, QStringLiteral("list accounts"));
    QList<AccountRow> out;
    while (q.next())
        out.append(readAccount(q));
    return out;
}
