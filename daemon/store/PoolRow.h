// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

// One row of `pools` with its members from `pool_accounts`. `strategy` is one of priority,
// weighted, round_robin, least_busy, lowest_latency, lowest_cost. Timestamps are UTC epoch ms.
struct PoolRow
{
    qint64 id = 0;
    QString name;
    QString strategy = QStringLiteral("priority");
    QList<qint64> accountIds; // ascending
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 enterpriseId = 0; // owner; 0 = system-wide (only system staff manage it)
};
