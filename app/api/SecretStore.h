// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

#include <functional>

// Where the console keeps secrets ("remember me" refresh tokens). Asynchronous: the callbacks
// run later on the UI thread, unless `context` was destroyed first. Nothing here ever blocks.
// The OS keychain implementation is KeychainSecretStore; MemorySecretStore serves tests.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using ReadDone = std::function<void(bool found, const QString &secret, const QString &error)>;
    using WriteDone = std::function<void(bool ok, const QString &error)>;

    using QObject::QObject;

    virtual void write(const QString &key, const QString &secret, QObject *context,
                       WriteDone done) = 0;
    // found is false (and error empty) when there is no such entry.
    virtual void read(const QString &key, QObject *context, ReadDone done) = 0;
    // Removing an entry that does not exist succeeds.
    virtual void remove(const QString &key, QObject *context, WriteDone done) = 0;

    // The key of a server's remembered refresh token.
    static QString refreshTokenKey(const QString &serverUrl, const QString &email)
    {
        return QStringLiteral("refresh-token:%1:%2").arg(serverUrl, email.toLower());
    }
};
