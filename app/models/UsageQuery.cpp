// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/UsageQuery.h"

static QString isoUtc(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QUrlQuery UsageQuery::filterQuery() const
{
    QUrlQuery q;
    if (from)
        q.addQueryItem(QStringLiteral("from"), isoUtc(*from));
    if (to)
        q.addQueryItem(QStringLiteral("to"), isoUtc(*to));
    if (keyId)
        q.addQueryItem(QStringLiteral("keyId"), QString::number(*keyId));
    if (userId)
        q.addQueryItem(QStringLiteral("userId"), QString::number(*userId));
    if (accountId)
        q.addQueryItem(QStringLiteral("accountId"), QString::number(*accountId));
    if (!model.trimmed().isEmpty())
        q.addQueryItem(QStringLiteral("model"), model.trimmed());
    return q;
}

QUrlQuery UsageQuery::pageQuery(int page, int pageSize) const
{
    QUrlQuery q = filterQuery();
    if (!sort.isEmpty() && sort != QLatin1String("createdAt"))
        q.addQueryItem(QStringLiteral("sort"), sort);
    if (ascending)
        q.addQueryItem(QStringLiteral("order"), QStringLiteral("asc"));
    q.addQueryItem(QStringLiteral("page"), QString::number(qMax(1, page)));
    q.addQueryItem(QStringLiteral("pageSize"), QString::number(qBound(1, pageSize, 1000)));
    return q;
}

bool UsageQuery::operator==(const UsageQuery &o) const
{
    return from == o.from && to == o.to && keyId == o.keyId && userId == o.userId &&
           accountId == o.accountId && model.trimmed() == o.model.trimmed() && sort == o.sort &&
           ascending == o.ascending;
}

bool UsageQuery::isNewestFirst() const
{
    return (sort.isEmpty() || sort == QLatin1String("createdAt")) && !ascending;
}
