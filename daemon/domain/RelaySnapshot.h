// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/GovernanceRules.h"
#include "domain/RelayPool.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

// A personal key as the relay sees it (looked up by the SHA-256 of the presented key).
struct RelayKey
{
    qint64 id = 0;
    qint64 userId = 0;
    QString name;
    QStringList models; // empty = every model
    qint64 expiresAtMs = 0;
    bool disabled = false;
    bool revoked = false;
    bool userDisabled = false;
    qint64 poolId = 0; // bound pool; 0 = the default pool (every enabled account)
    // The owner's enterprise and department and the key's group when the snapshot was read;
    // the ledger records them with every call. 0 = none.
    qint64 enterpriseId = 0;
    qint64 departmentId = 0;
    qint64 groupId = 0;
};

// An upstream account with its secret decrypted, ready to use.
struct RelayAccount
{
    qint64 id = 0;
    QString name;
    QString provider; // "anthropic" | "anthropic-oauth" | "openai" | "gemini"
    QString baseUrl;
    QByteArray apiKey;
    QStringList models; // empty = every model
    bool enabled = true;
    int priority = 50;
    int weight = 1;
    int maxConcurrency = 0;           // 0 = unlimited
    QHash<QString, QString> modelMap; // alias -> upstream model
    QString proxyUrl; // decrypted: the account's own proxy, else its named proxy's; empty = none
    // anthropic-oauth: apiKey holds the current access token; requests send
    // "Authorization: Bearer" (get a fresh token through OAuthService::accessToken()).
    bool oauth = false;
    qint64 oauthExpiresAtMs = 0;
    bool needsAttention = false;

    bool serves(const QString &model) const { return models.isEmpty() || models.contains(model); }
};

// Immutable view of the admin data the hot path needs. Built on a database thread and swapped
// in on the HTTP thread; requests never touch the database.
struct RelaySnapshot
{
    QHash<QByteArray, RelayKey> keysByHash; // hex SHA-256 of the key -> key
    QList<RelayAccount> accounts;
    QHash<qint64, RelayPool> pools; // by id
    qint64 version = 0;
    // Quotas and budgets; never null in a loaded snapshot (empty rules when there are none).
    GovernanceRulesPtr governance = std::make_shared<GovernanceRules>();
    // What a call rolls up to beyond its key: the groups each user belongs to, and each
    // department's parent (0 = a top-level department).
    QHash<qint64, QList<qint64>> groupsByUser;
    QHash<qint64, qint64> departmentParent;
};

using RelaySnapshotPtr = std::shared_ptr<const RelaySnapshot>;
