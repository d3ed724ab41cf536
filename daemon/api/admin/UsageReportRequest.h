// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/UsageReport.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class HttpRequest;

// GET /api/reports/usage without the sockets: the query string read into a UsageReportQuery
// (throws ApiError 400 with a message saying what to send), and the answer as JSON or CSV.
class UsageReportRequest
{
public:
    // Reads groupBy, bucket, from, to. `nowMs` gives the default range: the 30 UTC days up to
    // and including today. The tenant fields are left for the caller.
    static UsageReportQuery parse(const HttpRequest &request, qint64 nowMs);
    // Whether the query asks for CSV (format=csv); throws ApiError 400 for an unknown format.
    static bool wantsCsv(const HttpRequest &request);

    // A day number as YYYY-MM-DD.
    static QString date(int day);

    static QJsonObject json(const UsageReportQuery &query, const UsageReport &report);
    static QByteArray csvHeader(const QString &groupBy);
    static QByteArray csvRow(const QString &groupBy, const UsageReportRow &row);

    // The longest range one report covers.
    static constexpr int MaxRangeDays = 3660;
};
