// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/QuotaFields.h"

#include "api/admin/AdminJson.h"
#include "api/admin/JsonNumbers.h"
#include "api/admin/PeriodWindow.h"
#include "api/admin/UsdAmount.h"
#include "store/QuotaRepository.h"

#include <QJsonArray>

namespace {

struct Limit
{
    const char *name;
    qint64 QuotaRow::*field;
    bool money;
};

const Limit Limits[] = {
    {"rpm", &QuotaRow::rpm, false},
    {"tpm", &QuotaRow::tpm, false},
    {"concurrency", &QuotaRow::concurrency, false},
    {"dailyTokens", &QuotaRow::dailyTokens, false},
    {"monthlyTokens", &QuotaRow::monthlyTokens, false},
    {"dailyCost", &QuotaRow::dailyCostMicros, true},
    {"monthlyCost", &QuotaRow::monthlyCostMicros, true},
};

const QStringList &knownFields()
{
    static const QStringList known = {
        QStringLiteral("scope"),       QStringLiteral("scopeId"),
        QStringLiteral("model"),       QStringLiteral("rpm"),
        QStringLiteral("tpm"),         QStringLiteral("concurrency"),
        QStringLiteral("dailyTokens"), QStringLiteral("monthlyTokens"),
        QStringLiteral("dailyCost"),   QStringLiteral("monthlyCost"),
        QStringLiteral("enabled")};
    return known;
}

QString scopeList()
{
    return QStringLiteral("key, user, group, department or enterprise");
}

} // namespace

bool QuotaFields::validModel(const QString &model)
{
    if (model.size() > QuotaRepository::MaxModelLength)
        return false;
    for (qsizetype i = 0; i < model.size(); ++i) {
        const QChar c = model.at(i);
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return false;
        if (c == QLatin1Char('*') && i != model.size() - 1)
            return false;
    }
    return true;
}

QString QuotaFields::apply(const QJsonObject &body, QuotaRow &row, bool create)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!knownFields().contains(it.key()))
            return QStringLiteral("Unknown field \"%1\". Known fields: %2.")
                .arg(it.key(), knownFields().join(QStringLiteral(", ")));
    }
    const QJsonValue scope = body.value(QLatin1String("scope"));
    const QJsonValue scopeId = body.value(QLatin1String("scopeId"));
    if (create) {
        if (!scope.isString() || !LimitScopes::fromName(scope.toString(), &row.scope))
            return QStringLiteral("\"scope\" is required: one of %1.").arg(scopeList());
        const auto id = JsonNumbers::wholeNumber(scopeId, 1, JsonNumbers::MaxExact);
        if (!id)
            return QStringLiteral("\"scopeId\" is required: the id of the %1 the quota applies "
                                  "to.")
                .arg(LimitScopes::name(row.scope));
        row.scopeId = *id;
    } else {
        // A quota keeps its scope; sending the same one back (a whole edited object) is fine.
        LimitScope sent = row.scope;
        if (!scope.isUndefined() &&
            (!scope.isString() || !LimitScopes::fromName(scope.toString(), &sent) ||
             sent != row.scope))
            return QStringLiteral("\"scope\" cannot change; delete the quota and create one for "
                                  "the new scope.");
        if (!scopeId.isUndefined() &&
            JsonNumbers::wholeNumber(scopeId, 1, JsonNumbers::MaxExact) != row.scopeId)
            return QStringLiteral("\"scopeId\" cannot change; delete the quota and create one for "
                                  "the new scope.");
    }
    if (body.contains(QLatin1String("model"))) {
        const QJsonValue v = body.value(QLatin1String("model"));
        if (v.isNull()) {
            row.model.clear();
        } else if (!v.isString() || !validModel(v.toString().trimmed())) {
            return QStringLiteral("\"model\" must be a model name (e.g. \"claude-sonnet-4-5\") or "
                                  "a prefix ending in '*' (e.g. \"claude-opus*\"), at most %1 "
                                  "characters without spaces; omit it for every model.")
                .arg(QuotaRepository::MaxModelLength);
        } else {
            row.model = v.toString().trimmed();
        }
    }
    for (const Limit &limit : Limits) {
        const QString name = QLatin1String(limit.name);
        if (!body.contains(name))
            continue;
        const QJsonValue v = body.value(name);
        if (v.isNull()) {
            row.*limit.field = 0;
            continue;
        }
        if (limit.money) {
            const auto micros = UsdAmount::parse(v);
            if (!micros)
                return QStringLiteral("\"%1\" must be an amount in USD from 0 to %2 with at most "
                                      "6 decimals (e.g. 50 or 12.5); 0 or null means no limit.")
                    .arg(name)
                    .arg(UsdAmount::MaxMicros / 1000000);
            row.*limit.field = *micros;
        } else {
            const auto n = JsonNumbers::wholeNumber(v, 0, JsonNumbers::MaxExact);
            if (!n)
                return QStringLiteral("\"%1\" must be a whole number from 0 to %2; 0 or null "
                                      "means no limit.")
                    .arg(name)
                    .arg(JsonNumbers::MaxExact);
            row.*limit.field = *n;
        }
    }
    if (body.contains(QLatin1String("enabled"))) {
        const QJsonValue v = body.value(QLatin1String("enabled"));
        if (!v.isBool())
            return QStringLiteral("\"enabled\" must be true or false.");
        row.enabled = v.toBool();
    }
    if (!row.hasLimit())
        return QStringLiteral("Set at least one limit above 0: rpm, tpm, concurrency, "
                              "dailyTokens, monthlyTokens, dailyCost or monthlyCost.");
    return {};
}

QJsonObject QuotaFields::toJson(const QuotaRow &row)
{
    QJsonObject o{{QStringLiteral("id"), row.id},
                  {QStringLiteral("scope"), LimitScopes::name(row.scope)},
                  {QStringLiteral("scopeId"), row.scopeId},
                  {QStringLiteral("enterpriseId"),
                   row.enterpriseId > 0 ? QJsonValue(row.enterpriseId) : QJsonValue::Null},
                  {QStringLiteral("model"), row.model},
                  {QStringLiteral("enabled"), row.enabled},
                  {QStringLiteral("createdAt"), AdminJson::time(row.createdAtMs)},
                  {QStringLiteral("updatedAt"), AdminJson::time(row.updatedAtMs)}};
    for (const Limit &limit : Limits) {
        const qint64 v = row.*limit.field;
        o.insert(QLatin1String(limit.name),
                 limit.money ? UsdAmount::toJson(v) : QJsonValue(double(v)));
    }
    return o;
}

QJsonObject QuotaFields::status(const QuotaRow &row, const std::optional<QuotaStatus> &status,
                                qint64 nowMs, const QTimeZone &zone)
{
    QJsonArray limits;
    for (const Limit &limit : Limits) {
        const QString name = QLatin1String(limit.name);
        const qint64 max = row.*limit.field;
        if (max <= 0)
            continue;
        LimitUse use{name, max, 0, 0};
        bool counted = false;
        if (status) {
            for (const LimitUse &u : status->limits) {
                if (u.limit == name) {
                    use = u;
                    counted = true;
                    break;
                }
            }
        }
        if (!counted) {
            if (name.startsWith(QLatin1String("daily")))
                use.resetAtMs = PeriodWindow::of(BudgetPeriod::Day, nowMs, zone).endMs;
            else if (name.startsWith(QLatin1String("monthly")))
                use.resetAtMs = PeriodWindow::of(BudgetPeriod::Month, nowMs, zone).endMs;
        }
        auto value = [&](qint64 v) {
            return limit.money ? UsdAmount::toJson(v) : QJsonValue(double(v));
        };
        limits.append(QJsonObject{
            {QStringLiteral("limit"), name},
            {QStringLiteral("max"), value(use.max)},
            {QStringLiteral("used"), value(use.used)},
            {QStringLiteral("remaining"), value(std::max<qint64>(0, use.max - use.used))},
            {QStringLiteral("resetAt"), AdminJson::time(use.resetAtMs)}});
    }
    return QJsonObject{{QStringLiteral("quotaId"), row.id},
                       {QStringLiteral("enabled"), row.enabled},
                       {QStringLiteral("counted"), status.has_value()},
                       {QStringLiteral("limits"), limits}};
}
