// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminJson.h"

#include <QDateTime>
#include <QJsonArray>

QJsonValue AdminJson::time(qint64 ms)
{
    if (ms <= 0)
        return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

std::optional<qint64> AdminJson::parseTime(const QString &text)
{
    bool ok = false;
    const qint64 ms = text.toLongLong(&ok);
    if (ok)
        return ms;
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid()) {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (!d.isValid())
            return std::nullopt;
        dt = d.startOfDay(Qt::UTC);
    }
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeSpec(Qt::UTC); // no offset given: UTC
    return dt.toMSecsSinceEpoch();
}

std::optional<qint64> AdminJson::parseTime(const QJsonValue &value)
{
    if (value.isDouble())
        return qint64(value.toDouble());
    if (value.isString())
        return parseTime(value.toString());
    return std::nullopt;
}

QJsonObject AdminJson::user(const UserRow &row)
{
    return QJsonObject{{QStringLiteral("id"), row.id},
                       {QStringLiteral("email"), row.email},
                       {QStringLiteral("name"), row.name},
                       {QStringLiteral("role"), row.role},
                       {QStringLiteral("disabled"), row.disabled},
                       {QStringLiteral("createdAt"), time(row.createdAtMs)},
                       {QStringLiteral("updatedAt"), time(row.updatedAtMs)}};
}

QJsonObject AdminJson::account(const AccountRow &row)
{
    return QJsonObject{{QStringLiteral("id"), row.id},
                       {QStringLiteral("name"), row.name},
                       {QStringLiteral("provider"), row.provider},
                       {QStringLiteral("baseUrl"), row.baseUrl},
                       {QStringLiteral("hasApiKey"), !row.secretSealed.isEmpty()},
                       {QStringLiteral("models"), QJsonArray::fromStringList(row.models)},
                       {QStringLiteral("enabled"), row.enabled},
                       {QStringLiteral("priority"), row.priority},
                       {QStringLiteral("weight"), row.weight},
                       {QStringLiteral("createdAt"), time(row.createdAtMs)},
                       {QStringLiteral("updatedAt"), time(row.updatedAtMs)}};
}

QJsonObject AdminJson::apiKey(const ApiKeyRow &row, qint64 nowMs)
{
    QString status = QStringLiteral("active");
    if (row.revokedAtMs > 0)
        status = QStringLiteral("revoked");
    else if (row.disabled)
        status = QStringLiteral("disabled");
    else if (row.expiresAtMs > 0 && row.expiresAtMs <= nowMs)
        status = QStringLiteral("expired");
    return QJsonObject{{QStringLiteral("id"), row.id},
                       {QStringLiteral("name"), row.name},
                       {QStringLiteral("userId"), row.userId},
                       {QStringLiteral("keyHint"), row.keyHint},
                       {QStringLiteral("models"), QJsonArray::fromStringList(row.models)},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("disabled"), row.disabled},
                       {QStringLiteral("expiresAt"), time(row.expiresAtMs)},
                       {QStringLiteral("revokedAt"), time(row.revokedAtMs)},
                       {QStringLiteral("createdAt"), time(row.createdAtMs)},
                       {QStringLiteral("lastUsedAt"), time(row.lastUsedAtMs)}};
}
