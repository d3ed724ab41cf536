// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/AlertInputs.h"
#include "domain/AccessModel.h"
#include "domain/RelaySnapshot.h"

class RoutingService;

// Builds the alert inputs from the daemon's live objects: the Governor's statuses joined with
// the rules of the snapshot (names, thresholds, scopes), the enterprise of each scope from the
// access model, and the accounts' routing health.
namespace AlertSources {

QList<AlertBudget> budgets(const QList<BudgetStatus> &statuses, const GovernanceRules &rules,
                           const AccessModel *access);
QList<AlertQuota> quotas(const QList<QuotaStatus> &statuses, const GovernanceRules &rules,
                         const AccessModel *access);
QList<AlertAccount> accounts(const RoutingService &routing, const RelaySnapshot &snapshot,
                             qint64 nowMs);

} // namespace AlertSources
