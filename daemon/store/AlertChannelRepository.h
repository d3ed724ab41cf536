// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AlertChannelRow.h"
#include "store/TenantFilter.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

// `alert_channels`. Every method throws StoreError on failure. Use it on the connection's
// thread.
class AlertChannelRepository
{
public:
    explicit AlertChannelRepository(const QSqlDatabase &db) : m_db(db) {}

    QList<AlertChannelRow> list(const TenantFilter &tenants); // by id
    std::optional<AlertChannelRow> get(qint64 id);
    qint64 insert(const AlertChannelRow &row);
    // Name, URL, emails, enabled; the secret too unless `keepSecret`. NotFound.
    void update(const AlertChannelRow &row, bool keepSecret);
    void remove(qint64 id); // NotFound
    // The outcome of one delivery (after its last attempt).
    void recordDelivery(qint64 id, bool sent, const QString &error, qint64 atMs);

private:
    QSqlDatabase m_db;
};
