// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

// Small key/value settings, including the admin-data version that daemons poll to know when
// their in-memory snapshot of keys and accounts is stale.
class SettingsRepository
{
public:
    explicit SettingsRepository(const QSqlDatabase &db) : m_db(db) {}

    std::optional<QString> get(const QString &key);
    void set(const QString &key, const QString &value);

    // The version of keys/accounts/users; bumped by every admin write, on every node.
    qint64 dataVersion();
    void bumpDataVersion();

private:
    QSqlDatabase m_db;
};
