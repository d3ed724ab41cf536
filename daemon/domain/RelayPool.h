// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

// An account pool as the relay sees it: the accounts a bound key may use and how to pick one
// (priority, weighted, round_robin, least_busy, lowest_latency, lowest_cost).
struct RelayPool
{
    qint64 id = 0;
    QString name;
    QString strategy;
    QList<qint64> accountIds;
};
