// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/QuotaRow.h"
#include "store/TenantFilter.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

// `quotas`. Every method throws StoreError on failure; use it on the connection's thread. Each
// write runs in one transaction that also bumps the data version, so every daemon on the
// database reloads its snapshot and applies the new rules.
class QuotaRepository
{
public:
    explicit QuotaRepository(const QSqlDatabase &db) : m_db(db) {}

    static constexpr int MaxModelLength = 200;

    QList<QuotaRow> list(); // by id
    QList<QuotaRow> list(const TenantFilter &tenants);
    std::optional<QuotaRow> get(qint64 id);
    // Returns the new id; enterprise_id is taken from the scope object. NotFound when the scope
    // object does not exist, Invalid for negative limits, no limit at all or a too long model.
    qint64 insert(const QuotaRow &row);
    // Replaces the model, the limits and `enabled` (the scope stays); sets updated_at.
    // NotFound, Invalid as insert().
    void update(const QuotaRow &row);
    // NotFound when there is no such quota.
    void remove(qint64 id);

private:
    void validate(const QuotaRow &row) const;

    QSqlDatabase m_db;
};
