// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SettingsRepository.h"

#include "store/SqlUtil.h"

static const QString DataVersionKey = QStringLiteral("data_version");

std::optional<QString> SettingsRepository::get(const QString &key)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT v FROM settings WHERE k = ?"));
    q.addBindValue(key);
    SqlUtil::exec(q, QStringLiteral("read setting"));
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString();
}

void SettingsRepository::set(const QString &key, const QString &value)
{
    const bool mySql = SqlUtil::isMySql(m_db);
    QSqlQuery q = SqlUtil::prepare(
        m_db, mySql ? QStringLiteral("INSERT INTO settings (k, v) VALUES (?, ?) "
                                     "ON DUPLICATE KEY UPDATE v = VALUES(v)")
                    : QStringLiteral("INSERT INTO settings (k, v) VALUES (?, ?) "
                                     "ON CONFLICT(k) DO UPDATE SET v = excluded.v"));
    q.addBindValue(key);
    q.addBindValue(value);
    SqlUtil::exec(q, QStringLiteral("write setting"));
}

qint64 SettingsRepository::dataVersion()
{
    return get(DataVersionKey).value_or(QStringLiteral("0")).toLongLong();
}

void SettingsRepository::bumpDataVersion()
{
    // One atomic statement, so concurrent daemons never lose an increment.
    const bool mySql = SqlUtil::isMySql(m_db);
    QSqlQuery q = SqlUtil::prepare(
        m_db, mySql ? QStringLiteral("INSERT INTO settings (k, v) VALUES (?, '1') "
                                     "ON DUPLICATE KEY UPDATE v = CAST(v AS UNSIGNED) + 1")
                    : QStringLiteral("INSERT INTO settings (k, v) VALUES (?, '1') "
                                     "ON CONFLICT(k) DO UPDATE SET v = CAST(v AS INTEGER) + 1"));
    q.addBindValue(DataVersionKey);
    SqlUtil::exec(q, QStringLiteral("bump data version"));
}
