// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/BudgetRow.h"
#include "store/TenantFilter.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

// `budgets`. Every method throws StoreError on failure; use it on the connection's thread. Each
// write runs in one transaction that also bumps the data version, so every daemon on the
// database reloads its snapshot and applies the new rules.
class BudgetRepository
{
public:
    explicit BudgetRepository(const QSqlDatabase &db) : m_db(db) {}

    static constexpr int MaxNameLength = 200;

    // "[80,95,100]" and back; unparsable text reads as the default {80, 95, 100}.
    static QString thresholdsToJson(const QList<int> &thresholds);
    static QList<int> thresholdsFromJson(const QString &json);
    // Empty when the thresholds are acceptable (1 to 100, ascending, unique, at least one);
    // otherwise what is wrong.
    static QString checkThresholds(const QList<int> &thresholds);

    QList<BudgetRow> list(); // by id
    QList<BudgetRow> list(const TenantFilter &tenants);
    std::optional<BudgetRow> get(qint64 id);
    // Returns the new id; enterprise_id is taken from the scope object. NotFound when the scope
    // object does not exist; Invalid for a key scope, an empty or too long name, an amount not
    // above 0 or bad thresholds.
    qint64 insert(const BudgetRow &row);
    // Replaces name, period, amount, hard, thresholds and enabled (the scope stays); sets
    // updated_at. NotFound, Invalid as insert().
    void update(const BudgetRow &row);
    // NotFound when there is no such budget.
    void remove(qint64 id);

private:
    void validate(const BudgetRow &row) const;

    QSqlDatabase m_db;
};
