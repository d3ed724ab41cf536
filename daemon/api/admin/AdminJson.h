// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AccountRow.h"
#include "store/ApiKeyRow.h"
#include "store/PoolRow.h"
#include "store/ProxyRow.h"
#include "store/UserRow.h"

#include <QJsonObject>
#include <QJsonValue>

#include <optional>

class SecretBox;

// The admin API's JSON shapes (camelCase; timestamps ISO 8601 UTC). Secrets never appear.
class AdminJson
{
public:
    static QJsonObject user(const UserRow &row);
    // With `secrets` the proxy URL is shown redacted (user:***@) and an OAuth account shows
    // when its access token expires; without, the proxy shows as "(set)".
    static QJsonObject account(const AccountRow &row, const SecretBox *secrets = nullptr);
    static QJsonObject pool(const PoolRow &row);
    static QJsonObject proxy(const ProxyRow &row, const SecretBox *secrets);
    static QJsonObject apiKey(const ApiKeyRow &row, qint64 nowMs);
    static QJsonValue time(qint64 ms); // null for 0

    // Parses an ISO 8601 date-time or epoch milliseconds; nullopt if neither.
    static std::optional<qint64> parseTime(const QJsonValue &value);
    static std::optional<qint64> parseTime(const QString &text);

private:
    static QJsonObject base(const AccountRow &row);
};
