// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/AlertChannelRepository.h"

#include "base/Clock.h"
#include "store/SqlUtil.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

const char *const Columns = "id, enterprise_id, name, type, url, emails, secret_enc, enabled, "
                            "last_status, last_error, last_attempt_at_ms, last_success_at_ms, "
                            "failure_count, sent_count, created_at_ms, updated_at_ms";

QString emailsToJson(const QStringList &emails)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(emails)).toJson(QJsonDocument::Compact));
}

QStringList emailsFromJson(const QString &json)
{
    QStringList out;
    const QJsonArray a = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : a)
        out << v.toString();
    return out;
}

AlertChannelRow readRow(const QSqlQuery &q)
{
    AlertChannelRow r;
    r.id = q.value(0).toLongLong();
    r.enterpriseId = SqlUtil::msOrZero(q.value(1));
    r.name = q.value(2).toString();
    r.type = q.value(3).toString();
    r.url = q.value(4).toString();
    r.emails = emailsFromJson(q.value(5).toString());
    r.secretSealed = q.value(6).toByteArray();
    r.enabled = q.value(7).toInt() != 0;
    r.lastStatus = q.value(8).toString();
    r.lastError = q.value(9).toString();
    r.lastAttemptAtMs = q.value(10).toLongLong();
    r.lastSuccessAtMs = q.value(11).toLongLong();
    r.failureCount = q.value(12).toLongLong();
    r.sentCount = q.value(13).toLongLong();
    r.createdAtMs = q.value(14).toLongLong();
    r.updatedAtMs = q.value(15).toLongLong();
    return r;
}

void validate(const AlertChannelRow &row)
{
    if (row.name.trimmed().isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("A channel needs a name."));
    if (row.type.isEmpty())
        throw StoreError(StoreError::Kind::Invalid, QStringLiteral("A channel needs a type."));
}

} // namespace

QList<AlertChannelRow> AlertChannelRepository::list(const TenantFilter &tenants)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1 FROM alert_channels WHERE 1 = 1%2 ORDER BY id")
                  .arg(QLatin1String(Columns), tenants.andClause(QStringLiteral("enterprise_id"))));
    SqlUtil::exec(q, QStringLiteral("list alert channels"));
    QList<AlertChannelRow> out;
    while (q.next())
        out.append(readRow(q));
    return out;
}

std::optional<AlertChannelRow> AlertChannelRepository::get(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db,
        QStringLiteral("SELECT %1 FROM alert_channels WHERE id = ?").arg(QLatin1String(Columns)));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("get alert channel"));
    if (!q.next())
        return std::nullopt;
    return readRow(q);
}

qint64 AlertChannelRepository::insert(const AlertChannelRow &row)
{
    validate(row);
    const qint64 now = Clock::nowMs();
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("INSERT INTO alert_channels (enterprise_id, name, type, url, emails, "
                             "secret_enc, enabled, created_at_ms, updated_at_ms) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(SqlUtil::nullableMs(row.enterpriseId));
    q.addBindValue(SqlUtil::text(row.name.trimmed()));
    q.addBindValue(SqlUtil::text(row.type));
    q.addBindValue(SqlUtil::text(row.url));
    q.addBindValue(emailsToJson(row.emails));
    q.addBindValue(SqlUtil::nullableBlob(row.secretSealed));
    q.addBindValue(row.enabled ? 1 : 0);
    q.addBindValue(now);
    q.addBindValue(now);
    SqlUtil::exec(q, QStringLiteral("create alert channel"));
    return q.lastInsertId().toLongLong();
}

void AlertChannelRepository::update(const AlertChannelRow &row, bool keepSecret)
{
    validate(row);
    QString sql = QStringLiteral("UPDATE alert_channels SET name = ?, url = ?, emails = ?, "
                                 "enabled = ?, updated_at_ms = ?");
    if (!keepSecret)
        sql += QStringLiteral(", secret_enc = ?");
    sql += QStringLiteral(" WHERE id = ?");
    QSqlQuery q = SqlUtil::prepare(m_db, sql);
    q.addBindValue(SqlUtil::text(row.name.trimmed()));
    q.addBindValue(SqlUtil::text(row.url));
    q.addBindValue(emailsToJson(row.emails));
    q.addBindValue(row.enabled ? 1 : 0);
    q.addBindValue(Clock::nowMs());
    if (!keepSecret)
        q.addBindValue(SqlUtil::nullableBlob(row.secretSealed));
    q.addBindValue(row.id);
    SqlUtil::exec(q, QStringLiteral("update alert channel"));
    if (q.numRowsAffected() < 1 &&
        !SqlUtil::rowExists(m_db, QStringLiteral("alert_channels"), row.id))
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No alert channel with id %1.").arg(row.id));
}

void AlertChannelRepository::remove(qint64 id)
{
    QSqlQuery q = SqlUtil::prepare(m_db, QStringLiteral("DELETE FROM alert_channels WHERE id = ?"));
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("delete alert channel"));
    if (q.numRowsAffected() < 1)
        throw StoreError(StoreError::Kind::NotFound,
                         QStringLiteral("No alert channel with id %1.").arg(id));
}

void AlertChannelRepository::recordDelivery(qint64 id, bool sent, const QString &error, qint64 atMs)
{
    QSqlQuery q = SqlUtil::prepare(
        m_db, sent ? QStringLiteral("UPDATE alert_channels SET last_status = 'sent', "
                                    "last_error = '', last_attempt_at_ms = ?, "
                                    "last_success_at_ms = ?, sent_count = sent_count + 1 "
                                    "WHERE id = ?")
                   : QStringLiteral("UPDATE alert_channels SET last_status = 'failed', "
                                    "last_error = ?, last_attempt_at_ms = ?, "
                                    "failure_count = failure_count + 1 WHERE id = ?"));
    if (sent) {
        q.addBindValue(atMs);
        q.addBindValue(atMs);
    } else {
        q.addBindValue(SqlUtil::text(error.left(1000)));
        q.addBindValue(atMs);
    }
    q.addBindValue(id);
    SqlUtil::exec(q, QStringLiteral("record alert delivery"));
}
