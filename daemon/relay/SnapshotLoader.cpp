// SPDX-License-Identifier: GPL-3.0-or-later
#include "SnapshotLoader.h"

#include "crypto/SecretBox.h"
#include "store/AccountRepository.h"
#include "store/ApiKeyRepository.h"
#include "store/SettingsRepository.h"
#include "store/UserRepository.h"

#include <QSet>

RelaySnapshot SnapshotLoader::load(QSqlDatabase &db, const SecretBox &secrets,
                                   QStringList *warnings)
{
    RelaySnapshot s;
    // Read the version first: a change racing with this load triggers another load.
    s.version = SettingsRepository(db).dataVersion();
    QSet<qint64> disabledUsers;
    const QList<UserRow> users = UserRepository(db).list();
    for (const UserRow &u : users) {
        if (u.disabled)
            disabledUsers.insert(u.id);
    }
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
        s.keysByHash.insert(k.keyHash.toLatin1(), key);
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
    return s;
}
