// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/ProxyRow.h"
#include "store/TenantFilter.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

// `proxies`: named proxies shared by accounts. Every method throws StoreError on failure. Use
// it on the connection's thread.
class ProxyRepository
{
public:
    explicit ProxyRepository(const QSqlDatabase &db) : m_db(db) {}

    QList<ProxyRow> list(); // by id
    QList<ProxyRow> list(const TenantFilter &tenants);
    std::optional<ProxyRow> get(qint64 id);
    qint64 insert(const ProxyRow &row); // Conflict on a duplicate name
    // Name and sealed URL (an empty urlSealed keeps the stored one); sets updated_at. NotFound,
    // Conflict.
    void update(const ProxyRow &row);
    // NotFound; Conflict naming the accounts while any account uses the proxy.
    void remove(qint64 id);

private:
    QSqlDatabase m_db;
};
