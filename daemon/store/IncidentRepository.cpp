// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/IncidentRepository.h"

#include "store/SqlTransaction.h"
#include "store/SqlUtil.h"

#include <QJsonDocument>

namespace {

// With the rule's name (LEFT JOIN alert_rules r).
const char *const Columns = "i.id, i.enterprise_id, i.rule_id, i.subject, i.state, i.summary, "
                            "i.details, i.opened_at_ms, i.updated_at_ms, i.acknowledged_at_ms, "
                            "i.acknowledged_by, i.resolved_at_ms, i.resolved_by, r.name";
const char *const From = " FROM alert_incidents i LEFT JOIN alert_rules r ON r.id = i.rule_id";

IncidentRow readRow(const QSqlQuery &q)
{
    IncidentRow r;
    r.id = q.value(0).toLongLong();
    r.enterpriseId = SqlUtil::msOrZero(q.value(1));
    r.ruleId = q.value(2).toLongLong();
    r.subject = q.value(3).toString();
    r.state = q.value(4).toString();
    r.summary = q.value(5).toString();
    r.details = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    r.openedAtMs = q.value(7).toLongLong();
    r.updatedAtMs = q.value(8).toLongLong();
    r.acknowledgedAtMs = q.value(9).toLongLong();
    r.acknowledgedBy = q.value(10).toLongLong();
    r.resolvedAtMs = q.value(11).toLongLong();
    r.resolvedBy = q.value(12).toLongLong();
    r.ruleName = q.value(13).toString();
    return r;
}

QString detailsJson(const QJsonObject &details)
{
    return QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
}

} // namespace

IncidentPage IncidentRepository::list(const Filter &filter)
{
    QString where = QStringLiteral(" WHERE 1 = 1");
    if (!filter.state.isEmpty())
        where += QStringLiteral(" AND i.state = ?");
    if (filter.ruleId > 0)
        where += QStringLiteral(" AND i.rule_id = ?");
    where += filter.tenants.andClause(QStringLiteral("i.enterprise_id"));
    IncidentPage page;
    {
        QSqlQuery q = SqlUtil::prepare(
            m_db, QStringLiteral("SELECT COUNT(*) FROM alert_incidents i") + where);
        if (!filter.state.isEmpty())
            q.addBindValue(filter.state);
        if (filter.ruleId > 0)
            q.addBindValue(filter.ruleId);
        SqlUtil::exec(q, QStringLiteral("count incidents"));
        if (q.next())
            page.total = q.value(0).toLongLong();
    }
    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("SELECT %1%2%3 ORDER BY i.id DESC LIMIT %4 OFFSET %5")
                                   .arg(QLatin1String(Columns), QLatin1String(From), where)
                                   .arg(qBound(1, filter.limit, 500))
                                   .arg(qMax(0, filter.offset)));
    if (!filter.state.isEmpty())
        q.addBindValue(filter.state);
    if (filter.ruleId > 0)
        q.addBindValue(filter.ruleId);
    SqlUtil::exec(q, QStringLiteral("list incidents"));
    while (q.next())
        page.items.append(readRow(q));
    return page;
}

std::optional<IncidentRow> IncidentRepository::get(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT %1%2 WHERE i.id = ?")
                                             .arg(QLatin1String(Columns), QLatin1String(From)));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get incident"));
    if (!q.next())
        return std::nullopt;
    return readRow(q);
}

QList<IncidentRow> IncidentRepository::active()
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1%2 WHERE i.state <> 'resolved' ORDER BY i.id")
                  .arg(QLatin1String(Columns), QLatin1String(From)));
    SqlUtil::exec(q, QStringLiteral("list active incidents"));
    QList<IncidentRow> out;
    while (q.next())
        out.append(readRow(q));
    return out;
}

QHash<QString, qint64> IncidentRepository::lastOpened(qint64 sinceMs)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT rule_id, subject, MAX(opened_at_ms) FROM alert_incidents "
                             "WHERE opened_at_ms >= ? GROUP BY rule_id, subject"));
    q.addBindValue(sinceMs);
    SqlUtil::exec(q, QStringLiteral("list recent incidents"));
    QHash<QString, qint64> out;
    while (q.next())
        out.insert(QStringLiteral("%1|%2").arg(q.value(0).toLongLong()).arg(q.value(1).toString()),
                   q.value(2).toLongLong());
    return out;
}

qint64 IncidentRepository::open(const IncidentRow &row, const std::optional<ThresholdClaim> &claim)
{
    SqlTransaction tx(m_db);
    if (claim &&
        (thresholdFired(row.ruleId, claim->budgetId, claim->periodStartMs, claim->threshold) ||
         !claimThreshold(row.ruleId, claim->budgetId, claim->periodStartMs, claim->threshold,
                         row.openedAtMs)))
        return 0;
    {
        QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("SELECT id FROM alert_incidents WHERE "
                                                            "rule_id = ? AND subject = ? AND "
                                                            "state <> 'resolved'"));
        q.addBindValue(row.ruleId);
        q.addBindValue(row.subject);
        SqlUtil::exec(q, QStringLiteral("look up active incident"));
        if (q.next())
            return 0;
    }
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO alert_incidents (enterprise_id, rule_id, subject, state, "
                             "summary, details, opened_at_ms, updated_at_ms) "
                             "VALUES (?, ?, ?, 'open', ?, ?, ?, ?)"));
    q.addBindValue(SqlUtil::nullableMs(row.enterpriseId));
    q.addBindValue(row.ruleId);
    q.addBindValue(SqlUtil::text(row.subject.left(191)));
    q.addBindValue(SqlUtil::text(row.summary.left(1000)));
    q.addBindValue(detailsJson(row.details));
    q.addBindValue(row.openedAtMs);
    q.addBindValue(row.openedAtMs);
    SqlUtil::exec(q, QStringLiteral("open incident"));
    const qint64 id = q.lastInsertId().toLongLong();
    q.finish();
    tx.commit();
    return id;
}

bool IncidentRepository::acknowledge(qint64 id, qint64 byUserId, qint64 atMs)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE alert_incidents SET state = 'acknowledged', "
                             "acknowledged_at_ms = ?, acknowledged_by = ?, updated_at_ms = ? "
                             "WHERE id = ? AND state = 'open'"));
    q.addBindValue(atMs);
    q.addBindValue(byUserId);
    q.addBindValue(atMs);
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("acknowledge incident"));
    if (q.numRowsAffected() > 0)
        return true;
    if (!SqlUtil::rowExists(m_db, QStringLiteral("alert_incidents"), id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No incident with id %1.").arg(id));
    return false;
}

bool IncidentRepository::resolve(qint64 id, qint64 byUserId, qint64 atMs)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE alert_incidents SET state = 'resolved', resolved_at_ms = ?, "
                             "resolved_by = ?, updated_at_ms = ? "
                             "WHERE id = ? AND state <> 'resolved'"));
    q.addBindValue(atMs);
    q.addBindValue(byUserId);
    q.addBindValue(atMs);
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("resolve incident"));
    if (q.numRowsAffected() > 0)
        return true;
    if (!SqlUtil::rowExists(m_db, QStringLiteral("alert_incidents"), id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No incident with id %1.").arg(id));
    return false;
}

void IncidentRepository::refresh(qint64 id, const QString &summary, const QJsonObject &details,
                                 qint64 atMs)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("UPDATE alert_incidents SET summary = ?, details = ?, "
                             "updated_at_ms = ? WHERE id = ? AND state <> 'resolved'"));
    q.addBindValue(SqlUtil::text(summary.left(1000)));
    q.addBindValue(detailsJson(details));
    q.addBindValue(atMs);
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("refresh incident"));
}

bool IncidentRepository::claimThreshold(qint64 ruleId, qint64 budgetId, qint64 periodStartMs,
                                        int threshold, qint64 atMs)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO alert_fired (rule_id, budget_id, period_start_ms, "
                             "threshold, fired_at_ms) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(ruleId);
    q.addBindValue(budgetId);
    q.addBindValue(periodStartMs);
    q.addBindValue(threshold);
    q.addBindValue(atMs);
    try {
        SqlUtil::exec(q, QStringLiteral("record fired threshold"));
    } catch (const StoreError &e) {
        if (e.kind() == StoreError::Kind::Conflict)
            return false;
        throw;
    }
    return true;
}

bool IncidentRepository::thresholdFired(qint64 ruleId, qint64 budgetId, qint64 periodStartMs,
                                        int threshold)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT 1 FROM alert_fired WHERE rule_id = ? AND budget_id = ? AND "
                             "period_start_ms = ? AND threshold = ?"));
    q.addBindValue(ruleId);
    q.addBindValue(budgetId);
    q.addBindValue(periodStartMs);
    q.addBindValue(threshold);
    SqlUtil::exec(q, QStringLiteral("look up fired threshold"));
    return q.next();
}
