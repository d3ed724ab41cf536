// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/TlsContext.h"

#include "http/TlsCredentials.h"

#include <QMutexLocker>

TlsContext::TlsContext(QString certFile, QString keyFile)
    : m_certFile(std::move(certFile)), m_keyFile(std::move(keyFile))
{
}

bool TlsContext::reload(QString *error, QStringList *warnings)
{
    // Read outside the lock: the files may be slow, and accepting goes on meanwhile.
    auto loaded = TlsCredentials::load(m_certFile, m_keyFile, error);
    if (!loaded)
        return false;
    if (warnings)
        *warnings = loaded->warnings;
    QMutexLocker lock(&m_mutex);
    m_configuration = loaded->configuration;
    m_summary = loaded->summary;
    m_loaded = true;
    return true;
}

bool TlsContext::isLoaded() const
{
    QMutexLocker lock(&m_mutex);
    return m_loaded;
}

QSslConfiguration TlsContext::configuration() const
{
    QMutexLocker lock(&m_mutex);
    return m_configuration; // implicitly shared: the copy is cheap and safe to hand over
}

QDateTime TlsContext::expiry() const
{
    QMutexLocker lock(&m_mutex);
    return m_loaded ? m_configuration.localCertificate().expiryDate() : QDateTime();
}

QString TlsContext::summary() const
{
    QMutexLocker lock(&m_mutex);
    return m_summary;
}
