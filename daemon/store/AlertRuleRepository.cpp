// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/AlertRuleRepository.h"

#include "base/Clock.h"
#include "store/SqlTransaction.h"
#include "store/SqlUtil.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

const char *const Columns = "id, enterprise_id, name, kind, params, channel_ids, cooldown_secs, "
                            "enabled, created_at_ms, updated_at_ms";

QString idsToJson(const QList<qint64> &ids)
{
    QJsonArray a;
    for (qint64 id : ids)
        a.append(id);
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QList<qint64> idsFromJson(const QString &json)
{
    QList<qint64> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array())
        out << v.toInteger();
    return out;
}

AlertRuleRow readRow(const QSqlQuery &q)
{
    AlertRuleRow r;
    r.id = q.value(0).toLongLong();
    r.enterpriseId = SqlUtil::msOrZero(q.value(1));
    r.name = q.value(2).toString();
    r.kind = q.value(3).toString();
    r.params = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
    r.channelIds = idsFromJson(q.value(5).toString());
    r.cooldownSecs = q.value(6).toLongLong();
    r.enabled = q.value(7).toInt() != 0;
    r.createdAtMs = q.value(8).toLongLong();
    r.updatedAtMs = q.value(9).toLongLong();
    return r;
}

void validate(const AlertRuleRow &row)
{
    if (row.name.trimmed().isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("A rule needs a name."));
    if (row.kind.isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("A rule needs a kind."));
}

} // namespace

QList<AlertRuleRow> AlertRuleRepository::list(const TenantFilter &tenants)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1 FROM alert_rules WHERE 1 = 1%2 ORDER BY id")
                  .arg(QLatin1String(Columns), tenants.andClause(QStringLiteral("enterprise_id"))));
    SqlUtil::exec(q, QStringLiteral("list alert rules"));
    QList<AlertRuleRow> out;
    while (q.next())
        out.append(readRow(q));
    return out;
}

QList<AlertRuleRow> AlertRuleRepository::listEnabled()
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1 FROM alert_rules WHERE enabled = 1 ORDER BY id")
                  .arg(QLatin1String(Columns)));
    SqlUtil::exec(q, QStringLiteral("list enabled alert rules"));
    QList<AlertRuleRow> out;
    while (q.next())
        out.append(readRow(q));
    return out;
}

std::optional<AlertRuleRow> AlertRuleRepository::get(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db,
        QStringLiteral("SELECT %1 FROM alert_rules WHERE id = ?").arg(QLatin1String(Columns)));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get alert rule"));
    if (!q.next())
        return std::nullopt;
    return readRow(q);
}

qint64 AlertRuleRepository::insert(const AlertRuleRow &row)
{
    validate(row);
    const qint64 now = Clock::nowMs();
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO alert_rules (enterprise_id, name, kind, params, "
                             "channel_ids, cooldown_secs, enabled, created_at_ms, updated_at_ms) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(SqlUtil::nullableMs(row.enterpriseId));
    q.addBindValue(SqlUtil::text(row.name.trimmed()));
    q.addBindValue(SqlUtil::text(row.kind));
    q.addBindValue(QString::fromUtf8(QJsonDocument(row.params).toJson(QJsonDocument::Compact)));
    q.addBindValue(idsToJson(row.channelIds));
    q.addBindValue(row.cooldownSecs);
    q.addBindValue(row.enabled ? 1 : 0);
    q.addBindValue(now);
    q.addBindValue(now);
    SqlUtil::exec(q, QStringLiteral("create alert rule"));
    return q.lastInsertId().toLongLong();
}

void AlertRuleRepository::update(const AlertRuleRow &row)
{
    validate(row);
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE alert_rules SET name = ?, params = ?, channel_ids = ?, "
                             "cooldown_secs = ?, enabled = ?, updated_at_ms = ? WHERE id = ?"));
    q.addBindValue(SqlUtil::text(row.name.trimmed()));
    q.addBindValue(QString::fromUtf8(QJsonDocument(row.params).toJson(QJsonDocument::Compact)));
    q.addBindValue(idsToJson(row.channelIds));
    q.addBindValue(row.cooldownSecs);
    q.addBindValue(row.enabled ? 1 : 0);
    q.addBindValue(Clock::nowMs());
    q.addBindValue(row.id);
    SqlUtil::exec(q, QStringLiteral("update alert rule"));
    if (q.numRowsAffected() < 1 && !SqlUtil::rowExists(m_db, QStringLiteral("alert_rules"), row.id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No alert rule with id %1.").arg(row.id));
}

void AlertRuleRepository::remove(qint64 id)
{
    SqlTransaction tx(m_db);
    if (!SqlUtil::rowExists(m_db, QStringLiteral("alert_rules"), id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No alert rule with id %1.").arg(id));
    for (const char *sql :
         {"DELETE FROM alert_incidents WHERE rule_id = ?",
          "DELETE FROM alert_fired WHERE rule_id = ?", "DELETE FROM alert_rules WHERE id = ?"}) {
        QSqlQuery q = SqlUtil::prepare(m_db, QString::fromLatin1(sql));
        q.addBindValue(id);
        SqlUtil::exec(q, QStringLiteral("delete alert rule"));
    }
    tx.commit();
}
