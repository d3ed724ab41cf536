// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QtGlobal>

// One row of `alert_rules`: what to watch (kind and its parameters) and which channels hear
// about it. `params` holds the kind's own fields as the API takes them (budgetId, windowSeconds,
// thresholdPercent, ...).
struct AlertRuleRow
{
    qint64 id = 0;
    qint64 enterpriseId = 0; // owner; 0 = system-wide
    QString name;
    QString kind;
    QJsonObject params;
    QList<qint64> channelIds;
    qint64 cooldownSecs = 900;
    bool enabled = true;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
};
