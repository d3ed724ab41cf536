// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/GovernanceRules.h"
#include "governance/Governor.h"

#include <QList>
#include <QString>

#include <functional>

// What the alert rules watch, as plain values. Core fills the providers from the Governor,
// the routing state and the snapshot; tests feed them directly.
struct AlertBudget
{
    qint64 id = 0;
    QString name;
    qint64 enterpriseId = 0; // known for enterprise budgets; 0 = not known
    QString scope;           // LimitScopes::name
    qint64 scopeId = 0;
    QList<int> thresholds; // percentages
    MicroUsd amount = 0;
    MicroUsd spent = 0;
    qint64 periodStartMs = 0;
    qint64 periodEndMs = 0;
};

struct AlertQuota
{
    qint64 id = 0;
    QString name; // the scope's name, for messages
    qint64 enterpriseId = 0;
    QString scope;
    qint64 scopeId = 0;
    QList<LimitUse> limits;
};

struct AlertAccount
{
    qint64 id = 0;
    QString name;
    QString provider;
    bool coolingDown = false;
    qint64 cooldownUntilMs = 0;
    QString cooldownReason;
    bool needsAttention = false;
};

struct AlertProviders
{
    std::function<QList<AlertBudget>(qint64 nowMs)> budgets;
    std::function<QList<AlertQuota>(qint64 nowMs)> quotas;
    std::function<QList<AlertAccount>(qint64 nowMs)> accounts;
};

// One finished relayed call, as the error-rate and latency rules see it.
struct CallOutcome
{
    qint64 atMs = 0;
    bool error = false; // the relay or the upstream failed (5xx, no answer); not client errors
    qint64 latencyMs = 0;
    qint64 accountId = 0;
    qint64 enterpriseId = 0;
    qint64 departmentId = 0;
    qint64 groupId = 0;
    qint64 userId = 0;
    qint64 keyId = 0;
    QString provider;
    QString model;
};
