// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QtGlobal>

// One row of `alert_channels`: where alert notifications go. `secretSealed` is the signing
// secret sealed with the master key (empty = none); it is never shown back. The delivery
// fields record the outcome of the last notification sent through the channel.
struct AlertChannelRow
{
    qint64 id = 0;
    qint64 enterpriseId = 0; // owner; 0 = system-wide (only system staff manage it)
    QString name;
    QString type; // email | webhook | slack | feishu | dingtalk | wecom
    QString url;  // http(s) endpoint; empty for email
    QStringList emails;
    QByteArray secretSealed;
    bool enabled = true;
    QString lastStatus; // "" (never used) | "sent" | "failed"
    QString lastError;
    qint64 lastAttemptAtMs = 0;
    qint64 lastSuccessAtMs = 0;
    qint64 failureCount = 0; // deliveries that failed after every attempt
    qint64 sentCount = 0;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
};
