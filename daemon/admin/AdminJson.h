// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AccountRow.h"
#include "store/ApiKeyRow.h"
#include "store/UserRow.h"

#include <QJsonObject>
#include <QJsonValue>

#include <optional>

// The admin API's JSON shapes (camelCase; timestamps ISO 8601 UTC). Secrets never appear.
class AdminJson
{
public:
    static QJsonObject user(const UserRow &row);
    static QJsonObject account(const AccountRow &row);
    static QJsonObject apiKey(const ApiKeyRow &row, qint64 nowMs);
    static QJsonValue time(qint64 ms); // null for 0

    // Parses an ISO 8601 date-time or epoch milliseconds; nullopt if neither.
    static std::optional<qint64> parseTime(const QJsonValue &value);
    static std::optional<qint64> parseTime(const QString &text);
};
