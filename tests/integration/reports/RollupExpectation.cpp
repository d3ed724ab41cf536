// SPDX-License-Identifier: GPL-3.0-or-later
#include "RollupExpectation.h"

#include <QSqlQuery>
#include <QVariant>

namespace {

void addTo(RollupExpectation::Metrics &into, const RollupExpectation::Metrics &m)
{
    for (size_t i = 0; i < m.size(); ++i)
        into[i] += m[i];
}

QMap<QString, RollupExpectation::Metrics> read(const QSqlDatabase &db, const QString &sql,
                                               int keyColumns)
{
    QMap<QString, RollupExpectation::Metrics> out;
    QSqlQuery q(db);
    if (!q.exec(sql))
        return out;
    while (q.next()) {
        QStringList key;
        for (int i = 0; i < keyColumns; ++i)
            key << q.value(i).toString();
        RollupExpectation::Metrics m{};
        for (int i = 0; i < 7; ++i)
            m[size_t(i)] = q.value(keyColumns + i).toLongLong();
        out.insert(key.join(QLatin1Char('|')), m);
    }
    return out;
}

} // namespace

int RollupExpectation::week(int day)
{
    const QDate d = QDate(1970, 1, 1).addDays(day);
    return day - (d.dayOfWeek() - 1); // Qt: Monday = 1
}

int RollupExpectation::month(int day)
{
    const QDate epoch(1970, 1, 1);
    const QDate d = epoch.addDays(day);
    return int(epoch.daysTo(QDate(d.year(), d.month(), 1)));
}

RollupExpectation::Metrics RollupExpectation::metricsOf(const UsageRecord &r)
{
    const bool error = r.status < 100 || r.status >= 400 || !r.errorType.isEmpty();
    return Metrics{1,
                   error ? 1 : 0,
                   r.usage.inputTokens,
                   r.usage.outputTokens,
                   r.usage.cacheWriteTokens,
                   r.usage.cacheReadTokens,
                   std::llround(r.cost * 1e6)};
}

void RollupExpectation::accept(const UsageRecord &r)
{
    m_ids.insert(r.requestId);
    m_accepted.append(r);
}

QList<UsageRecord> RollupExpectation::acceptNew(const QList<UsageRecord> &batch)
{
    QList<UsageRecord> out;
    for (const UsageRecord &r : batch) {
        if (m_ids.contains(r.requestId))
            continue;
        accept(r);
        out.append(r);
    }
    return out;
}

QMap<QString, RollupExpectation::Metrics> RollupExpectation::wide() const
{
    QMap<QString, Metrics> out;
    for (const UsageRecord &r : m_accepted) {
        const QString key = QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8|%9")
                                .arg(day(r.createdAtMs))
                                .arg(r.enterpriseId)
                                .arg(r.departmentId)
                                .arg(r.groupId)
                                .arg(r.userId)
                                .arg(r.keyId)
                                .arg(r.accountId)
                                .arg(r.provider, r.model);
        addTo(out[key], metricsOf(r));
    }
    return out;
}

static QPair<qint64, QString> itemOf(const UsageRecord &r, int dim)
{
    switch (dim) {
    case 1:
        return {r.enterpriseId, QString()};
    case 2:
        return {r.departmentId, QString()};
    case 3:
        return {r.groupId, QString()};
    case 4:
        return {r.userId, QString()};
    case 5:
        return {r.keyId, QString()};
    case 6:
        return {r.accountId, QString()};
    case 7:
        return {0, r.provider};
    default:
        return {0, r.model};
    }
}

QMap<QString, RollupExpectation::Metrics> RollupExpectation::dims() const
{
    QMap<QString, Metrics> out;
    for (const UsageRecord &r : m_accepted) {
        for (int dim = 1; dim <= 8; ++dim) {
            const auto item = itemOf(r, dim);
            const QString key = QStringLiteral("%1|%2|%3|%4|%5")
                                    .arg(dim)
                                    .arg(day(r.createdAtMs))
                                    .arg(r.enterpriseId)
                                    .arg(item.first)
                                    .arg(item.second);
            addTo(out[key], metricsOf(r));
        }
    }
    return out;
}

QMap<QString, RollupExpectation::Metrics>
RollupExpectation::report(int dim, const QString &bucket, int fromDay, int toDay,
                          const QList<qint64> *enterprises, qint64 userId) const
{
    QMap<QString, Metrics> out;
    for (const UsageRecord &r : m_accepted) {
        const int d = day(r.createdAtMs);
        if (d < fromDay || d >= toDay)
            continue;
        if (enterprises && !enterprises->contains(r.enterpriseId))
            continue;
        if (userId > 0 && r.userId != userId)
            continue;
        const int b = bucket == QLatin1String("week")    ? week(d)
                      : bucket == QLatin1String("month") ? month(d)
                                                         : d;
        const auto item = itemOf(r, dim);
        addTo(out[QStringLiteral("%1|%2|%3").arg(b).arg(item.first).arg(item.second)],
              metricsOf(r));
    }
    return out;
}

QMap<QString, RollupExpectation::Metrics> RollupExpectation::readWide(const QSqlDatabase &db)
{
    return read(db,
                QStringLiteral("SELECT day, enterprise_id, department_id, group_id, user_id, "
                               "key_id, account_id, provider, model, requests, errors, "
                               "input_tokens, output_tokens, cache_write_tokens, "
                               "cache_read_tokens, cost_micros FROM usage_rollup_daily"),
                9);
}

QMap<QString, RollupExpectation::Metrics> RollupExpectation::readDims(const QSqlDatabase &db)
{
    return read(db,
                QStringLiteral("SELECT dim, day, enterprise_id, item_id, item_name, requests, "
                               "errors, input_tokens, output_tokens, cache_write_tokens, "
                               "cache_read_tokens, cost_micros FROM usage_rollup_dims"),
                5);
}

UsageRecord RollupExpectation::random(QRandomGenerator &rng, const QString &id, int days)
{
    UsageRecord r;
    r.requestId = id;
    r.createdAtMs = Day0 + qint64(rng.bounded(days)) * DayMs + rng.bounded(int(DayMs));
    // A key belongs to one user, in one group/department/enterprise (or none).
    const int key = 1 + rng.bounded(12);
    r.keyId = key;
    r.userId = 100 + key % 6;
    r.enterpriseId = (key % 6) < 4 ? 1 + key % 2 : 0;
    r.departmentId = r.enterpriseId ? 10 + key % 3 : 0;
    r.groupId = key % 4 == 0 ? 0 : 20 + key % 4;
    r.accountId = 1 + rng.bounded(3);
    static const char *const models[] = {"claude-sonnet-4-5", "gpt-4o", "gemini-2.5-pro",
                                         "Claude-Sonnet-4-5"};
    const int m = rng.bounded(4);
    r.model = QString::fromLatin1(models[m]);
    r.provider = m == 1   ? QStringLiteral("openai")
                 : m == 2 ? QStringLiteral("gemini")
                          : QStringLiteral("anthropic");
    r.endpoint = QStringLiteral("/v1/messages");
    const int outcome = rng.bounded(10);
    r.status = outcome == 0 ? 529 : outcome == 1 ? 200 : 200;
    r.errorType = outcome == 0   ? QStringLiteral("overloaded_error")
                  : outcome == 1 ? QStringLiteral("client_aborted")
                                 : QString();
    r.usage.inputTokens = rng.bounded(100000);
    r.usage.outputTokens = rng.bounded(5000);
    r.usage.cacheWriteTokens = rng.bounded(3) == 0 ? rng.bounded(20000) : 0;
    r.usage.cacheReadTokens = rng.bounded(2) == 0 ? rng.bounded(50000) : 0;
    r.cost = double(rng.bounded(5000000)) / 1e7 + 0.0000004;
    r.latencyMs = rng.bounded(3000);
    return r;
}
