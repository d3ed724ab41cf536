// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QtGlobal>

// One row of `accounts` (an upstream provider account). `secretSealed` is the sealed (encrypted)
// secret exactly as stored; this layer never sees the clear secret. Timestamps are UTC epoch ms.
struct AccountRow
{
    qint64 id = 0;
    QString name;
    QString provider;
    QString baseUrl;
    QByteArray secretSealed;
    QStringList models;
    bool enabled = true;
    int priority = 50;
    int weight = 1;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
};
