// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/UsageRollupRepository.h"

#include "store/SqlUtil.h"

#include <QDate>
#include <QHash>
#include <QSqlDriver>
#include <QSqlField>

#include <sqlite3.h>

#include <cmath>
#include <map>
#include <tuple>
#include <variant>
#include <vector>

namespace {

struct Metrics
{
    qint64 requests = 0;
    qint64 errors = 0;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 cacheWriteTokens = 0;
    qint64 cacheReadTokens = 0;
    qint64 costMicros = 0;

    void merge(const Metrics &o)
    {
        requests += o.requests;
        errors += o.errors;
        inputTokens += o.inputTokens;
        outputTokens += o.outputTokens;
        cacheWriteTokens += o.cacheWriteTokens;
        cacheReadTokens += o.cacheReadTokens;
        costMicros += o.costMicros;
    }

    void add(const UsageRecord &r)
    {
        ++requests;
        errors += UsageRollupRepository::isError(r) ? 1 : 0;
        inputTokens += r.usage.inputTokens;
        outputTokens += r.usage.outputTokens;
        cacheWriteTokens += r.usage.cacheWriteTokens;
        cacheReadTokens += r.usage.cacheReadTokens;
        costMicros += UsageRollupRepository::costMicros(r.cost);
    }
};

// One value of a rollup row's key: an id or a text (provider, model).
using KeyValue = std::variant<qint64, QString>;

struct DayNumbers
{
    int day;
    int week;
    int month;
};

// A rollup row's key: the day, then the key columns after it in the table's order.
struct RowKey
{
    DayNumbers when;
    std::vector<KeyValue> values;

    bool operator<(const RowKey &o) const
    {
        if (when.day != o.when.day)
            return when.day < o.when.day;
        return values < o.values;
    }
};

// Everything a call is rolled up by, as plain fields: cheap to build and compare for every call
// of a batch. Each dimension's rows are sums over these.
struct CallKey
{
    DayNumbers when;
    qint64 enterprise;
    qint64 department;
    qint64 group;
    qint64 user;
    qint64 key;
    qint64 account;
    QString provider;
    QString model;

    bool operator<(const CallKey &o) const
    {
        return std::tie(when.day, enterprise, department, group, user, key, account, provider,
                        model) < std::tie(o.when.day, o.enterprise, o.department, o.group, o.user,
                                          o.key, o.account, o.provider, o.model);
    }
};

struct Table
{
    QString name;
    // The key columns after `day`, with `dim` (when there is one) before day.
    QStringList keyColumns;
    bool hasDim = false;
    int dim = 0;
};

const char *const MetricColumns[] = {
    "requests",          "errors",     "input_tokens", "output_tokens", "cache_write_tokens",
    "cache_read_tokens", "cost_micros"};

QString upsertSql(const Table &t, bool mySql, qsizetype rows)
{
    QStringList columns;
    if (t.hasDim)
        columns << QStringLiteral("dim");
    columns << QStringLiteral("day") << QStringLiteral("week") << QStringLiteral("month");
    columns << t.keyColumns;
    for (const char *m : MetricColumns)
        columns << QLatin1String(m);
    QString tuple = QStringLiteral("(");
    for (qsizetype i = 0; i < columns.size(); ++i)
        tuple += i ? QStringLiteral(",?") : QStringLiteral("?");
    tuple += QLatin1Char(')');
    QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES ")
                      .arg(t.name, columns.join(QStringLiteral(", ")));
    for (qsizetype i = 0; i < rows; ++i) {
        if (i)
            sql += QLatin1Char(',');
        sql += tuple;
    }
    QStringList updates;
    for (const char *m : MetricColumns) {
        const QString c = QLatin1String(m);
        updates << (mySql ? QStringLiteral("%1 = %1 + VALUES(%1)").arg(c)
                          : QStringLiteral("%1 = %1 + excluded.%1").arg(c));
    }
    if (mySql)
        return sql + QStringLiteral(" ON DUPLICATE KEY UPDATE ") +
               updates.join(QStringLiteral(", "));
    QStringList conflict;
    if (t.hasDim)
        conflict << QStringLiteral("dim");
    conflict << QStringLiteral("day") << t.keyColumns;
    return sql +
           QStringLiteral(" ON CONFLICT(%1) DO UPDATE SET ")
               .arg(conflict.join(QStringLiteral(", "))) +
           updates.join(QStringLiteral(", "));
}

QList<qint64> metricValues(const Metrics &m)
{
    return {m.requests,         m.errors,          m.inputTokens, m.outputTokens,
            m.cacheWriteTokens, m.cacheReadTokens, m.costMicros};
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

[[noreturn]] void sqliteFail(sqlite3 *db)
{
    const int code = sqlite3_errcode(db);
    throw StoreError(
        code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_IOERR ||
                code == SQLITE_FULL || code == SQLITE_CANTOPEN
            ? StoreError::Kind::Unavailable
            : StoreError::Kind::Invalid,
        QStringLiteral("write usage rollups: %1").arg(QString::fromUtf8(sqlite3_errmsg(db))));
}

void upsertSqlite(sqlite3 *db, const Table &t, const std::map<RowKey, Metrics> &rows)
{
    const QByteArray sql = upsertSql(t, false, 1).toUtf8();
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &stmt, nullptr) != SQLITE_OK)
        sqliteFail(db);
    struct Finalize
    {
        sqlite3_stmt *s;
        ~Finalize() { sqlite3_finalize(s); }
    } finalize{stmt};
    for (const auto &[key, metrics] : rows) {
        int i = 0;
        if (t.hasDim)
            sqlite3_bind_int(stmt, ++i, t.dim);
        sqlite3_bind_int(stmt, ++i, key.when.day);
        sqlite3_bind_int(stmt, ++i, key.when.week);
        sqlite3_bind_int(stmt, ++i, key.when.month);
        for (const KeyValue &v : key.values) {
            if (const qint64 *id = std::get_if<qint64>(&v)) {
                sqlite3_bind_int64(stmt, ++i, *id);
            } else {
                const QByteArray utf8 = std::get<QString>(v).toUtf8();
                sqlite3_bind_text(stmt, ++i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            }
        }
        for (qint64 m : metricValues(metrics))
            sqlite3_bind_int64(stmt, ++i, m);
        if (sqlite3_step(stmt) != SQLITE_DONE)
            sqliteFail(db);
        sqlite3_reset(stmt);
    }
}

// One row as SQL literals: ids and counts as numbers, texts quoted and escaped by the driver.
QString rowLiteral(const QSqlDriver *driver, const Table &t, const RowKey &key,
                   const Metrics &metrics)
{
    QString out = QStringLiteral("(");
    if (t.hasDim)
        out += QString::number(t.dim) + QLatin1Char(',');
    out += QString::number(key.when.day) + QLatin1Char(',') + QString::number(key.when.week) +
           QLatin1Char(',') + QString::number(key.when.month);
    for (const KeyValue &v : key.values) {
        out += QLatin1Char(',');
        if (const qint64 *id = std::get_if<qint64>(&v)) {
            out += QString::number(*id);
        } else if (std::get<QString>(v).isEmpty()) {
            out += QStringLiteral("''"); // a NULL would break the NOT NULL key column
        } else {
            QSqlField field(QString(), QMetaType(QMetaType::QString));
            field.setValue(std::get<QString>(v));
            out += driver->formatValue(field);
        }
    }
    for (qint64 m : metricValues(metrics))
        out += QLatin1Char(',') + QString::number(m);
    out += QLatin1Char(')');
    return out;
}

// MySQL: multi-row upserts with the values written into the statement. A prepared statement
// with thousands of parameters costs more to prepare and bind than the rows cost to write, and
// its size (so its text) changes with every batch. Every value is a number the writer computed,
// or a provider/model text escaped by the driver.
void upsertMySql(const QSqlDatabase &db, const Table &t, const QStringList &rows)
{
    const QString head = upsertSql(t, true, 0);
    const qsizetype valuesAt = head.indexOf(QStringLiteral(" VALUES ")) + 8;
    const QString prefix = head.left(valuesAt);
    const QString suffix = head.mid(valuesAt);
    for (qsizetype start = 0; start < rows.size(); start += UsageRollupRepository::ChunkRows) {
        const qsizetype n = qMin<qsizetype>(UsageRollupRepository::ChunkRows, rows.size() - start);
        QString sql = prefix;
        for (qsizetype i = 0; i < n; ++i) {
            if (i)
                sql += QLatin1Char(',');
            sql += rows.at(start + i);
        }
        sql += suffix;
        QSqlQuery q(db);
        if (!q.exec(sql))
            throw SqlUtil::toStoreError(q.lastError(), true, QStringLiteral("write usage rollups"));
    }
}

// Any other Qt driver (SQLite without its handle): one prepared row, re-executed.
void upsertQt(const QSqlDatabase &db, const Table &t, const std::map<RowKey, Metrics> &rows)
{
    QSqlQuery q = SqlUtil::prepare(db, upsertSql(t, false, 1));
    for (const auto &[key, metrics] : rows) {
        if (t.hasDim)
            q.addBindValue(t.dim);
        q.addBindValue(key.when.day);
        q.addBindValue(key.when.week);
        q.addBindValue(key.when.month);
        for (const KeyValue &v : key.values) {
            if (const qint64 *id = std::get_if<qint64>(&v))
                q.addBindValue(*id);
            else
                q.addBindValue(std::get<QString>(v));
        }
        for (qint64 m : metricValues(metrics))
            q.addBindValue(m);
        SqlUtil::exec(q, QStringLiteral("write usage rollups"));
    }
}

QString clipped(const QString &s, int maxLength)
{
    return s.isNull() ? QStringLiteral("") : s.left(maxLength);
}

} // namespace

int UsageRollupRepository::dayOf(qint64 epochMs)
{
    constexpr qint64 DayMs = 86400000;
    qint64 day = epochMs / DayMs;
    if (epochMs % DayMs < 0)
        --day;
    return int(day);
}

int UsageRollupRepository::weekOf(int day)
{
    const int sinceMonday = ((day + 3) % 7 + 7) % 7;
    return day - sinceMonday;
}

int UsageRollupRepository::monthOf(int day)
{
    const QDate epoch(1970, 1, 1);
    const QDate date = epoch.addDays(day);
    return int(epoch.daysTo(QDate(date.year(), date.month(), 1)));
}

qint64 UsageRollupRepository::costMicros(double costUsd)
{
    if (!std::isfinite(costUsd))
        return 0;
    return std::llround(costUsd * 1e6);
}

bool UsageRollupRepository::isError(const UsageRecord &r)
{
    return r.status < 100 || r.status >= 400 || !r.errorType.isEmpty();
}

void UsageRollupRepository::add(const QList<UsageRecord> &records)
{
    if (records.isEmpty())
        return;
    // Aggregated here first: a batch of hundreds of calls touches far fewer rollup rows. The
    // calls are summed by everything they are rolled up by, then each rollup row is a sum of
    // those sums. std::map keeps the keys sorted, so concurrent writers lock rows in the same
    // order.
    std::map<CallKey, Metrics> byCall;
    QHash<int, DayNumbers> days;
    for (const UsageRecord &r : records) {
        const int day = dayOf(r.createdAtMs);
        auto d = days.constFind(day);
        if (d == days.cend())
            d = days.insert(day, DayNumbers{day, weekOf(day), monthOf(day)});
        byCall[CallKey{*d, qMax<qint64>(0, r.enterpriseId), qMax<qint64>(0, r.departmentId),
                       qMax<qint64>(0, r.groupId), r.userId, r.keyId, r.accountId,
                       clipped(r.provider, 64), clipped(r.model, 191)}]
            .add(r);
    }
    std::map<RowKey, Metrics> wide;
    std::map<RowKey, Metrics> dims[8];
    const QString none = QStringLiteral("");
    for (const auto &[k, metrics] : byCall) {
        wide[RowKey{k.when,
                    {k.enterprise, k.department, k.group, k.user, k.key, k.account, k.provider,
                     k.model}}]
            .merge(metrics);
        const KeyValue items[8][2] = {{k.enterprise, none},    {k.department, none},
                                      {k.group, none},         {k.user, none},
                                      {k.key, none},           {k.account, none},
                                      {qint64(0), k.provider}, {qint64(0), k.model}};
        for (int i = 0; i < 8; ++i)
            dims[i][RowKey{k.when, {k.enterprise, items[i][0], items[i][1]}}].merge(metrics);
    }

    const Table wideTable{QStringLiteral("usage_rollup_daily"),
                          {QStringLiteral("enterprise_id"), QStringLiteral("department_id"),
                           QStringLiteral("group_id"), QStringLiteral("user_id"),
                           QStringLiteral("key_id"), QStringLiteral("account_id"),
                           QStringLiteral("provider"), QStringLiteral("model")}};
    const QStringList dimColumns{QStringLiteral("enterprise_id"), QStringLiteral("item_id"),
                                 QStringLiteral("item_name")};
    const bool mySql = SqlUtil::isMySql(m_db);
    const Table dimsTable{QStringLiteral("usage_rollup_dims"), dimColumns, true, 0};
    if (mySql) {
        const QSqlDriver *driver = m_db.driver();
        QStringList rows;
        rows.reserve(qsizetype(wide.size()));
        for (const auto &[key, metrics] : wide)
            rows << rowLiteral(driver, wideTable, key, metrics);
        upsertMySql(m_db, wideTable, rows);
        // Every dimension in the same statements: one table.
        rows.clear();
        for (int i = 0; i < 8; ++i) {
            const Table t{dimsTable.name, dimColumns, true, i + 1};
            for (const auto &[key, metrics] : dims[i])
                rows << rowLiteral(driver, t, key, metrics);
        }
        upsertMySql(m_db, dimsTable, rows);
        return;
    }
    sqlite3 *handle = sqliteHandle(m_db);
    auto upsert = [&](const Table &t, const std::map<RowKey, Metrics> &rows) {
        if (rows.empty())
            return;
        if (handle)
            upsertSqlite(handle, t, rows);
        else
            upsertQt(m_db, t, rows);
    };
    upsert(wideTable, wide);
    for (int i = 0; i < 8; ++i)
        upsert(Table{dimsTable.name, dimColumns, true, i + 1}, dims[i]);
}
