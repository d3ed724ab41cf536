// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/RequestTranslation.h"

#include <QJsonDocument>
#include <QJsonParseError>

QJsonObject RequestTranslation::parseObject(const QByteArray &body, bool *ok)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    *ok = parseError.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}
