// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/RefusalBuilder.h"

#include "governance/PeriodMath.h"

namespace {

QString limitPhrase(const QString &limit)
{
    if (limit == QLatin1String("rpm"))
        return QStringLiteral("requests-per-minute limit");
    if (limit == QLatin1String("tpm"))
        return QStringLiteral("tokens-per-minute limit");
    if (limit == QLatin1String("concurrency"))
        return QStringLiteral("concurrency limit");
    if (limit == QLatin1String("dailyTokens"))
        return QStringLiteral("daily token limit");
    if (limit == QLatin1String("monthlyTokens"))
        return QStringLiteral("monthly token limit");
    if (limit == QLatin1String("dailyCost"))
        return QStringLiteral("daily cost limit");
    if (limit == QLatin1String("monthlyCost"))
        return QStringLiteral("monthly cost limit");
    return limit;
}

QString amount(const QString &limit, qint64 max)
{
    if (RefusalBuilder::isCost(limit))
        return RefusalBuilder::usd(max) + QStringLiteral(" USD");
    if (limit == QLatin1String("rpm"))
        return QStringLiteral("%1 requests").arg(max);
    if (limit == QLatin1String("concurrency"))
        return QStringLiteral("%1 calls in flight").arg(max);
    return QStringLiteral("%1 tokens").arg(max);
}

QString periodAdjective(BudgetPeriod p)
{
    switch (p) {
    case BudgetPeriod::Day:
        return QStringLiteral("daily");
    case BudgetPeriod::Week:
        return QStringLiteral("weekly");
    case BudgetPeriod::Month:
        return QStringLiteral("monthly");
    }
    return {};
}

} // namespace

bool RefusalBuilder::isCost(const QString &limit)
{
    return limit == QLatin1String("dailyCost") || limit == QLatin1String("monthlyCost") ||
           limit == QLatin1String("budget");
}

QString RefusalBuilder::usd(qint64 micros)
{
    const bool negative = micros < 0;
    const quint64 m = negative ? quint64(-(micros + 1)) + 1 : quint64(micros);
    QString whole = QString::number(m / 1000000);
    QString frac = QStringLiteral("%1").arg(m % 1000000, 6, 10, QLatin1Char('0'));
    while (frac.size() > 2 && frac.endsWith(QLatin1Char('0')))
        frac.chop(1);
    return (negative ? QStringLiteral("-") : QString()) + whole + QLatin1Char('.') + frac;
}

QByteArray RefusalBuilder::headerName(const QString &limit)
{
    if (limit == QLatin1String("rpm"))
        return "requests";
    if (limit == QLatin1String("tpm"))
        return "tokens";
    if (limit == QLatin1String("concurrency"))
        return "concurrency";
    if (limit == QLatin1String("dailyTokens"))
        return "tokens-day";
    if (limit == QLatin1String("monthlyTokens"))
        return "tokens-month";
    if (limit == QLatin1String("dailyCost"))
        return "cost-day";
    if (limit == QLatin1String("monthlyCost"))
        return "cost-month";
    return "budget";
}

HttpHeaderList RefusalBuilder::rateLimitHeaders(const QString &limit, qint64 max, qint64 remaining,
                                                qint64 resetAtMs)
{
    const QByteArray name = headerName(limit);
    const qint64 left = qMax<qint64>(0, remaining);
    const bool cost = isCost(limit);
    HttpHeaderList h;
    h.append({"x-ratelimit-limit-" + name, cost ? usd(max).toLatin1() : QByteArray::number(max)});
    h.append(
        {"x-ratelimit-remaining-" + name, cost ? usd(left).toLatin1() : QByteArray::number(left)});
    if (resetAtMs > 0)
        h.append({"x-ratelimit-reset-" + name, PeriodMath::isoUtc(resetAtMs).toLatin1()});
    return h;
}

AdmissionRefusal RefusalBuilder::build(const LimitBreach &b, qint64 nowMs)
{
    AdmissionRefusal r;
    r.limit =
        b.kind == LimitBreach::Kind::BudgetOffline ? QStringLiteral("budget_unavailable") : b.limit;
    const QString scope = QStringLiteral("%1 '%2'").arg(LimitScopes::name(b.scope), b.scopeName);
    const QString reset = b.resetAtMs > 0
                              ? QStringLiteral("resets %1").arg(PeriodMath::isoUtc(b.resetAtMs))
                              : QStringLiteral("retry when one of them ends");
    qint64 retryAfterSecs = 1;
    if (b.resetAtMs > nowMs)
        retryAfterSecs = qMax<qint64>(1, (b.resetAtMs - nowMs + 999) / 1000);
    switch (b.kind) {
    case LimitBreach::Kind::Quota:
        r.status = 429;
        r.type = QStringLiteral("rate_limit_exceeded");
        r.message = QStringLiteral("%1 of %2 reached (%3); %4")
                        .arg(limitPhrase(b.limit), scope, amount(b.limit, b.max), reset);
        break;
    case LimitBreach::Kind::Budget:
        r.status = 402;
        r.type = QStringLiteral("budget_exceeded");
        r.message = QStringLiteral("%1 budget '%2' of %3 reached (%4 USD); %5")
                        .arg(periodAdjective(b.period), b.budgetName, scope, usd(b.max), reset);
        break;
    case LimitBreach::Kind::BudgetOffline:
        r.status = 503;
        r.type = QStringLiteral("budget_unavailable");
        retryAfterSecs = 30;
        r.message = QStringLiteral("%1 budget '%2' of %3 cannot be checked: the database has "
                                   "been unreachable since %4; calls resume when it is back")
                        .arg(periodAdjective(b.period), b.budgetName, scope,
                             PeriodMath::isoUtc(b.databaseLostAtMs));
        break;
    }
    r.headers.append({"retry-after", QByteArray::number(retryAfterSecs)});
    if (b.kind != LimitBreach::Kind::BudgetOffline)
        r.headers += rateLimitHeaders(b.limit, b.max, b.max - b.used,
                                      b.resetAtMs > 0 ? b.resetAtMs : nowMs + 1000);
    return r;
}
