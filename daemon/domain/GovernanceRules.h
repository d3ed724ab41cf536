// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <memory>

// Where a quota or a budget applies. A call counts against every scope it belongs to: its key,
// the key's user, every group the user is a member of (and the key's own group), the user's
// department and each of its parents, and the enterprise.
enum class LimitScope
{
    Key,
    User,
    Group,
    Department,
    Enterprise
};

// Money is held in micro-USD (1 USD = 1,000,000) wherever it is counted or compared, so sums
// are exact; the API speaks USD as JSON numbers.
using MicroUsd = qint64;

// A rate and volume limit (POST /api/quotas). A limit of 0 is "not set".
struct QuotaRule
{
    qint64 id = 0;
    LimitScope scope = LimitScope::Key;
    qint64 scopeId = 0;
    QString scopeName; // the key's, user's, group's, ... name, for refusal messages
    // "" = every model; "claude-opus*" = a prefix; anything else the exact model name the client
    // asked for.
    QString model;
    qint64 rpm = 0;
    qint64 tpm = 0;
    qint64 concurrency = 0;
    qint64 dailyTokens = 0;
    qint64 monthlyTokens = 0;
    MicroUsd dailyCost = 0;
    MicroUsd monthlyCost = 0;
    bool enabled = true;
};

enum class BudgetPeriod
{
    Day,
    Week, // weeks start on Monday, in the quota time zone
    Month
};

// A spending budget (POST /api/budgets).
struct BudgetRule
{
    qint64 id = 0;
    QString name;
    LimitScope scope = LimitScope::Enterprise;
    qint64 scopeId = 0;
    QString scopeName;
    BudgetPeriod period = BudgetPeriod::Month;
    MicroUsd amount = 0;
    bool hard = false;     // hard: refuse (402) calls that would exceed it; soft: alert only
    QList<int> thresholds; // percentages, ascending; default {80, 95, 100}
    bool enabled = true;
};

// Every quota and budget, as loaded with the relay snapshot.
struct GovernanceRules
{
    QList<QuotaRule> quotas;
    QList<BudgetRule> budgets;
};

using GovernanceRulesPtr = std::shared_ptr<const GovernanceRules>;

namespace LimitScopes {
// "key", "user", "group", "department", "enterprise".
QString name(LimitScope scope);
// The scope for a wire name; false when unknown.
bool fromName(const QString &name, LimitScope *scope);
} // namespace LimitScopes

namespace BudgetPeriods {
// "day", "week", "month".
QString name(BudgetPeriod period);
bool fromName(const QString &name, BudgetPeriod *period);
} // namespace BudgetPeriods
