// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/MemorySecretStore.h"

#include <QTimer>

void MemorySecretStore::write(const QString &key, const QString &secret, QObject *context,
                              WriteDone done)
{
    m_secrets.insert(key, secret);
    QTimer::singleShot(0, context ? context : this, [done] {
        if (done)
            done(true, QString());
    });
}

void MemorySecretStore::read(const QString &key, QObject *context, ReadDone done)
{
    const bool found = m_secrets.contains(key);
    const QString secret = m_secrets.value(key);
    QTimer::singleShot(0, context ? context : this, [done, found, secret] {
        if (done)
            done(found, secret, QString());
    });
}

void MemorySecretStore::remove(const QString &key, QObject *context, WriteDone done)
{
    m_secrets.remove(key);
    QTimer::singleShot(0, context ? context : this, [done] {
        if (done)
            done(true, QString());
    });
}
