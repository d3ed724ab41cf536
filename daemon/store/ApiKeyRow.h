// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QtGlobal>

// One row of `api_keys` (a personal `cp-...` key). Only the lower-case hex SHA-256 of the key is
// stored. Timestamps are UTC epoch ms; 0 stands for "none" (stored as NULL).
struct ApiKeyRow
{
    qint64 id = 0;
    QString name;
    qint64 userId = 0;
    QString keyHash;
    QString keyHint;
    QStringList models;
    qint64 expiresAtMs = 0; // 0 = never
    bool disabled = false;
    qint64 revokedAtMs = 0; // 0 = not revoked
    qint64 createdAtMs = 0;
    qint64 lastUsedAtMs = 0; // 0 = never used
    qint64 poolId = 0;       // bound account pool; 0 = the default pool
};
