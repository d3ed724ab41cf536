// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

// A usage report: the rollups grouped by one dimension and by day, week or month.
struct UsageReportQuery
{
    // enterprise, department, group, user, key, account, provider or model.
    QString groupBy;
    // day, week (starting Monday) or month; buckets are UTC days.
    QString bucket = QStringLiteral("day");
    // Day numbers (days since 1970-01-01, UTC): fromDay inclusive, toDay exclusive.
    int fromDay = 0;
    int toDay = 0;
    // nullopt: every enterprise; otherwise only these (an empty list: nothing).
    std::optional<QList<qint64>> enterpriseIds;
    // Set: only this user's calls (usage.read_own).
    std::optional<qint64> userId;

    // A report has at most this many rows.
    static constexpr int MaxRows = 100000;

    static const QStringList &dimensions();
    static const QStringList &buckets();
};

struct UsageReportRow
{
    int bucketDay = 0; // the first day of the bucket (clipped to nothing: a week may start before
                       // fromDay; only days from fromDay on are counted)
    qint64 id = 0;     // the dimension's id (0 = none); 0 for provider and model
    QString name;      // the id's current name (empty when unknown), or the provider / model
    qint64 requests = 0;
    qint64 errors = 0;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 cacheWriteTokens = 0;
    qint64 cacheReadTokens = 0;
    qint64 costMicros = 0;
};

struct UsageReport
{
    QList<UsageReportRow> rows; // ordered by bucket, then id, then name
    bool tooLarge = false;      // more than UsageReportQuery::MaxRows rows: rows is empty
};
