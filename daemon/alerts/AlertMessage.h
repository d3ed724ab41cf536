// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>
#include <QtGlobal>

// One notification, before a channel formats it: an incident that opened (or a test message).
struct AlertMessage
{
    QString event = QStringLiteral("incident.opened"); // or "channel.test"
    qint64 incidentId = 0;
    qint64 ruleId = 0;
    QString ruleName;
    QString kind;
    QString subject;
    QString title;   // one line, e.g. "[aicarpool] Budget 'research' reached 80%"
    QString summary; // one or two sentences
    QJsonObject details;
    qint64 atMs = 0;

    // Title and summary as plain text, for chat messages and mail bodies.
    QString text() const { return summary.isEmpty() ? title : title + QLatin1Char('\n') + summary; }
};
