// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QtGlobal>

// One row of `alert_incidents`: a rule's condition met for one subject (a budget threshold,
// an account, the calls of a scope). At most one incident per (rule, subject) is not resolved.
struct IncidentRow
{
    qint64 id = 0;
    qint64 enterpriseId = 0; // the rule's
    qint64 ruleId = 0;
    QString ruleName;                       // read only (from the rule)
    QString subject;                        // e.g. "budget:3:80", "account:7", "calls"
    QString state = QStringLiteral("open"); // open | acknowledged | resolved
    QString summary;
    QJsonObject details;
    qint64 openedAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 acknowledgedAtMs = 0;
    qint64 acknowledgedBy = 0;
    qint64 resolvedAtMs = 0;
    qint64 resolvedBy = 0; // 0 with resolvedAtMs set: resolved automatically
};

struct IncidentPage
{
    QList<IncidentRow> items;
    qint64 total = 0;
};
