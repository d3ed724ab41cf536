// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// Which enterprises' rows a caller may see, applied in the SQL query itself: everything (system
// staff) or the rows of the listed enterprises only (rows of no enterprise are system-wide and
// hidden from tenants).
struct TenantFilter
{
    bool everything = true;
    QList<qint64> enterpriseIds;

    static TenantFilter all() { return TenantFilter{}; }
    static TenantFilter only(QList<qint64> ids) { return TenantFilter{false, std::move(ids)}; }

    // " AND <column> IN (...)" (ids are integers, inlined), "" for everything.
    QString andClause(const QString &column) const
    {
        if (everything)
            return {};
        if (enterpriseIds.isEmpty())
            return QStringLiteral(" AND 1 = 0");
        QStringList ids;
        for (qint64 id : enterpriseIds)
            ids << QString::number(id);
        return QStringLiteral(" AND %1 IN (%2)").arg(column, ids.join(QLatin1Char(',')));
    }
    bool sees(qint64 enterpriseId) const
    {
        return everything || (enterpriseId > 0 && enterpriseIds.contains(enterpriseId));
    }
};
