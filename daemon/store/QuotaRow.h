// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/GovernanceRules.h"

#include <QString>
#include <QtGlobal>

// One row of `quotas`. Limits of 0 are "not set"; costs are micro-USD. `enterpriseId` is the
// tenant of the scope object (0: a system-wide object), derived by QuotaRepository on insert.
struct QuotaRow
{
    qint64 id = 0;
    qint64 enterpriseId = 0;
    LimitScope scope = LimitScope::Key;
    qint64 scopeId = 0;
    QString model; // "" every model; "claude-opus*" a prefix; else the exact name
    qint64 rpm = 0;
    qint64 tpm = 0;
    qint64 concurrency = 0;
    qint64 dailyTokens = 0;
    qint64 monthlyTokens = 0;
    MicroUsd dailyCostMicros = 0;
    MicroUsd monthlyCostMicros = 0;
    bool enabled = true;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;

    // Whether at least one limit is set.
    bool hasLimit() const
    {
        return rpm > 0 || tpm > 0 || concurrency > 0 || dailyTokens > 0 || monthlyTokens > 0 ||
               dailyCostMicros > 0 || monthlyCostMicros > 0;
    }

    // The rule the governance engine applies (scopeName is the loader's to fill).
    QuotaRule rule() const
    {
        QuotaRule r;
        r.id = id;
        r.scope = scope;
        r.scopeId = scopeId;
        r.model = model;
        r.rpm = rpm;
        r.tpm = tpm;
        r.concurrency = concurrency;
        r.dailyTokens = dailyTokens;
        r.monthlyTokens = monthlyTokens;
        r.dailyCost = dailyCostMicros;
        r.monthlyCost = monthlyCostMicros;
        r.enabled = enabled;
        return r;
    }
};
