// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/UsageRepository.h"

#include "store/SqlTransaction.h"
#include "store/SqlUtil.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlDriver>
#include <QStringEncoder>
#include <QVariantList>

#include <sqlite3.h>

#include <array>

static const char *const UsageColumns =
    "request_id, created_at, key_id, user_id, account_id, provider, model, endpoint, stream, "
    "status, input_tokens, output_tokens, cache_write_tokens, cache_read_tokens, cost, "
    "latency_ms, ttfb_ms, error_type, client_aborted, attempts, attempt_log, upstream_model, "
    "enterprise_id, department_id, group_id, cache_write_1h_tokens, reasoning_tokens";
static constexpr int UsageColumnCount = 27;
// MySQL TEXT holds 64 KiB; a longer attempt log (hundreds of attempts) is not kept.
static constexpr int MaxAttemptLogBytes = 65000;

// A null QString binds as SQL NULL; text columns are NOT NULL, so bind "" instead.
static QString text(const QString &s, int maxLength)
{
    return s.isNull() ? QStringLiteral("") : s.left(maxLength);
}

static void bindRecord(QSqlQuery &q, int &index, const UsageRecord &r)
{
    // Clipped to the MySQL column sizes so an odd value cannot make a whole batch fail.
    q.bindValue(index++, text(r.requestId, 128));
    q.bindValue(index++, r.createdAtMs);
    q.bindValue(index++, r.keyId);
    q.bindValue(index++, r.userId);
    q.bindValue(index++, r.accountId);
    q.bindValue(index++, text(r.provider, 64));
    q.bindValue(index++, text(r.model, 191));
    q.bindValue(index++, text(r.endpoint, 191));
    q.bindValue(index++, r.stream ? 1 : 0);
    q.bindValue(index++, r.status);
    q.bindValue(index++, r.usage.inputTokens);
    q.bindValue(index++, r.usage.outputTokens);
    q.bindValue(index++, r.usage.cacheWriteTokens);
    q.bindValue(index++, r.usage.cacheReadTokens);
    q.bindValue(index++, r.cost);
    q.bindValue(index++, r.latencyMs);
    q.bindValue(index++, r.ttfbMs);
    q.bindValue(index++, text(r.errorType, 64));
    q.bindValue(index++, r.clientAborted ? 1 : 0);
    q.bindValue(index++, r.attempts);
    if (r.attemptLog.isEmpty() || r.attemptLog.size() > MaxAttemptLogBytes)
        q.bindValue(index++, QVariant(QMetaType::fromType<QString>()));
    else
        q.bindValue(index++, QString::fromUtf8(r.attemptLog));
    q.bindValue(index++, text(r.upstreamModel, 191));
    for (qint64 id : {r.enterpriseId, r.departmentId, r.groupId})
        q.bindValue(index++, id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qint64>()));
    q.bindValue(index++, r.usage.cacheWrite1hTokens);
    q.bindValue(index++, r.usage.reasoningTokens);
}

namespace {

// SQLite: rows go straight through the C API with one prepared statement. Through QSqlQuery
// each row costs several times more (variant conversions, parameter-name lookups), and the
// ledger writes every request.
class SqliteRows
{
public:
    SqliteRows(sqlite3 *db, const QByteArray &sql) : m_db(db)
    {
        if (sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &m_stmt, nullptr) !=
            SQLITE_OK)
            fail();
    }
    ~SqliteRows() { sqlite3_finalize(m_stmt); }
    SqliteRows(const SqliteRows &) = delete;
    SqliteRows &operator=(const SqliteRows &) = delete;

    qint64 insert(const UsageRecord &r)
    {
        int i = 0;
        text(++i, r.requestId, 128);
        sqlite3_bind_int64(m_stmt, ++i, r.createdAtMs);
        sqlite3_bind_int64(m_stmt, ++i, r.keyId);
        sqlite3_bind_int64(m_stmt, ++i, r.userId);
        sqlite3_bind_int64(m_stmt, ++i, r.accountId);
        text(++i, r.provider, 64);
        text(++i, r.model, 191);
        text(++i, r.endpoint, 191);
        sqlite3_bind_int(m_stmt, ++i, r.stream ? 1 : 0);
        sqlite3_bind_int(m_stmt, ++i, r.status);
        sqlite3_bind_int64(m_stmt, ++i, r.usage.inputTokens);
        sqlite3_bind_int64(m_stmt, ++i, r.usage.outputTokens);
        sqlite3_bind_int64(m_stmt, ++i, r.usage.cacheWriteTokens);
        sqlite3_bind_int64(m_stmt, ++i, r.usage.cacheReadTokens);
        sqlite3_bind_double(m_stmt, ++i, r.cost);
        sqlite3_bind_int64(m_stmt, ++i, r.latencyMs);
        sqlite3_bind_int64(m_stmt, ++i, r.ttfbMs);
        text(++i, r.errorType, 64);
        sqlite3_bind_int(m_stmt, ++i, r.clientAborted ? 1 : 0);
        sqlite3_bind_int(m_stmt, ++i, r.attempts);
        if (r.attemptLog.isEmpty() || r.attemptLog.size() > MaxAttemptLogBytes)
            sqlite3_bind_null(m_stmt, ++i);
        else
            sqlite3_bind_text(m_stmt, ++i, r.attemptLog.constData(), int(r.attemptLog.size()),
                              SQLITE_STATIC); // `r` outlives the statement's step
        text(++i, r.upstreamModel, 191);
        for (qint64 id : {r.enterpriseId, r.departmentId, r.groupId}) {
            if (id > 0)
                sqlite3_bind_int64(m_stmt, ++i, id);
            else
                sqlite3_bind_null(m_stmt, ++i);
        }
        sqlite3_bind_int64(m_stmt, ++i, r.usage.cacheWrite1hTokens);
        sqlite3_bind_int64(m_stmt, ++i, r.usage.reasoningTokens);
        const int rc = sqlite3_step(m_stmt);
        if (rc != SQLITE_DONE)
            fail();
        const qint64 changed = sqlite3_changes(m_db);
        sqlite3_reset(m_stmt);
        return changed;
    }

private:
    // Each text parameter is converted into a buffer of its own that lives until the next row,
    // so SQLite reads it in place (SQLITE_STATIC): no allocation and no copy per value once
    // the buffers have grown.
    void text(int index, const QString &s, int maxLength)
    {
        const QStringView value = QStringView(s).left(maxLength);
        Q_ASSERT(index > 0 && size_t(index) < m_text.size());
        QByteArray &buffer = m_text[size_t(index)];
        buffer.resize(m_encoder.requiredSpace(value.size()));
        char *const end = m_encoder.appendToBuffer(buffer.data(), value);
        sqlite3_bind_text(m_stmt, index, buffer.constData(), int(end - buffer.constData()),
                          SQLITE_STATIC);
    }
    [[noreturn]] void fail()
    {
        const int code = sqlite3_errcode(m_db);
        const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
        throw StoreError(code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_IOERR ||
                                 code == SQLITE_FULL || code == SQLITE_CANTOPEN
                             ? StoreError::Kind::Unavailable
                             : StoreError::Kind::Invalid,
                         QStringLiteral("write usage: %1").arg(message));
    }

    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
    QStringEncoder m_encoder{QStringEncoder::Utf8, QStringConverter::Flag::Stateless};
    std::array<QByteArray, UsageColumnCount + 1> m_text; // by parameter index
};

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

} // namespace

static UsageRecord readRecord(const QSqlQuery &q)
{
    UsageRecord r;
    r.requestId = q.value(0).toString();
    r.createdAtMs = q.value(1).toLongLong();
    r.keyId = q.value(2).toLongLong();
    r.userId = q.value(3).toLongLong();
    r.accountId = q.value(4).toLongLong();
    r.provider = q.value(5).toString();
    r.model = q.value(6).toString();
    r.endpoint = q.value(7).toString();
    r.stream = q.value(8).toInt() != 0;
    r.status = q.value(9).toInt();
    r.usage.inputTokens = q.value(10).toLongLong();
    r.usage.outputTokens = q.value(11).toLongLong();
    r.usage.cacheWriteTokens = q.value(12).toLongLong();
    r.usage.cacheReadTokens = q.value(13).toLongLong();
    r.cost = q.value(14).toDouble();
    r.latencyMs = q.value(15).toLongLong();
    r.ttfbMs = q.value(16).toLongLong();
    r.errorType = q.value(17).toString();
    r.clientAborted = q.value(18).toInt() != 0;
    r.attempts = q.value(19).toInt();
    r.attemptLog = q.value(20).isNull() ? QByteArray() : q.value(20).toString().toUtf8();
    r.upstreamModel = q.value(21).toString();
    r.enterpriseId = q.value(22).toLongLong();
    r.departmentId = q.value(23).toLongLong();
    r.groupId = q.value(24).toLongLong();
    r.usage.cacheWrite1hTokens = q.value(25).toLongLong();
    r.usage.reasoningTokens = q.value(26).toLongLong();
    return r;
}

qint64 UsageRepository::insertBatch(const QList<UsageRecord> &records)
{
    if (records.isEmpty())
        return 0;
    for (const bool checkExisting : {false, true}) {
        SqlTransaction tx(m_db);
        QList<UsageRecord> inserted;
        if (!insertRows(records, checkExisting, &inserted))
            continue; // rolled back; again, looking up the ids first
        tx.commit();
        return inserted.size();
    }
    return 0; // not reached: with checkExisting, insertRows() answers or throws
}

bool UsageRepository::insertRows(const QList<UsageRecord> &records, bool checkExisting,
                                 QList<UsageRecord> *inserted,
                                 const std::function<void(qsizetype rowsDone)> &afterRow)
{
    if (records.isEmpty())
        return true;
    const bool mySql = SqlUtil::isMySql(m_db);
    // Only a repeated request_id may be skipped. SQLite's INSERT OR IGNORE would also swallow
    // NOT NULL failures and silently lose rows, so it gets ON CONFLICT(request_id). MySQL keeps
    // INSERT IGNORE, whose affected-row count is the rows inserted; bindRecord() never binds NULL
    // or over-long text, so nothing else is ignored there.
    const QString head =
        QStringLiteral("%1 INTO usage_records (%2) VALUES ")
            .arg(mySql ? QStringLiteral("INSERT IGNORE") : QStringLiteral("INSERT"),
                 QLatin1String(UsageColumns));
    const QString tail = mySql ? QString() : QStringLiteral(" ON CONFLICT(request_id) DO NOTHING");
    QString tuple = QStringLiteral("(");
    for (int i = 0; i < UsageColumnCount; ++i)
        tuple += i ? QStringLiteral(",?") : QStringLiteral("?");
    tuple += QLatin1Char(')');

    if (!mySql) {
        // One row per statement: the changed-row count says exactly which rows were new.
        if (sqlite3 *handle = sqliteHandle(m_db)) {
            SqliteRows rows(handle, (head + tuple + tail).toUtf8());
            qsizetype done = 0;
            for (const UsageRecord &r : records) {
                if (rows.insert(r) > 0)
                    inserted->append(r);
                if (afterRow)
                    afterRow(++done);
            }
            return true;
        }
    }
    // MySQL: a multi-row INSERT IGNORE only tells how many rows were new. Repeats within the
    // batch are dropped first (the first one is the one written); when the count then falls
    // short, some ids were already there (a spool replay) and the caller asks again with
    // checkExisting, which drops the ids already stored before inserting.
    QList<UsageRecord> rows;
    if (mySql) {
        QSet<QString> seen;
        seen.reserve(records.size());
        rows.reserve(records.size());
        for (const UsageRecord &r : records) {
            const QString id = text(r.requestId, 128);
            if (!seen.contains(id)) {
                seen.insert(id);
                rows.append(r);
            }
        }
    } else {
        rows = records;
    }
    QString preparedFor; // reuse the statement while the chunk size repeats
    QSqlQuery q(m_db);
    // MySQL: multi-row statements save a round trip per row. SQLite has no round trips, and
    // Qt's SQLite driver looks up each parameter's name in a linear list, so a statement with
    // thousands of parameters costs quadratic time: there, one prepared row is re-executed.
    const qsizetype chunkRows = mySql ? ChunkRows : 1;
    for (qsizetype start = 0; start < rows.size(); start += chunkRows) {
        QList<UsageRecord> chunk = rows.mid(start, qMin<qsizetype>(chunkRows, rows.size() - start));
        if (mySql && checkExisting)
            chunk = withoutStored(chunk);
        const qsizetype n = chunk.size();
        if (n == 0)
            continue;
        QString sql = head;
        sql.reserve(head.size() + n * (tuple.size() + 1));
        for (qsizetype i = 0; i < n; ++i) {
            if (i)
                sql += QLatin1Char(',');
            sql += tuple;
        }
        sql += tail;
        if (sql != preparedFor) {
            q = SqlUtil::prepare(m_db, sql);
            preparedFor = sql;
        }
        int index = 0;
        for (const UsageRecord &r : std::as_const(chunk))
            bindRecord(q, index, r);
        SqlUtil::exec(q, QStringLiteral("write usage"));
        const int affected = qMax(0, q.numRowsAffected());
        if (affected == n) {
            inserted->append(chunk);
        } else if (n == 1) {
            // nothing new (affected is 0)
        } else if (!checkExisting) {
            return false;
        } else {
            // Another writer stored one of these ids since they were looked up.
            throw StoreError(StoreError::Kind::Invalid,
                             QStringLiteral("write usage: request ids written concurrently"));
        }
    }
    return true;
}

// The records of `chunk` whose request id is not in the table yet.
QList<UsageRecord> UsageRepository::withoutStored(const QList<UsageRecord> &chunk)
{
    QString sql = QStringLiteral("SELECT request_id FROM usage_records WHERE request_id IN (");
    for (qsizetype i = 0; i < chunk.size(); ++i)
        sql += i ? QStringLiteral(",?") : QStringLiteral("?");
    sql += QLatin1Char(')');
    QSqlQuery q = SqlUtil::prepare(m_db, sql);
    for (const UsageRecord &r : chunk)
        q.addBindValue(text(r.requestId, 128));
    SqlUtil::exec(q, QStringLiteral("look up usage ids"));
    QSet<QString> stored;
    while (q.next())
        stored.insert(q.value(0).toString());
    QList<UsageRecord> out;
    for (const UsageRecord &r : chunk) {
        if (!stored.contains(text(r.requestId, 128)))
            out.append(r);
    }
    return out;
}

const QStringList &UsageFilter::sortFields()
{
    static const QStringList fields = {QStringLiteral("createdAt"),
                                       QStringLiteral("keyId"),
                                       QStringLiteral("userId"),
                                       QStringLiteral("accountId"),
                                       QStringLiteral("provider"),
                                       QStringLiteral("model"),
                                       QStringLiteral("endpoint"),
                                       QStringLiteral("status"),
                                       QStringLiteral("inputTokens"),
                                       QStringLiteral("outputTokens"),
                                       QStringLiteral("cacheWriteTokens"),
                                       QStringLiteral("cacheReadTokens"),
                                       QStringLiteral("cost"),
                                       QStringLiteral("latencyMs"),
                                       QStringLiteral("ttfbMs")};
    return fields;
}

// The ORDER BY of query(): only whitelisted columns reach the SQL text.
static QString orderClause(const UsageFilter &f)
{
    static const QHash<QString, QString> columns = {
        {QStringLiteral("createdAt"), QStringLiteral("created_at")},
        {QStringLiteral("keyId"), QStringLiteral("key_id")},
        {QStringLiteral("userId"), QStringLiteral("user_id")},
        {QStringLiteral("accountId"), QStringLiteral("account_id")},
        {QStringLiteral("provider"), QStringLiteral("provider")},
        {QStringLiteral("model"), QStringLiteral("model")},
        {QStringLiteral("endpoint"), QStringLiteral("endpoint")},
        {QStringLiteral("status"), QStringLiteral("status")},
        {QStringLiteral("inputTokens"), QStringLiteral("input_tokens")},
        {QStringLiteral("outputTokens"), QStringLiteral("output_tokens")},
        {QStringLiteral("cacheWriteTokens"), QStringLiteral("cache_write_tokens")},
        {QStringLiteral("cacheReadTokens"), QStringLiteral("cache_read_tokens")},
        {QStringLiteral("cost"), QStringLiteral("cost")},
        {QStringLiteral("latencyMs"), QStringLiteral("latency_ms")},
        {QStringLiteral("ttfbMs"), QStringLiteral("ttfb_ms")}};
    const QString column = columns.value(f.sort, QStringLiteral("created_at"));
    const QString dir = f.ascending ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    if (column == QLatin1String("created_at"))
        return QStringLiteral(" ORDER BY created_at") + dir + QStringLiteral(", id") + dir;
    return QStringLiteral(" ORDER BY ") + column + dir + QStringLiteral(", created_at") + dir +
           QStringLiteral(", id") + dir;
}

static QString whereClause(const UsageFilter &f, QVariantList *binds)
{
    QStringList parts;
    if (f.fromMs) {
        parts << QStringLiteral("created_at >= ?");
        *binds << *f.fromMs;
    }
    if (f.toMs) {
        parts << QStringLiteral("created_at < ?");
        *binds << *f.toMs;
    }
    if (f.keyId) {
        parts << QStringLiteral("key_id = ?");
        *binds << *f.keyId;
    }
    if (f.userId) {
        parts << QStringLiteral("user_id = ?");
        *binds << *f.userId;
    }
    if (f.enterpriseId) {
        parts << QStringLiteral("enterprise_id = ?");
        *binds << *f.enterpriseId;
    }
    if (f.departmentId) {
        parts << QStringLiteral("department_id = ?");
        *binds << *f.departmentId;
    }
    if (f.enterpriseIds) {
        QStringList ids;
        for (qint64 id : *f.enterpriseIds)
            ids << QString::number(id);
        parts << (ids.isEmpty()
                      ? QStringLiteral("1 = 0")
                      : QStringLiteral("enterprise_id IN (%1)").arg(ids.join(QLatin1Char(','))));
    }
    if (f.accountId) {
        parts << QStringLiteral("account_id = ?");
        *binds << *f.accountId;
    }
    if (!f.model.isEmpty()) {
        parts << QStringLiteral("model = ?");
        *binds << f.model;
    }
    if (parts.isEmpty())
        return QString();
    return QStringLiteral(" WHERE ") + parts.join(QStringLiteral(" AND "));
}

UsagePage UsageRepository::query(const UsageFilter &filter)
{
    QVariantList binds;
    const QString where = whereClause(filter, &binds);
    const int pageSize = qBound(1, filter.pageSize, UsageFilter::MaxPageSize);
    const qint64 page = qMax(1, filter.page);

    UsagePage out;
    {
        QSqlQuery q =
            SqlUtil::prepare(m_db, QStringLiteral("SELECT COUNT(*) FROM usage_records") + where);
        for (const QVariant &v : std::as_const(binds))
            q.addBindValue(v);
        SqlUtil::exec(q, QStringLiteral("count usage"));
        out.total = q.next() ? q.value(0).toLongLong() : 0;
    }
    if (out.total == 0)
        return out;

    QSqlQuery q =
        SqlUtil::prepare(m_db, QStringLiteral("SELECT %1 FROM usage_records%2%3 LIMIT ? "
                                              "OFFSET ?")
                                   .arg(QLatin1String(UsageColumns), where, orderClause(filter)));
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    q.addBindValue(static_cast<qint64>(pageSize));
    q.addBindValue((page - 1) * pageSize);
    SqlUtil::exec(q, QStringLiteral("query usage"));
    while (q.next())
        out.items.append(readRecord(q));
    return out;
}

QList<UsageSummaryRow> UsageRepository::summary(const UsageFilter &filter, const QString &groupBy)
{
    const bool mySql = SqlUtil::isMySql(m_db);
    QString keyExpr;
    if (groupBy == QLatin1String("day"))
        keyExpr = mySql ? QStringLiteral("(created_at DIV 86400000)")
                        : QStringLiteral("(created_at / 86400000)");
    else if (groupBy == QLatin1String("minute"))
        keyExpr = mySql ? QStringLiteral("(created_at DIV 60000)")
                        : QStringLiteral("(created_at / 60000)");
    else if (groupBy == QLatin1String("model"))
        keyExpr = QStringLiteral("model");
    else if (groupBy == QLatin1String("key"))
        keyExpr = QStringLiteral("key_id");
    else if (groupBy == QLatin1String("account"))
        keyExpr = QStringLiteral("account_id");
    else
        throw StoreError(StoreError::Kind::Invalid,
                         QStringLiteral("groupBy must be one of day, minute, model, key, "
                                        "account"));

    QVariantList binds;
    const QString where = whereClause(filter, &binds);
    QSqlQuery q = SqlUtil::prepare(
        m_db, QStringLiteral("SELECT %1 AS g, COUNT(*), "
                             "SUM(CASE WHEN status < 100 OR status >= 400 OR error_type <> '' "
                             "THEN 1 ELSE 0 END), "
                             "SUM(input_tokens), SUM(output_tokens), SUM(cache_write_tokens), "
                             "SUM(cache_read_tokens), SUM(cost), SUM(cache_write_1h_tokens), "
                             "SUM(reasoning_tokens) FROM usage_records%2 "
                             "GROUP BY g ORDER BY g")
                  .arg(keyExpr, where));
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    SqlUtil::exec(q, QStringLiteral("summarise usage"));
    QList<UsageSummaryRow> out;
    while (q.next()) {
        UsageSummaryRow row;
        if (groupBy == QLatin1String("day"))
            row.key = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong() * 86400000LL, Qt::UTC)
                          .date()
                          .toString(Qt::ISODate);
        else if (groupBy == QLatin1String("minute"))
            row.key = QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong() * 60000LL, Qt::UTC)
                          .toString(Qt::ISODate);
        else
            row.key = q.value(0).toString();
        row.requests = q.value(1).toLongLong();
        row.errors = q.value(2).toLongLong();
        row.inputTokens = q.value(3).toLongLong();
        row.outputTokens = q.value(4).toLongLong();
        row.cacheWriteTokens = q.value(5).toLongLong();
        row.cacheReadTokens = q.value(6).toLongLong();
        row.cost = q.value(7).toDouble();
        row.cacheWrite1hTokens = q.value(8).toLongLong();
        row.reasoningTokens = q.value(9).toLongLong();
        out.append(row);
    }
    return out;
}
