// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/AlertInputs.h"
#include "alerts/CallWindow.h"
#include "store/AlertRuleRow.h"
#include "store/IncidentRow.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// Decides, from plain values, what the alert rules mean right now: which conditions hold,
// which incidents to open, which to refresh, which resolved themselves. No I/O and no clock:
// the time is an argument, so the state machine is tested directly.
class AlertEvaluator
{
public:
    // What a rule sees at one moment.
    struct Observation
    {
        QList<AlertBudget> budgets;
        QList<AlertQuota> quotas;
        QList<AlertAccount> accounts;
        const CallWindow *calls = nullptr;
    };

    // A budget threshold that fires once per period (see IncidentRepository::claimThreshold).
    struct ThresholdClaim
    {
        qint64 budgetId = 0;
        qint64 periodStartMs = 0;
        int threshold = 0;
    };

    // A rule's condition holding for one subject.
    struct Condition
    {
        qint64 ruleId = 0;
        QString subject;
        QString title;
        QString summary;
        QJsonObject details;
        std::optional<ThresholdClaim> claim;
    };

    struct Plan
    {
        QList<Condition> open;                   // new incidents (after claims, for budgets)
        QList<QPair<qint64, Condition>> refresh; // active incident id -> latest measurement
        QList<qint64> resolve;                   // active incidents whose condition cleared
        int suppressed = 0;                      // conditions held back by the rule's cooldown
    };

    // The conditions of one rule that hold now.
    static QList<Condition> conditions(const AlertRuleRow &rule, const Observation &observation,
                                       qint64 nowMs);

    // `active`: incidents not resolved; `lastOpened`: "<ruleId>|<subject>" -> when the last
    // incident for it opened (for the cooldown). Incidents of rules not in `rules` (deleted,
    // disabled) resolve.
    static Plan plan(const QList<AlertRuleRow> &rules, const Observation &observation,
                     const QList<IncidentRow> &active, const QHash<QString, qint64> &lastOpened,
                     qint64 nowMs);

    static QString key(qint64 ruleId, const QString &subject)
    {
        return QStringLiteral("%1|%2").arg(ruleId).arg(subject);
    }
};
