// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "api/SecretStore.h"

// Secrets in the OS keychain through QtKeychain (Secret Service / KWallet on Linux, the
// Keychain on macOS, the Credential Manager on Windows). Every operation is an asynchronous
// QtKeychain job, so the UI never waits for the keychain.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(const QString &service = QStringLiteral("aicarpool-console"),
                                 QObject *parent = nullptr);

    void write(const QString &key, const QString &secret, QObject *context,
               WriteDone done) override;
    void read(const QString &key, QObject *context, ReadDone done) override;
    void remove(const QString &key, QObject *context, WriteDone done) override;

private:
    QString m_service;
};
