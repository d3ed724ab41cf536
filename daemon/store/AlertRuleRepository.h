// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AlertRuleRow.h"
#include "store/TenantFilter.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

// `alert_rules`. Every method throws StoreError on failure. Use it on the connection's thread.
class AlertRuleRepository
{
public:
    explicit AlertRuleRepository(const QSqlDatabase &db) : m_db(db) {}

    QList<AlertRuleRow> list(const TenantFilter &tenants); // by id
    QList<AlertRuleRow> listEnabled();
    std::optional<AlertRuleRow> get(qint64 id);
    qint64 insert(const AlertRuleRow &row);
    void update(const AlertRuleRow &row); // NotFound
    // NotFound. The rule's incidents and fired thresholds go with it.
    void remove(qint64 id);

private:
    QSqlDatabase m_db;
};
