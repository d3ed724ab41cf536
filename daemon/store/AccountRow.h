// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QtGlobal>

// One row of `accounts` (an upstream provider account). `secretSealed` is the sealed (encrypted)
// secret exactly as stored; this layer never sees the clear secret (likewise `proxySealed`, the
// sealed proxy URL, and `oauthSealed`, the sealed JSON {accessToken, refreshToken, expiresAtMs,
// scopes} of an anthropic-oauth account). Timestamps are UTC epoch ms.
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
    int maxConcurrency = 0;           // 0 = unlimited
    QHash<QString, QString> modelMap; // alias -> upstream model name
    QByteArray proxySealed;           // sealed proxy URL; empty = none
    qint64 proxyId = 0;               // named proxy (proxies.id); 0 = none
    QByteArray oauthSealed;           // sealed OAuth token JSON; empty = not an OAuth account
    bool needsAttention = false;      // flagged after auth failures
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    qint64 enterpriseId = 0; // owner; 0 = system-wide (only system staff manage it)
};
