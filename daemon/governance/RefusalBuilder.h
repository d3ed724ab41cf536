// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "governance/Governor.h"

// A limit a call did not fit, with what the refusal must say about it.
struct LimitBreach
{
    enum class Kind
    {
        Quota,        // 429
        Budget,       // 402 budget_exceeded
        BudgetOffline // 503: a hard budget cannot be checked (database lost past the grace)
    };
    Kind kind = Kind::Quota;
    // "rpm", "tpm", "concurrency", "dailyTokens", "monthlyTokens", "dailyCost", "monthlyCost"
    // or "budget".
    QString limit;
    LimitScope scope = LimitScope::Key;
    QString scopeName;
    QString budgetName;
    BudgetPeriod period = BudgetPeriod::Month;
    qint64 max = 0; // tokens, requests, calls or micro-USD
    qint64 used = 0;
    qint64 resetAtMs = 0;        // 0: no fixed reset (concurrency)
    qint64 databaseLostAtMs = 0; // BudgetOffline
};

// Builds refusals: status, type, a message naming the limit, its scope and its reset instant
// (ISO 8601 UTC), and the headers retry-after and x-ratelimit-{limit,remaining,reset}-<name>.
class RefusalBuilder
{
public:
    static AdmissionRefusal build(const LimitBreach &breach, qint64 nowMs);
    // x-ratelimit-* headers of one limit; `remaining` is clamped at 0.
    static HttpHeaderList rateLimitHeaders(const QString &limit, qint64 max, qint64 remaining,
                                           qint64 resetAtMs);
    // "requests", "tokens", "concurrency", "tokens-day", "tokens-month", "cost-day",
    // "cost-month", "budget": the header suffix of a limit.
    static QByteArray headerName(const QString &limit);
    // Micro-USD as USD: "50.00", or more decimals when cents do not suffice ("0.000125").
    static QString usd(qint64 micros);
    static bool isCost(const QString &limit);
};
