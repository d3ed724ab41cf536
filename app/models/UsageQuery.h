// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QUrlQuery>

#include <optional>

// The usage page's filter and order, turned into the query string of GET /api/usage and
// GET /api/usage/summary. Times are sent as UTC ISO 8601 with milliseconds.
struct UsageQuery
{
    std::optional<QDateTime> from; // inclusive
    std::optional<QDateTime> to;   // exclusive
    std::optional<qint64> keyId;
    std::optional<qint64> userId;
    std::optional<qint64> accountId;
    QString model; // empty = any
    QString sort;  // an API sort field; empty = createdAt
    bool ascending = false;

    // The filter only (for the summary), without paging or order.
    QUrlQuery filterQuery() const;
    // The filter, order and page of GET /api/usage. page is 1-based.
    QUrlQuery pageQuery(int page, int pageSize) const;
    // Same filter and order (ignores nothing).
    bool operator==(const UsageQuery &other) const;
    bool operator!=(const UsageQuery &other) const { return !(*this == other); }
    // True when the rows are in the default newest-first order, where a page boundary can be
    // pinned with `to` so that new rows do not shift later pages.
    bool isNewestFirst() const;
};
