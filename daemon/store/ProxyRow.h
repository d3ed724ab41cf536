// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

// One row of `proxies`: a named proxy that accounts can share. `urlSealed` is the sealed proxy
// URL (it may hold a password). Timestamps are UTC epoch ms.
struct ProxyRow
{
    qint64 id = 0;
    QString name;
    QByteArray urlSealed;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 enterpriseId = 0; // owner; 0 = system-wide (only system staff manage it)
};
