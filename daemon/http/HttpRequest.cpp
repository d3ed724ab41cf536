// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpRequest.h"

#include <QUrlQuery>

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.size() == name.size() && h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool HttpRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString HttpRequest::queryItem(const QString &key) const
{
    if (query.isEmpty())
        return {};
    const QUrlQuery q(QString::fromUtf8(query));
    return q.queryItemValue(key, QUrl::FullyDecoded);
}

bool HttpRequest::hasQueryItem(const QString &key) const
{
    if (query.isEmpty())
        return false;
    return QUrlQuery(QString::fromUtf8(query)).hasQueryItem(key);
}
