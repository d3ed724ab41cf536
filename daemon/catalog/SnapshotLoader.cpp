// SPDX-License-Identifier: GPL-3.0-or-later
#include "catalog/SnapshotLoader.h"

#include "catalog/GovernanceLoader.h"
#include "crypto/SecretBox.h"
#include "domain/Provider.h"
#include "store/AccountRepository.h"
#include "store/ApiKeyRepository.h"
#include "store/GroupRepository.h"
#include "store/PoolRepository.h"
#include "store/ProxyRepository.h"
#include "store/SettingsRepository.h"
#include "store/UserRepository.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

RelaySnapshot SnapshotLoader::load(QSqlDatabase &db, const SecretBox &secrets,
                                   QStringList *warnings)
{
    RelaySnapshot s;
    // Read the version first: a change racing with this load triggers another load.
    s.version = SettingsRepository(db).dataVersion();
    QSet<qint64> disabledUsers;
    QHash<qint64, UserRow> usersById;
    const QList<UserRow> users = UserRepository(db).list();
    for (const UserRow &u : users) {
        if (u.disabled)
            disabledUsers.insert(u.id);
        usersById.insert(u.id, u);
    }
    const QHash<qint64, qint64> keyGroups = ApiKeyRepository(db).groups();
    const QList<ApiKeyRow> keys = ApiKeyRepository(db).list(std::nullopt);
    s.keysByHash.reserve(keys.size());
    for (const ApiKeyRow &k : keys) {
        RelayKey key;
        key.id = k.id;
        key.userId = k.userId;
        key.name = k.name;
        key.models = k.models;
        key.expiresAtMs = k.expiresAtMs;
        key.disabled = k.disabled;
        key.revoked = k.revokedAtMs > 0;
        key.userDisabled = disabledUsers.contains(k.userId);
        key.poolId = k.poolId;
        const UserRow owner = usersById.value(k.userId);
        key.enterpriseId = owner.enterpriseId;
        key.departmentId = owner.departmentId;
        key.groupId = keyGroups.value(k.id);
        s.keysByHash.insert(k.keyHash.toLatin1(), key);
    }
    // A key that names no pool uses the pool of its owner's group (see below, once the pools
    // are known).
    const QHash<qint64, qint64> groupPools = GroupRepository(db).memberPools();
    // Named proxies, decrypted once each.
    QHash<qint64, QString> proxyUrls;
    const QList<ProxyRow> proxies = ProxyRepository(db).list();
    for (const ProxyRow &p : proxies) {
        const auto url = secrets.open(p.urlSealed);
        if (url)
            proxyUrls.insert(p.id, QString::fromUtf8(*url));
        else if (warnings)
            warnings->append(QStringLiteral("proxy \"%1\" (id %2): its URL cannot be decrypted "
                                            "with this master key; accounts using it are skipped")
                                 .arg(p.name)
                                 .arg(p.id));
    }
    const QList<AccountRow> accounts = AccountRepository(db).list();
    for (const AccountRow &a : accounts) {
        RelayAccount account;
        account.id = a.id;
        account.name = a.name;
        account.provider = a.provider;
        account.baseUrl = a.baseUrl;
        account.models = a.models;
        account.enabled = a.enabled;
        account.priority = a.priority;
        account.weight = a.weight;
        account.maxConcurrency = a.maxConcurrency;
        account.modelMap = a.modelMap;
        account.needsAttention = a.needsAttention;
        account.oauth = Providers::is(a.provider, Provider::AnthropicOAuth);
        if (!a.proxySealed.isEmpty()) {
            const auto url = secrets.open(a.proxySealed);
            if (url) {
                account.proxyUrl = QString::fromUtf8(*url);
            } else {
                account.enabled = false;
                if (warnings)
                    warnings->append(QStringLiteral("account \"%1\" (id %2): its proxy URL "
                                                    "cannot be decrypted with this master key; "
                                                    "the account is skipped")
                                         .arg(a.name)
                                         .arg(a.id));
            }
        } else if (a.proxyId > 0) {
            if (proxyUrls.contains(a.proxyId))
                account.proxyUrl = proxyUrls.value(a.proxyId);
            else
                account.enabled = false; // never go direct when a proxy was asked for
        }
        if (account.oauth) {
            const auto tokens = secrets.open(a.oauthSealed);
            const QJsonObject o =
                tokens ? QJsonDocument::fromJson(*tokens).object() : QJsonObject();
            const QString access = o.value(QLatin1String("accessToken")).toString();
            if (access.isEmpty() && o.value(QLatin1String("refreshToken")).toString().isEmpty()) {
                account.enabled = false;
                if (warnings)
                    warnings->append(QStringLiteral("account \"%1\" (id %2): its OAuth tokens "
                                                    "cannot be decrypted with this master key; "
                                                    "the account is skipped")
                                         .arg(a.name)
                                         .arg(a.id));
            }
            account.apiKey = access.toUtf8();
            account.oauthExpiresAtMs = o.value(QLatin1String("expiresAtMs")).toInteger();
            s.accounts.append(account);
            continue;
        }
        const auto secret = secrets.open(a.secretSealed);
        if (!secret) {
            account.enabled = false;
            if (warnings)
                warnings->append(QStringLiteral("account \"%1\" (id %2): its API key cannot be "
                                                "decrypted with this master key; the account is "
                                                "skipped")
                                     .arg(a.name)
                                     .arg(a.id));
        } else {
            account.apiKey = *secret;
        }
        s.accounts.append(account);
    }
    const QList<PoolRow> pools = PoolRepository(db).list();
    for (const PoolRow &p : pools) {
        RelayPool pool;
        pool.id = p.id;
        pool.name = p.name;
        pool.strategy = p.strategy;
        pool.accountIds = p.accountIds;
        s.pools.insert(pool.id, pool);
    }
    if (!groupPools.isEmpty()) {
        for (RelayKey &key : s.keysByHash) {
            const qint64 poolId = groupPools.value(key.userId);
            if (key.poolId == 0 && poolId > 0 && s.pools.contains(poolId))
                key.poolId = poolId;
        }
    }
    GovernanceLoader::Result governance = GovernanceLoader::load(db);
    s.governance = std::move(governance.rules);
    s.groupsByUser = std::move(governance.groupsByUser);
    s.departmentParent = std::move(governance.departmentParent);
    return s;
}
