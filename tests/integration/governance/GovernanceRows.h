// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Clock.h"
#include "governance/PeriodMath.h"
#include "store/SettingsRepository.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

// Quotas and budgets written as the admin API would write them (rows in the v8 tables and a
// bumped data version), and the shared counters read back, for the governance tests.
class GovernanceRows
{
public:
    explicit GovernanceRows(QSqlDatabase db) : m_db(std::move(db)) {}

    QString lastError() const { return m_error; }

    // scope: key|user|group|department|enterprise. Limits: rpm, tpm, concurrency,
    // daily_tokens, monthly_tokens, daily_cost_micros, monthly_cost_micros.
    qint64 addQuota(const QString &scope, qint64 scopeId, const QString &column, qint64 value,
                    const QString &model = QString())
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT INTO quotas (scope, scope_id, model, %1, enabled, "
                                 "created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, 1, ?, ?)")
                      .arg(column));
        q.addBindValue(scope);
        q.addBindValue(scopeId);
        q.addBindValue(model.isNull() ? QStringLiteral("") : model);
        q.addBindValue(value);
        q.addBindValue(Clock::nowMs());
        q.addBindValue(Clock::nowMs());
        return exec(q) ? q.lastInsertId().toLongLong() : 0;
    }

    qint64 addBudget(const QString &name, const QString &scope, qint64 scopeId, qint64 amountMicros,
                     bool hard, const QString &period = QStringLiteral("month"))
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT INTO budgets (name, scope, scope_id, period, "
                                 "amount_micros, hard, enabled, created_at_ms, updated_at_ms) "
                                 "VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)"));
        q.addBindValue(name);
        q.addBindValue(scope);
        q.addBindValue(scopeId);
        q.addBindValue(period);
        q.addBindValue(amountMicros);
        q.addBindValue(hard ? 1 : 0);
        q.addBindValue(Clock::nowMs());
        q.addBindValue(Clock::nowMs());
        return exec(q) ? q.lastInsertId().toLongLong() : 0;
    }

    // The counter of budget `id` in the current month of UTC, as if `used` had been spent.
    bool setBudgetUsed(qint64 id, qint64 limit, qint64 used)
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT INTO limit_counters (counter_key, period_start_ms, "
                                 "limit_value, used, leased, updated_at_ms) VALUES (?, ?, ?, ?, "
                                 "0, ?)"));
        q.addBindValue(QStringLiteral("b%1").arg(id));
        q.addBindValue(monthStartMs());
        q.addBindValue(limit);
        q.addBindValue(used);
        q.addBindValue(Clock::nowMs());
        return exec(q);
    }

    // {used, leased} of budget `id` this month; {-1, -1} when there is no row yet.
    QPair<qint64, qint64> budgetCounter(qint64 id)
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT used, leased FROM limit_counters WHERE counter_key = ? "
                                 "AND period_start_ms = ?"));
        q.addBindValue(QStringLiteral("b%1").arg(id));
        q.addBindValue(monthStartMs());
        if (!exec(q) || !q.next())
            return {-1, -1};
        return {q.value(0).toLongLong(), q.value(1).toLongLong()};
    }

    // The sum of the ledger's cost in micro-USD (each row rounded, as settlement does) and the
    // number of rows, for `where` (e.g. "status = 200").
    QPair<qint64, int> ledgerCost(const QString &where = QStringLiteral("1 = 1"))
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT cost FROM usage_records WHERE ") + where);
        qint64 sum = 0;
        int rows = 0;
        if (!exec(q))
            return {-1, -1};
        while (q.next()) {
            sum += qRound64(q.value(0).toDouble() * 1e6);
            ++rows;
        }
        return {sum, rows};
    }

    qint64 keyOwner(qint64 keyId)
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT user_id FROM api_keys WHERE id = ?"));
        q.addBindValue(keyId);
        return exec(q) && q.next() ? q.value(0).toLongLong() : 0;
    }

    void bump() { SettingsRepository(m_db).bumpDataVersion(); }

    static qint64 monthStartMs()
    {
        return PeriodMath().window(PeriodMath::Unit::Month, Clock::nowMs()).startMs;
    }

private:
    bool exec(QSqlQuery &q)
    {
        if (q.exec())
            return true;
        m_error = q.lastError().text();
        return false;
    }

    QSqlDatabase m_db;
    QString m_error;
};
