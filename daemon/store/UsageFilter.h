// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

// Selection of usage rows. Times are UTC epoch ms: `fromMs` inclusive, `toMs` exclusive.
// Unset members do not filter. `page` is 1-based; `pageSize` is clamped to 1..1000.
struct UsageFilter
{
    std::optional<qint64> fromMs;
    std::optional<qint64> toMs;
    std::optional<qint64> keyId;
    std::optional<qint64> userId;
    std::optional<qint64> accountId;
    std::optional<qint64> enterpriseId;
    std::optional<qint64> departmentId;
    // Only rows of these enterprises (a tenant's usage readers); unset = no restriction.
    std::optional<QList<qint64>> enterpriseIds;
    QString model; // empty = any
    // Order of UsageRepository::query: an API field name from sortFields() (empty = createdAt),
    // newest/largest first unless `ascending`. Ties are broken by insertion order.
    QString sort;
    bool ascending = false;
    int page = 1;
    int pageSize = 50;

    static constexpr int MaxPageSize = 1000;

    // The fields `sort` accepts, in the API's spelling.
    static const QStringList &sortFields();
};
