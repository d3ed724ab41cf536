// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

// Selection of audit entries. Times are UTC epoch ms: `fromMs` inclusive, `toMs` exclusive.
// Unset members do not filter. `enterpriseIds`, when set, keeps only entries of those
// enterprises (a tenant's view; an empty list matches nothing); unset means every entry.
struct AuditFilter
{
    std::optional<qint64> fromMs;
    std::optional<qint64> toMs;
    std::optional<qint64> actorId;
    QString action;     // empty = any
    QString targetType; // empty = any
    std::optional<QList<qint64>> enterpriseIds;
    int page = 1;
    int pageSize = 50;

    static constexpr int MaxPageSize = 1000;
};
