// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/BudgetFields.h"

#include "api/admin/AdminJson.h"
#include "api/admin/JsonNumbers.h"
#include "api/admin/PeriodWindow.h"
#include "api/admin/UsdAmount.h"
#include "store/BudgetRepository.h"

#include <QJsonArray>

namespace {

const QStringList &knownFields()
{
    static const QStringList known = {QStringLiteral("name"),       QStringLiteral("scope"),
                                      QStringLiteral("scopeId"),    QStringLiteral("period"),
                                      QStringLiteral("amount"),     QStringLiteral("hard"),
                                      QStringLiteral("thresholds"), QStringLiteral("enabled")};
    return known;
}

QString thresholdsHelp()
{
    return QStringLiteral("\"thresholds\" must be an array of 1 to 10 percentages from 1 to 100, "
                          "ascending and without repeats (default [80,95,100]).");
}

} // namespace

QString BudgetFields::apply(const QJsonObject &body, BudgetRow &row, bool create)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!knownFields().contains(it.key()))
            return QStringLiteral("Unknown field \"%1\". Known fields: %2.")
                .arg(it.key(), knownFields().join(QStringLiteral(", ")));
    }
    const QJsonValue scope = body.value(QLatin1String("scope"));
    const QJsonValue scopeId = body.value(QLatin1String("scopeId"));
    if (create) {
        LimitScope s = LimitScope::Enterprise;
        if (!scope.isString() || !LimitScopes::fromName(scope.toString(), &s) ||
            s == LimitScope::Key)
            return QStringLiteral("\"scope\" is required: one of user, group, department or "
                                  "enterprise (a budget does not apply to a single key; use a "
                                  "quota with dailyCost or monthlyCost for that).");
        row.scope = s;
        const auto id = JsonNumbers::wholeNumber(scopeId, 1, JsonNumbers::MaxExact);
        if (!id)
            return QStringLiteral("\"scopeId\" is required: the id of the %1 the budget applies "
                                  "to.")
                .arg(LimitScopes::name(row.scope));
        row.scopeId = *id;
    } else {
        LimitScope sent = row.scope;
        if (!scope.isUndefined() &&
            (!scope.isString() || !LimitScopes::fromName(scope.toString(), &sent) ||
             sent != row.scope))
            return QStringLiteral("\"scope\" cannot change; delete the budget and create one for "
                                  "the new scope.");
        if (!scopeId.isUndefined() &&
            JsonNumbers::wholeNumber(scopeId, 1, JsonNumbers::MaxExact) != row.scopeId)
            return QStringLiteral("\"scopeId\" cannot change; delete the budget and create one "
                                  "for the new scope.");
    }
    if (body.contains(QLatin1String("name")) || create) {
        const QJsonValue v = body.value(QLatin1String("name"));
        const QString name = v.toString().trimmed();
        if (!v.isString() || name.isEmpty() || name.size() > BudgetRepository::MaxNameLength)
            return QStringLiteral("\"name\" is required (1 to %1 characters).")
                .arg(BudgetRepository::MaxNameLength);
        row.name = name;
    }
    if (body.contains(QLatin1String("period")) || create) {
        const QJsonValue v = body.value(QLatin1String("period"));
        if (!v.isString() || !BudgetPeriods::fromName(v.toString(), &row.period))
            return QStringLiteral("\"period\" is required: day, week or month.");
    }
    if (body.contains(QLatin1String("amount")) || create) {
        const auto micros = UsdAmount::parse(body.value(QLatin1String("amount")));
        if (!micros || *micros <= 0)
            return QStringLiteral("\"amount\" is required: USD above 0 and at most %1, with at "
                                  "most 6 decimals (e.g. 500 or 49.99).")
                .arg(UsdAmount::MaxMicros / 1000000);
        row.amountMicros = *micros;
    }
    if (body.contains(QLatin1String("hard"))) {
        const QJsonValue v = body.value(QLatin1String("hard"));
        if (!v.isBool())
            return QStringLiteral("\"hard\" must be true (refuse calls past the budget) or false "
                                  "(alert only).");
        row.hard = v.toBool();
    } else if (create) {
        row.hard = false;
    }
    if (body.contains(QLatin1String("thresholds"))) {
        const QJsonValue v = body.value(QLatin1String("thresholds"));
        if (!v.isArray() || v.toArray().isEmpty() || v.toArray().size() > 10)
            return thresholdsHelp();
        QList<int> thresholds;
        const QJsonArray arr = v.toArray();
        for (const QJsonValue &t : arr) {
            const auto n = JsonNumbers::wholeNumber(t, 1, 100);
            if (!n)
                return thresholdsHelp();
            thresholds.append(int(*n));
        }
        if (!BudgetRepository::checkThresholds(thresholds).isEmpty())
            return thresholdsHelp();
        row.thresholds = thresholds;
    } else if (create) {
        row.thresholds = BudgetRow::defaultThresholds();
    }
    if (body.contains(QLatin1String("enabled"))) {
        const QJsonValue v = body.value(QLatin1String("enabled"));
        if (!v.isBool())
            return QStringLiteral("\"enabled\" must be true or false.");
        row.enabled = v.toBool();
    }
    return {};
}

QJsonObject BudgetFields::ruleJson(const BudgetRow &row)
{
    QJsonArray thresholds;
    for (int t : row.thresholds)
        thresholds.append(t);
    return QJsonObject{{QStringLiteral("id"), row.id},
                       {QStringLiteral("name"), row.name},
                       {QStringLiteral("scope"), LimitScopes::name(row.scope)},
                       {QStringLiteral("scopeId"), row.scopeId},
                       {QStringLiteral("enterpriseId"),
                        row.enterpriseId > 0 ? QJsonValue(row.enterpriseId) : QJsonValue::Null},
                       {QStringLiteral("period"), BudgetPeriods::name(row.period)},
                       {QStringLiteral("amount"), UsdAmount::toJson(row.amountMicros)},
                       {QStringLiteral("hard"), row.hard},
                       {QStringLiteral("thresholds"), thresholds},
                       {QStringLiteral("enabled"), row.enabled},
                       {QStringLiteral("createdAt"), AdminJson::time(row.createdAtMs)},
                       {QStringLiteral("updatedAt"), AdminJson::time(row.updatedAtMs)}};
}

QJsonObject BudgetFields::toJson(const BudgetRow &row, const std::optional<BudgetStatus> &status,
                                 qint64 nowMs, const QTimeZone &zone)
{
    BudgetStatus use;
    if (status) {
        use = *status;
    } else {
        const PeriodWindow window = PeriodWindow::of(row.period, nowMs, zone);
        use.budgetId = row.id;
        use.amount = row.amountMicros;
        use.remaining = row.amountMicros;
        use.periodStartMs = window.startMs;
        use.periodEndMs = window.endMs;
    }
    QJsonObject o = ruleJson(row);
    o.insert(QStringLiteral("spent"), UsdAmount::toJson(use.spent));
    o.insert(QStringLiteral("remaining"), UsdAmount::toJson(std::max<MicroUsd>(0, use.remaining)));
    o.insert(QStringLiteral("forecast"), UsdAmount::toJson(use.forecast));
    o.insert(QStringLiteral("periodStart"), AdminJson::time(use.periodStartMs));
    o.insert(QStringLiteral("periodEnd"), AdminJson::time(use.periodEndMs));
    o.insert(QStringLiteral("counted"), status.has_value());
    return o;
}
