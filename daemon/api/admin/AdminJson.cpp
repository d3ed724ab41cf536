// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/AdminJson.h"
#include "domain/Provider.h"

#include "api/admin/JsonNumbers.h"
#include "base/ProxyUrl.h"
#include "crypto/SecretBox.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

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
        return ms >= 0 && ms <= JsonNumbers::MaxTimeMs ? std::optional<qint64>(ms) : std::nullopt;
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
        return JsonNumbers::wholeNumber(value, 0, JsonNumbers::MaxTimeMs);
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
                       {QStringLiteral("enterpriseId"),
                        row.enterpriseId > 0 ? QJsonValue(row.enterpriseId) : QJsonValue::Null},
                       {QStringLiteral("departmentId"),
                        row.departmentId > 0 ? QJsonValue(row.departmentId) : QJsonValue::Null},
                       {QStringLiteral("createdAt"), time(row.createdAtMs)},
                       {QStringLiteral("updatedAt"), time(row.updatedAtMs)}};
}

static QJsonValue openedProxy(const QByteArray &sealed, const SecretBox *secrets)
{
    if (sealed.isEmpty())
        return QJsonValue::Null;
    if (!secrets)
        return QStringLiteral("(set)");
    const auto url = secrets->open(sealed);
    if (!url)
        return QStringLiteral("(cannot be decrypted)");
    return ProxyUrl::redacted(QString::fromUtf8(*url));
}

QJsonObject AdminJson::account(const AccountRow &row, const SecretBox *secrets)
{
    QJsonObject modelMap;
    for (auto it = row.modelMap.cbegin(); it != row.modelMap.cend(); ++it)
        modelMap.insert(it.key(), it.value());
    QJsonObject o = base(row);
    o.insert(QStringLiteral("maxConcurrency"), row.maxConcurrency);
    o.insert(QStringLiteral("modelMap"), modelMap);
    o.insert(QStringLiteral("proxy"), openedProxy(row.proxySealed, secrets));
    o.insert(QStringLiteral("proxyId"), row.proxyId > 0 ? QJsonValue(row.proxyId) : QJsonValue());
    o.insert(QStringLiteral("needsAttention"), row.needsAttention);
    if (Providers::is(row.provider, Provider::AnthropicOAuth)) {
        // Tokens are never shown; only whether they exist and when the access token expires.
        QJsonObject oauth{{QStringLiteral("hasTokens"), !row.oauthSealed.isEmpty()}};
        if (secrets && !row.oauthSealed.isEmpty()) {
            const auto json = secrets->open(row.oauthSealed);
            const QJsonObject t = json ? QJsonDocument::fromJson(*json).object() : QJsonObject();
            oauth.insert(QStringLiteral("expiresAt"),
                         time(t.value(QLatin1String("expiresAtMs")).toInteger()));
            oauth.insert(QStringLiteral("scopes"), t.value(QLatin1String("scopes")).toString());
        }
        o.insert(QStringLiteral("oauth"), oauth);
    }
    return o;
}

QJsonObject AdminJson::pool(const PoolRow &row)
{
    QJsonArray ids;
    for (qint64 id : row.accountIds)
        ids.append(id);
    return QJsonObject{{QStringLiteral("id"), row.id},
                       {QStringLiteral("name"), row.name},
                       {QStringLiteral("strategy"), row.strategy},
                       {QStringLiteral("accountIds"), ids},
                       {QStringLiteral("enterpriseId"),
                        row.enterpriseId > 0 ? QJsonValue(row.enterpriseId) : QJsonValue::Null},
                       {QStringLiteral("createdAt"), time(row.createdAtMs)},
                       {QStringLiteral("updatedAt"), time(row.updatedAtMs)}};
}

QJsonObject AdminJson::proxy(const ProxyRow &row, const SecretBox *secrets)
{
    return QJsonObject{{QStringLiteral("id"), row.id},
                       {QStringLiteral("name"), row.name},
                       {QStringLiteral("url"), openedProxy(row.urlSealed, secrets)},
                       {QStringLiteral("enterpriseId"),
                        row.enterpriseId > 0 ? QJsonValue(row.enterpriseId) : QJsonValue::Null},
                       {QStringLiteral("createdAt"), time(row.createdAtMs)},
                       {QStringLiteral("updatedAt"), time(row.updatedAtMs)}};
}

QJsonObject AdminJson::base(const AccountRow &row)
{
    return QJsonObject{{QStringLiteral("id"), row.id},
                       {QStringLiteral("name"), row.name},
                       {QStringLiteral("provider"), row.provider},
                       {QStringLiteral("enterpriseId"),
                        row.enterpriseId > 0 ? QJsonValue(row.enterpriseId) : QJsonValue::Null},
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
    return QJsonObject{
        {QStringLiteral("id"), row.id},
        {QStringLiteral("name"), row.name},
        {QStringLiteral("userId"), row.userId},
        {QStringLiteral("keyHint"), row.keyHint},
        {QStringLiteral("models"), QJsonArray::fromStringList(row.models)},
        {QStringLiteral("status"), status},
        {QStringLiteral("disabled"), row.disabled},
        {QStringLiteral("expiresAt"), time(row.expiresAtMs)},
        {QStringLiteral("revokedAt"), time(row.revokedAtMs)},
        {QStringLiteral("createdAt"), time(row.createdAtMs)},
        {QStringLiteral("lastUsedAt"), time(row.lastUsedAtMs)},
        {QStringLiteral("poolId"), row.poolId > 0 ? QJsonValue(row.poolId) : QJsonValue()}};
}
