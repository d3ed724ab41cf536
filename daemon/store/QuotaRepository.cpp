// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/QuotaRepository.h"

#include "base/Clock.h"
#include "store/ScopeOwner.h"
#include "store/SettingsRepository.h"
#include "store/SqlTransaction.h"
#include "store/SqlUtil.h"

static const char *const QuotaColumns =
    "id, enterprise_id, scope, scope_id, model, rpm, tpm, concurrency, daily_tokens, "
    "monthly_tokens, daily_cost_micros, monthly_cost_micros, enabled, created_at_ms, "
    "updated_at_ms";

static QuotaRow readQuota(const QSqlQuery &q)
{
    QuotaRow r;
    r.id = q.value(0).toLongLong();
    r.enterpriseId = SqlUtil::msOrZero(q.value(1));
    LimitScopes::fromName(q.value(2).toString(), &r.scope);
    r.scopeId = q.value(3).toLongLong();
    r.model = q.value(4).toString();
    r.rpm = q.value(5).toLongLong();
    r.tpm = q.value(6).toLongLong();
    r.concurrency = q.value(7).toLongLong();
    r.dailyTokens = q.value(8).toLongLong();
    r.monthlyTokens = q.value(9).toLongLong();
    r.dailyCostMicros = q.value(10).toLongLong();
    r.monthlyCostMicros = q.value(11).toLongLong();
    r.enabled = q.value(12).toInt() != 0;
    r.createdAtMs = q.value(13).toLongLong();
    r.updatedAtMs = q.value(14).toLongLong();
    return r;
}

void QuotaRepository::validate(const QuotaRow &row) const
{
    const qint64 limits[] = {row.rpm,
                             row.tpm,
                             row.concurrency,
                             row.dailyTokens,
                             row.monthlyTokens,
                             row.dailyCostMicros,
                             row.monthlyCostMicros};
    for (qint64 v : limits) {
        if (v < 0)
            throw StoreError(StoreError::Kind::Invalid,
                             QStringLiteral("Quota limits cannot be negative."));
    }
    if (!row.hasLimit())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("A quota needs at least one "
                                                                   "limit above 0."));
    if (row.model.size() > MaxModelLength)
        throw StoreError(
            StoreError::Kind::Invalid,
            QStringLiteral("The model is longer than %1 characters.").arg(MaxModelLength));
}

QList<QuotaRow> QuotaRepository::list()
{
    return list(TenantFilter::all());
}

QList<QuotaRow> QuotaRepository::list(const TenantFilter &tenants)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM quotas WHERE 1 = 1%2 ORDER BY id")
                                   .arg(QLatin1String(QuotaColumns),
                                        tenants.andClause(QStringLiteral("enterprise_id"))));
    SqlUtil::exec(q, QStringLiteral("list quotas"));
    QList<QuotaRow> out;
    while (q.next())
        out.append(readQuota(q));
    return out;
}

std::optional<QuotaRow> QuotaRepository::get(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db,
        QStringLiteral("SELECT %1 FROM quotas WHERE id = ?").arg(QLatin1String(QuotaColumns)));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get quota"));
    if (!q.next())
        return std::nullopt;
    return readQuota(q);
}

qint64 QuotaRepository::insert(const QuotaRow &row)
{
    SqlTransaction tx(m_db);
    validate(row);
    const auto enterprise = ScopeOwner::enterpriseOf(m_db, row.scope, row.scopeId);
    if (!enterprise)
        throw StoreError(StoreError::Kind::NotFound,
                         ScopeOwner::notFoundMessage(row.scope, row.scopeId));
    const qint64 now = Clock::nowMs();
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO quotas (enterprise_id, scope, scope_id, model, rpm, tpm, "
                             "concurrency, daily_tokens, monthly_tokens, daily_cost_micros, "
                             "monthly_cost_micros, enabled, created_at_ms, updated_at_ms) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(SqlUtil::nullableMs(*enterprise));
    q.addBindValue(LimitScopes::name(row.scope));
    q.addBindValue(row.scopeId);
    q.addBindValue(SqlUtil::text(row.model));
    q.addBindValue(row.rpm);
    q.addBindValue(row.tpm);
    q.addBindValue(row.concurrency);
    q.addBindValue(row.dailyTokens);
    q.addBindValue(row.monthlyTokens);
    q.addBindValue(row.dailyCostMicros);
    q.addBindValue(row.monthlyCostMicros);
    q.addBindValue(row.enabled ? 1 : 0);
    q.addBindValue(row.createdAtMs ? row.createdAtMs : now);
    q.addBindValue(row.updatedAtMs ? row.updatedAtMs : now);
    SqlUtil::exec(q, QStringLiteral("create quota"));
    const qint64 id = q.lastInsertId().toLongLong();
    q.finish();
    SettingsRepository(m_db).bumpDataVersion();
    tx.commit();
    return id;
}

void QuotaRepository::update(const QuotaRow &row)
{
    SqlTransaction tx(m_db);
    if (!SqlUtil::rowExists(m_db, QStringLiteral("quotas"), row.id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No quota with id %1.").arg(row.id));
    validate(row);
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE quotas SET model = ?, rpm = ?, tpm = ?, concurrency = ?, "
                             "daily_tokens = ?, monthly_tokens = ?, daily_cost_micros = ?, "
                             "monthly_cost_micros = ?, enabled = ?, updated_at_ms = ? "
                             "WHERE id = ?"));
    q.addBindValue(SqlUtil::text(row.model));
    q.addBindValue(row.rpm);
    q.addBindValue(row.tpm);
    q.addBindValue(row.concurrency);
    q.addBindValue(row.dailyTokens);
    q.addBindValue(row.monthlyTokens);
    q.addBindValue(row.dailyCostMicros);
    q.addBindValue(row.monthlyCostMicros);
    q.addBindValue(row.enabled ? 1 : 0);
    q.addBindValue(row.updatedAtMs ? row.updatedAtMs : Clock::nowMs());
    q.addBindValue(row.id);
    SqlUtil::exec(q, QStringLiteral("update quota"));
    q.finish();
    SettingsRepository(m_db).bumpDataVersion();
    tx.commit();
}

void QuotaRepository::remove(qint64 id)
{
    SqlTransaction tx(m_db);
    if (!SqlUtil::rowExists(m_db, QStringLiteral("quotas"), id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No quota with id %1.").arg(id));
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM quotas WHERE id = ?"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("delete quota"));
    q.finish();
    SettingsRepository(m_db).bumpDataVersion();
    tx.commit();
}
