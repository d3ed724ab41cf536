// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QPointer>

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent), m_service(service)
{
}

void KeychainSecretStore::write(const QString &key, const QString &secret, QObject *context,
                                WriteDone done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(secret);
    QPointer<QObject> guard(context ? context : this);
    connect(job, &QKeychain::Job::finished, this, [guard, done](QKeychain::Job *j) {
        if (guard.isNull() || !done)
            return;
        done(j->error() == QKeychain::NoError, j->errorString());
    });
    job->start();
}

void KeychainSecretStore::read(const QString &key, QObject *context, ReadDone done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QPointer<QObject> guard(context ? context : this);
    connect(job, &QKeychain::Job::finished, this, [guard, done, job](QKeychain::Job *j) {
        if (guard.isNull() || !done)
            return;
        if (j->error() == QKeychain::EntryNotFound)
            done(false, QString(), QString());
        else if (j->error() != QKeychain::NoError)
            done(false, QString(), j->errorString());
        else
            done(true, job->textData(), QString());
    });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, QObject *context, WriteDone done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QPointer<QObject> guard(context ? context : this);
    connect(job, &QKeychain::Job::finished, this, [guard, done](QKeychain::Job *j) {
        if (guard.isNull() || !done)
            return;
        const bool ok = j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound;
        done(ok, ok ? QString() : j->errorString());
    });
    job->start();
}
