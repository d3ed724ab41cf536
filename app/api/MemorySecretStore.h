// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/SecretStore.h"

#include <QHash>

// Secrets in memory only, answered asynchronously like the keychain: for tests and for
// platforms without a keychain.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void write(const QString &key, const QString &secret, QObject *context,
               WriteDone done) override;
    void read(const QString &key, QObject *context, ReadDone done) override;
    void remove(const QString &key, QObject *context, WriteDone done) override;

    int size() const { return int(m_secrets.size()); }

private:
    QHash<QString, QString> m_secrets;
};
