// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/UsageReportRepository.h"

#include "store/SqlUtil.h"
#include "store/UsageRollupRepository.h"

#include <QHash>
#include <QSet>

const QStringList &UsageReportQuery::dimensions()
{
    static const QStringList names = {QStringLiteral("enterprise"), QStringLiteral("department"),
                                      QStringLiteral("group"),      QStringLiteral("user"),
                                      QStringLiteral("key"),        QStringLiteral("account"),
                                      QStringLiteral("provider"),   QStringLiteral("model")};
    return names;
}

const QStringList &UsageReportQuery::buckets()
{
    static const QStringList names = {QStringLiteral("day"), QStringLiteral("week"),
                                      QStringLiteral("month")};
    return names;
}

namespace {

// The column of usage_rollup_daily for each dimension, in dimensions() order.
const char *const WideColumns[] = {"enterprise_id", "department_id", "group_id", "user_id",
                                   "key_id",        "account_id",    "provider", "model"};
// The table that names each id dimension.
const char *const NameTables[] = {"enterprises", "departments", "`groups`",
                                  "users",       "api_keys",    "accounts"};

const char *const Sums = "SUM(requests), SUM(errors), SUM(input_tokens), SUM(output_tokens), "
                         "SUM(cache_write_tokens), SUM(cache_read_tokens), SUM(cost_micros)";

QString idList(const QList<qint64> &ids)
{
    QStringList out;
    out.reserve(ids.size());
    for (qint64 id : ids)
        out << QString::number(id);
    return out.join(QLatin1Char(','));
}

} // namespace

UsageReport UsageReportRepository::report(const UsageReportQuery &query)
{
    const qsizetype dim = UsageReportQuery::dimensions().indexOf(query.groupBy);
    if (dim < 0)
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("groupBy must be one of: %1")
                             .arg(UsageReportQuery::dimensions().join(QStringLiteral(", "))));
    if (!UsageReportQuery::buckets().contains(query.bucket))
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("bucket must be day, week or month"));
    UsageReport out;
    if (query.enterpriseIds && query.enterpriseIds->isEmpty())
        return out;
    const bool textDim = dim >= 6; // provider, model
    QString sql;
    QVariantList binds;
    if (query.userId) {
        const QString column = QLatin1String(WideColumns[dim]);
        const QString id = textDim ? QStringLiteral("0") : column;
        const QString name = textDim ? column : QStringLiteral("''");
        sql = QStringLiteral("SELECT %1, %2, %3, %4 FROM usage_rollup_daily "
                             "WHERE user_id = ? AND day >= ? AND day < ?")
                  .arg(query.bucket, id, name, QLatin1String(Sums));
        binds << *query.userId;
    } else {
        sql = QStringLiteral("SELECT %1, item_id, item_name, %2 FROM usage_rollup_dims "
                             "WHERE dim = ? AND day >= ? AND day < ?")
                  .arg(query.bucket, QLatin1String(Sums));
        binds << int(dim + 1);
    }
    binds << query.fromDay << query.toDay;
    if (query.enterpriseIds)
        sql += QStringLiteral(" AND enterprise_id IN (%1)").arg(idList(*query.enterpriseIds));
    sql += QStringLiteral(" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LIMIT %1")
               .arg(UsageReportQuery::MaxRows + 1);

    QSqlQuery q = SqlUtil::prepare(m_db, sql);
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    SqlUtil::exec(q, QStringLiteral("usage report"));
    while (q.next()) {
        if (out.rows.size() == UsageReportQuery::MaxRows) {
            out.rows.clear();
            out.tooLarge = true;
            return out;
        }
        UsageReportRow row;
        row.bucketDay = q.value(0).toInt();
        row.id = q.value(1).toLongLong();
        row.name = q.value(2).toString();
        row.requests = q.value(3).toLongLong();
        row.errors = q.value(4).toLongLong();
        row.inputTokens = q.value(5).toLongLong();
        row.outputTokens = q.value(6).toLongLong();
        row.cacheWriteTokens = q.value(7).toLongLong();
        row.cacheReadTokens = q.value(8).toLongLong();
        row.costMicros = q.value(9).toLongLong();
        out.rows.append(row);
    }
    if (!textDim)
        resolveNames(query.groupBy, &out.rows);
    return out;
}

void UsageReportRepository::resolveNames(const QString &groupBy, QList<UsageReportRow> *rows)
{
    const qsizetype dim = UsageReportQuery::dimensions().indexOf(groupBy);
    QSet<qint64> wanted;
    for (const UsageReportRow &r : std::as_const(*rows)) {
        if (r.id > 0)
            wanted.insert(r.id);
    }
    if (wanted.isEmpty())
        return;
    // Users are named by their name, else their email.
    const QString nameExpr = groupBy == QLatin1String("user")
                                 ? QStringLiteral("CASE WHEN name <> '' THEN name ELSE email END")
                                 : QStringLiteral("name");
    const QList<qint64> ids(wanted.cbegin(), wanted.cend());
    QHash<qint64, QString> names;
    constexpr qsizetype Chunk = 500;
    for (qsizetype start = 0; start < ids.size(); start += Chunk) {
        QSqlQuery q = SqlUtil::prepare(
            m_db, QStringLiteral("SELECT id, %1 FROM %2 WHERE id IN (%3)")
                      .arg(nameExpr, QLatin1String(NameTables[dim]),
                           idList(ids.mid(start, qMin(Chunk, ids.size() - start)))));
        SqlUtil::exec(q, QStringLiteral("usage report names"));
        while (q.next())
            names.insert(q.value(0).toLongLong(), q.value(1).toString());
    }
    for (UsageReportRow &r : *rows)
        r.name = names.value(r.id);
}
