// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/AlertRuleSpec.h"

#include "domain/GovernanceRules.h"

#include <QJsonArray>

#include <limits>

namespace {

// A whole number in [min, max]; absent takes `fallback` (0 = stays absent).
bool integer(const QJsonObject &body, const QString &key, qint64 min, qint64 max, qint64 fallback,
             QJsonObject *out, QString *error)
{
    const QJsonValue v = body.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (fallback != 0)
            out->insert(key, fallback);
        return true;
    }
    const double d = v.toDouble(-1e300);
    if (!v.isDouble() || d != double(qint64(d)) || d < double(min) || d > double(max)) {
        *error = QStringLiteral("\"%1\" must be a whole number from %2 to %3.")
                     .arg(key)
                     .arg(min)
                     .arg(max);
        return false;
    }
    out->insert(key, qint64(d));
    return true;
}

bool text(const QJsonObject &body, const QString &key, int maxLength, QJsonObject *out,
          QString *error)
{
    const QJsonValue v = body.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString() || v.toString().size() > maxLength) {
        *error = QStringLiteral("\"%1\" must be a string of at most %2 characters.")
                     .arg(key)
                     .arg(maxLength);
        return false;
    }
    if (!v.toString().isEmpty())
        out->insert(key, v.toString());
    return true;
}

bool scopeFilter(const QJsonObject &body, bool budget, QJsonObject *out, QString *error)
{
    const QJsonValue scope = body.value(QLatin1String("scope"));
    if (scope.isUndefined() || scope.isNull()) {
        if (body.contains(QLatin1String("scopeId")) &&
            !body.value(QLatin1String("scopeId")).isNull()) {
            *error = QStringLiteral("\"scopeId\" needs \"scope\".");
            return false;
        }
        return true;
    }
    LimitScope parsed;
    if (!scope.isString() || !LimitScopes::fromName(scope.toString(), &parsed) ||
        (budget && parsed == LimitScope::Key)) {
        *error = budget ? QStringLiteral("\"scope\" must be one of user, group, department, "
                                         "enterprise.")
                        : QStringLiteral("\"scope\" must be one of key, user, group, department, "
                                         "enterprise.");
        return false;
    }
    out->insert(QStringLiteral("scope"), scope.toString());
    return integer(body, QStringLiteral("scopeId"), 1, std::numeric_limits<qint64>::max() / 2, 0,
                   out, error);
}

bool callFilters(const QJsonObject &body, QJsonObject *out, QString *error)
{
    if (!scopeFilter(body, false, out, error))
        return false;
    if (out->contains(QLatin1String("scope")) && !out->contains(QLatin1String("scopeId"))) {
        *error = QStringLiteral("\"scope\" needs \"scopeId\" (the key, user, group, department "
                                "or enterprise id).");
        return false;
    }
    return integer(body, QStringLiteral("accountId"), 1, std::numeric_limits<qint64>::max() / 2, 0,
                   out, error) &&
           text(body, QStringLiteral("provider"), 40, out, error) &&
           text(body, QStringLiteral("model"), 200, out, error);
}

} // namespace

QStringList AlertRuleSpec::kinds()
{
    return {QStringLiteral("budget_threshold"), QStringLiteral("quota_threshold"),
            QStringLiteral("account_cooldown"), QStringLiteral("account_needs_attention"),
            QStringLiteral("error_rate"),       QStringLiteral("latency_p95")};
}

bool AlertRuleSpec::isKnownKind(const QString &kind)
{
    return kinds().contains(kind);
}

QStringList AlertRuleSpec::paramKeys(const QString &kind)
{
    if (kind == QLatin1String("budget_threshold"))
        return {QStringLiteral("budgetId"), QStringLiteral("scope"), QStringLiteral("scopeId"),
                QStringLiteral("thresholds")};
    if (kind == QLatin1String("quota_threshold"))
        return {QStringLiteral("quotaId"), QStringLiteral("scope"), QStringLiteral("scopeId"),
                QStringLiteral("thresholdPercent"), QStringLiteral("limit")};
    if (kind == QLatin1String("account_cooldown") ||
        kind == QLatin1String("account_needs_attention"))
        return {QStringLiteral("accountId")};
    if (kind == QLatin1String("error_rate"))
        return {QStringLiteral("windowSeconds"), QStringLiteral("thresholdPercent"),
                QStringLiteral("minRequests"),   QStringLiteral("accountId"),
                QStringLiteral("provider"),      QStringLiteral("model"),
                QStringLiteral("scope"),         QStringLiteral("scopeId")};
    if (kind == QLatin1String("latency_p95"))
        return {QStringLiteral("windowSeconds"), QStringLiteral("thresholdMs"),
                QStringLiteral("minRequests"),   QStringLiteral("accountId"),
                QStringLiteral("provider"),      QStringLiteral("model"),
                QStringLiteral("scope"),         QStringLiteral("scopeId")};
    return {};
}

QJsonObject AlertRuleSpec::normalise(const QString &kind, const QJsonObject &body, bool tenantRule,
                                     QString *error)
{
    QJsonObject out;
    const qint64 maxId = std::numeric_limits<qint64>::max() / 2;
    bool ok = true;
    if (kind == QLatin1String("budget_threshold")) {
        ok = integer(body, QStringLiteral("budgetId"), 1, maxId, 0, &out, error) &&
             scopeFilter(body, true, &out, error);
        const QJsonValue t = body.value(QLatin1String("thresholds"));
        if (ok && !t.isUndefined() && !t.isNull()) {
            QJsonArray clean;
            const QJsonArray a = t.toArray();
            for (const QJsonValue &v : a) {
                const double d = v.toDouble(-1);
                if (!v.isDouble() || d != double(int(d)) || d < 1 || d > 1000) {
                    *error = QStringLiteral("\"thresholds\" must be an array of whole percents "
                                            "from 1 to 1000, e.g. [80, 100].");
                    return {};
                }
                clean.append(int(d));
            }
            if (!t.isArray() || clean.isEmpty() || clean.size() > 10) {
                *error = QStringLiteral("\"thresholds\" must be an array of 1 to 10 percents, "
                                        "e.g. [80, 100]; leave it out to use the budget's own.");
                return {};
            }
            out.insert(QStringLiteral("thresholds"), clean);
        }
    } else if (kind == QLatin1String("quota_threshold")) {
        ok = integer(body, QStringLiteral("quotaId"), 1, maxId, 0, &out, error) &&
             scopeFilter(body, false, &out, error) &&
             integer(body, QStringLiteral("thresholdPercent"), 1, 1000, 90, &out, error) &&
             text(body, QStringLiteral("limit"), 40, &out, error);
        static const QStringList limits{
            QStringLiteral("rpm"),           QStringLiteral("tpm"),
            QStringLiteral("concurrency"),   QStringLiteral("dailyTokens"),
            QStringLiteral("monthlyTokens"), QStringLiteral("dailyCost"),
            QStringLiteral("monthlyCost")};
        if (ok && out.contains(QLatin1String("limit")) &&
            !limits.contains(out.value(QLatin1String("limit")).toString())) {
            *error = QStringLiteral("\"limit\" must be one of %1.")
                         .arg(limits.join(QStringLiteral(", ")));
            return {};
        }
    } else if (kind == QLatin1String("account_cooldown") ||
               kind == QLatin1String("account_needs_attention")) {
        if (tenantRule) {
            *error = QStringLiteral("Account alerts are system-wide: create the rule without "
                                    "\"enterpriseId\" (system staff only).");
            return {};
        }
        ok = integer(body, QStringLiteral("accountId"), 1, maxId, 0, &out, error);
    } else if (kind == QLatin1String("error_rate")) {
        ok = integer(body, QStringLiteral("windowSeconds"), 10, 86400, 300, &out, error) &&
             integer(body, QStringLiteral("thresholdPercent"), 1, 100, 10, &out, error) &&
             integer(body, QStringLiteral("minRequests"), 1, 1000000, 20, &out, error) &&
             callFilters(body, &out, error);
    } else if (kind == QLatin1String("latency_p95")) {
        if (!body.contains(QLatin1String("thresholdMs"))) {
            *error = QStringLiteral("A latency_p95 rule needs \"thresholdMs\" (e.g. 20000).");
            return {};
        }
        ok = integer(body, QStringLiteral("windowSeconds"), 10, 86400, 300, &out, error) &&
             integer(body, QStringLiteral("thresholdMs"), 1, 3600000, 0, &out, error) &&
             integer(body, QStringLiteral("minRequests"), 1, 1000000, 20, &out, error) &&
             callFilters(body, &out, error);
    } else {
        *error =
            QStringLiteral("\"kind\" must be one of %1.").arg(kinds().join(QStringLiteral(", ")));
        return {};
    }
    if (!ok)
        return {};
    return out;
}
