// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/UsageReportRequest.h"

#include "api/admin/AdminJson.h"
#include "api/admin/ApiError.h"
#include "api/admin/CsvTable.h"
#include "http/HttpRequest.h"
#include "protocol/TokenCount.h"

#include <QDate>
#include <QJsonArray>

static constexpr qint64 DayMs = 86400000;

namespace {

int dayOfMs(qint64 ms)
{
    return int(ms >= 0 ? ms / DayMs : -((-ms + DayMs - 1) / DayMs));
}

// "department" -> "departmentId" / "departmentName"; provider and model are their own name.
bool hasId(const QString &groupBy)
{
    return groupBy != QLatin1String("provider") && groupBy != QLatin1String("model");
}

QString costText(qint64 micros)
{
    const QString sign = micros < 0 ? QStringLiteral("-") : QString();
    const qint64 abs = micros < 0 ? -micros : micros;
    return QStringLiteral("%1%2.%3")
        .arg(sign)
        .arg(abs / 1000000)
        .arg(abs % 1000000, 6, 10, QLatin1Char('0'));
}

QJsonObject metrics(const UsageReportRow &r)
{
    return QJsonObject{{QStringLiteral("requests"), r.requests},
                       {QStringLiteral("errors"), r.errors},
                       {QStringLiteral("inputTokens"), r.inputTokens},
                       {QStringLiteral("outputTokens"), r.outputTokens},
                       {QStringLiteral("cacheWriteTokens"), r.cacheWriteTokens},
                       {QStringLiteral("cacheReadTokens"), r.cacheReadTokens},
                       {QStringLiteral("cost"), double(r.costMicros) / 1e6},
                       {QStringLiteral("costMicros"), r.costMicros}};
}

} // namespace

QString UsageReportRequest::date(int day)
{
    return QDate(1970, 1, 1).addDays(day).toString(Qt::ISODate);
}

UsageReportQuery UsageReportRequest::parse(const HttpRequest &request, qint64 nowMs)
{
    UsageReportQuery q;
    if (!request.hasQueryItem(QStringLiteral("groupBy")))
        throw ApiError::badRequest(
            QStringLiteral("\"groupBy\" is required: one of %1.")
                .arg(UsageReportQuery::dimensions().join(QStringLiteral(", "))));
    q.groupBy = request.queryItem(QStringLiteral("groupBy"));
    if (!UsageReportQuery::dimensions().contains(q.groupBy))
        throw ApiError::badRequest(
            QStringLiteral("\"groupBy\" must be one of: %1.")
                .arg(UsageReportQuery::dimensions().join(QStringLiteral(", "))));
    if (request.hasQueryItem(QStringLiteral("bucket"))) {
        q.bucket = request.queryItem(QStringLiteral("bucket"));
        if (!UsageReportQuery::buckets().contains(q.bucket))
            throw ApiError::badRequest(QStringLiteral("\"bucket\" must be day, week or month."));
    }
    std::optional<int> days[2];
    const char *const names[2] = {"from", "to"};
    for (int i = 0; i < 2; ++i) {
        const QString key = QString::fromLatin1(names[i]);
        if (!request.hasQueryItem(key))
            continue;
        const auto ms = AdminJson::parseTime(request.queryItem(key));
        if (!ms)
            throw ApiError::badRequest(QStringLiteral("\"%1\" must be a date (YYYY-MM-DD, UTC), "
                                                      "e.g. 2026-11-01.")
                                           .arg(key));
        if (*ms % DayMs != 0)
            throw ApiError::badRequest(QStringLiteral("\"%1\" must be a whole UTC day: reports "
                                                      "count days, give a date such as "
                                                      "2026-11-01.")
                                           .arg(key));
        days[i] = dayOfMs(*ms);
    }
    // Default: the 30 days up to and including today; "to" is exclusive.
    q.toDay = days[1] ? *days[1] : dayOfMs(nowMs) + 1;
    q.fromDay = days[0] ? *days[0] : q.toDay - 30;
    if (q.fromDay >= q.toDay)
        throw ApiError::badRequest(QStringLiteral("\"from\" must be before \"to\" (\"to\" is "
                                                  "exclusive: from=2026-11-01&to=2026-12-01 "
                                                  "is November)."));
    if (q.toDay - q.fromDay > MaxRangeDays)
        throw ApiError::badRequest(
            QStringLiteral("A report covers at most %1 days; narrow \"from\" and \"to\".")
                .arg(MaxRangeDays));
    return q;
}

bool UsageReportRequest::wantsCsv(const HttpRequest &request)
{
    const QString format = request.queryItem(QStringLiteral("format"));
    if (!format.isEmpty() && format != QLatin1String("json") && format != QLatin1String("csv"))
        throw ApiError::badRequest(QStringLiteral("\"format\" must be json or csv."));
    return format == QLatin1String("csv");
}

QJsonObject UsageReportRequest::json(const UsageReportQuery &query, const UsageReport &report)
{
    QJsonArray items;
    UsageReportRow total;
    const bool withId = hasId(query.groupBy);
    const QString idKey = query.groupBy + QStringLiteral("Id");
    const QString nameKey = withId ? query.groupBy + QStringLiteral("Name") : query.groupBy;
    for (const UsageReportRow &r : report.rows) {
        QJsonObject item = metrics(r);
        item.insert(QStringLiteral("bucket"), date(r.bucketDay));
        if (withId) {
            item.insert(idKey, r.id > 0 ? QJsonValue(r.id) : QJsonValue());
            item.insert(nameKey, r.id > 0 ? QJsonValue(r.name) : QJsonValue());
        } else {
            item.insert(nameKey, r.name);
        }
        items.append(item);
        total.requests += r.requests;
        total.errors += r.errors;
        total.inputTokens = TokenCount::add(total.inputTokens, r.inputTokens);
        total.outputTokens = TokenCount::add(total.outputTokens, r.outputTokens);
        total.cacheWriteTokens = TokenCount::add(total.cacheWriteTokens, r.cacheWriteTokens);
        total.cacheReadTokens = TokenCount::add(total.cacheReadTokens, r.cacheReadTokens);
        total.costMicros += r.costMicros;
    }
    return QJsonObject{{QStringLiteral("groupBy"), query.groupBy},
                       {QStringLiteral("bucket"), query.bucket},
                       {QStringLiteral("from"), date(query.fromDay)},
                       {QStringLiteral("to"), date(query.toDay)},
                       {QStringLiteral("items"), items},
                       {QStringLiteral("totals"), metrics(total)}};
}

QByteArray UsageReportRequest::csvHeader(const QString &groupBy)
{
    QStringList fields{QStringLiteral("bucket")};
    if (hasId(groupBy))
        fields << groupBy + QStringLiteral("Id") << groupBy + QStringLiteral("Name");
    else
        fields << groupBy;
    fields << QStringLiteral("requests") << QStringLiteral("errors")
           << QStringLiteral("inputTokens") << QStringLiteral("outputTokens")
           << QStringLiteral("cacheWriteTokens") << QStringLiteral("cacheReadTokens")
           << QStringLiteral("cost");
    return CsvTable::record(fields);
}

QByteArray UsageReportRequest::csvRow(const QString &groupBy, const UsageReportRow &r)
{
    QStringList fields{date(r.bucketDay)};
    if (hasId(groupBy)) {
        fields << (r.id > 0 ? QString::number(r.id) : QString());
        fields << (r.id > 0 ? r.name : QString());
    } else {
        fields << r.name;
    }
    fields << QString::number(r.requests) << QString::number(r.errors)
           << QString::number(r.inputTokens) << QString::number(r.outputTokens)
           << QString::number(r.cacheWriteTokens) << QString::number(r.cacheReadTokens)
           << costText(r.costMicros);
    return CsvTable::record(fields);
}
