// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/BudgetRepository.h"

#include "base/Clock.h"
#include "store/ScopeOwner.h"
#include "store/SettingsRepository.h"
#include "store/SqlTransaction.h"
#include "store/SqlUtil.h"

#include <QJsonArray>
#include <QJsonDocument>

static const char *const BudgetColumns =
    "id, enterprise_id, name, scope, scope_id, period, amount_micros, hard, thresholds, enabled, "
    "created_at_ms, updated_at_ms";

static BudgetRow readBudget(const QSqlQuery &q)
{
    BudgetRow r;
    r.id = q.value(0).toLongLong();
    r.enterpriseId = SqlUtil::msOrZero(q.value(1));
    r.name = q.value(2).toString();
    LimitScopes::fromName(q.value(3).toString(), &r.scope);
    r.scopeId = q.value(4).toLongLong();
    BudgetPeriods::fromName(q.value(5).toString(), &r.period);
    r.amountMicros = q.value(6).toLongLong();
    r.hard = q.value(7).toInt() != 0;
    r.thresholds = BudgetRepository::thresholdsFromJson(q.value(8).toString());
    r.enabled = q.value(9).toInt() != 0;
    r.createdAtMs = q.value(10).toLongLong();
    r.updatedAtMs = q.value(11).toLongLong();
    return r;
}

QString BudgetRepository::thresholdsToJson(const QList<int> &thresholds)
{
    QJsonArray arr;
    for (int t : thresholds)
        arr.append(t);
    return QString::fromUtf8(QJsonDocument(arr).toJson(QJsonDocument::Compact));
}

QList<int> BudgetRepository::thresholdsFromJson(const QString &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8());
    QList<int> out;
    if (doc.isArray()) {
        const QJsonArray arr = doc.array();
        for (const QJsonValue &v : arr)
            out.append(v.toInt());
    }
    if (!checkThresholds(out).isEmpty())
        return BudgetRow::defaultThresholds();
    return out;
}

QString BudgetRepository::checkThresholds(const QList<int> &thresholds)
{
    if (thresholds.isEmpty())
        return QStringLiteral("At least one threshold is needed.");
    int previous = 0;
    for (int t : thresholds) {
        if (t < 1 || t > 100)
            return QStringLiteral("Thresholds are percentages from 1 to 100.");
        if (t <= previous)
            return QStringLiteral("Thresholds must be ascending and unique.");
        previous = t;
    }
    return {};
}

void BudgetRepository::validate(const BudgetRow &row) const
{
    if (row.scope == LimitScope::Key)
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("A budget applies to a user, group, department or "
                                        "enterprise, not to a key."));
    if (row.name.trimmed().isEmpty() || row.name.size() > MaxNameLength)
        throw StoreError(
            StoreError::Kind::Invalid,
            QStringLiteral("A budget needs a name of 1 to %1 characters.").arg(MaxNameLength));
    if (row.amountMicros <= 0)
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("A budget's amount must be above 0."));
    const QString thresholds = checkThresholds(row.thresholds);
    if (!thresholds.isEmpty())
        throw StoreError(StoreError::Kind::Invalid, thresholds);
}

QList<BudgetRow> BudgetRepository::list()
{
    return list(TenantFilter::all());
}

QList<BudgetRow> BudgetRepository::list(const TenantFilter &tenants)
{
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM budgets WHERE 1 = 1%2 ORDER BY id")
                                   .arg(QLatin1String(BudgetColumns),
                                        tenants.andClause(QStringLiteral("enterprise_id"))));
    SqlUtil::exec(q, QStringLiteral("list budgets"));
    QList<BudgetRow> out;
    while (q.next())
        out.append(readBudget(q));
    return out;
}

std::optional<BudgetRow> BudgetRepository::get(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db,
        QStringLiteral("SELECT %1 FROM budgets WHERE id = ?").arg(QLatin1String(BudgetColumns)));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get budget"));
    if (!q.next())
        return std::nullopt;
    return readBudget(q);
}

qint64 BudgetRepository::insert(const BudgetRow &row)
{
    SqlTransaction tx(m_db);
    validate(row);
    const auto enterprise = ScopeOwner::enterpriseOf(m_db, row.scope, row.scopeId);
    if (!enterprise)
        throw StoreError(StoreError::Kind::NotFound,
                         ScopeOwner::notFoundMessage(row.scope, row.scopeId));
    const qint64 now = Clock::nowMs();
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO budgets (enterprise_id, name, scope, scope_id, period, "
                             "amount_micros, hard, thresholds, enabled, created_at_ms, "
                             "updated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(SqlUtil::nullableMs(*enterprise));
    q.addBindValue(SqlUtil::text(row.name.trimmed()));
    q.addBindValue(LimitScopes::name(row.scope));
    q.addBindValue(row.scopeId);
    q.addBindValue(BudgetPeriods::name(row.period));
    q.addBindValue(row.amountMicros);
    q.addBindValue(row.hard ? 1 : 0);
    q.addBindValue(thresholdsToJson(row.thresholds));
    q.addBindValue(row.enabled ? 1 : 0);
    q.addBindValue(row.createdAtMs ? row.createdAtMs : now);
    q.addBindValue(row.updatedAtMs ? row.updatedAtMs : now);
    SqlUtil::exec(q, QStringLiteral("create budget"));
    const qint64 id = q.lastInsertId().toLongLong();
    q.finish();
    SettingsRepository(m_db).bumpDataVersion();
    tx.commit();
    return id;
}

void BudgetRepository::update(const BudgetRow &row)
{
    SqlTransaction tx(m_db);
    if (!SqlUtil::rowExists(m_db, QStringLiteral("budgets"), row.id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No budget with id %1.").arg(row.id));
    validate(row);
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE budgets SET name = ?, period = ?, amount_micros = ?, "
                             "hard = ?, thresholds = ?, enabled = ?, updated_at_ms = ? "
                             "WHERE id = ?"));
    q.addBindValue(SqlUtil::text(row.name.trimmed()));
    q.addBindValue(BudgetPeriods::name(row.period));
    q.addBindValue(row.amountMicros);
    q.addBindValue(row.hard ? 1 : 0);
    q.addBindValue(thresholdsToJson(row.thresholds));
    q.addBindValue(row.enabled ? 1 : 0);
    q.addBindValue(row.updatedAtMs ? row.updatedAtMs : Clock::nowMs());
    q.addBindValue(row.id);
    SqlUtil::exec(q, QStringLiteral("update budget"));
    q.finish();
    SettingsRepository(m_db).bumpDataVersion();
    tx.commit();
}

void BudgetRepository::remove(qint64 id)
{
    SqlTransaction tx(m_db);
    if (!SqlUtil::rowExists(m_db, QStringLiteral("budgets"), id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No budget with id %1.").arg(id));
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM budgets WHERE id = ?"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("delete budget"));
    q.finish();
    SettingsRepository(m_db).bumpDataVersion();
    tx.commit();
}
