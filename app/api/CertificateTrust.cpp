// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/CertificateTrust.h"

#include <QCryptographicHash>
#include <QSettings>

CertificateTrust::CertificateTrust(const QString &settingsGroup) : m_group(settingsGroup) {}

QString CertificateTrust::serverKey(const QUrl &server)
{
    const int defaultPort = server.scheme() == QLatin1String("https") ? 443 : 80;
    // QSettings keys may not contain '/', so the key is host_port.
    return QStringLiteral("%1_%2").arg(server.host().toLower()).arg(server.port(defaultPort));
}

QString CertificateTrust::fingerprint(const QSslCertificate &certificate)
{
    const QByteArray digest = certificate.digest(QCryptographicHash::Sha256).toHex().toUpper();
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < digest.size(); i += 2)
        pairs.append(QString::fromLatin1(digest.mid(i, 2)));
    return pairs.join(QLatin1Char(':'));
}

bool CertificateTrust::isTrusted(const QUrl &server, const QSslCertificate &certificate) const
{
    if (certificate.isNull())
        return false;
    QSettings settings;
    settings.beginGroup(m_group);
    return settings.value(serverKey(server)).toStringList().contains(fingerprint(certificate));
}

void CertificateTrust::trust(const QUrl &server, const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return;
    QSettings settings;
    settings.beginGroup(m_group);
    QStringList list = settings.value(serverKey(server)).toStringList();
    const QString print = fingerprint(certificate);
    if (!list.contains(print))
        list.append(print);
    settings.setValue(serverKey(server), list);
}

void CertificateTrust::forget(const QUrl &server)
{
    QSettings settings;
    settings.beginGroup(m_group);
    settings.remove(serverKey(server));
}

void CertificateTrust::forgetAll()
{
    QSettings settings;
    settings.remove(m_group);
}

QList<QSslError> CertificateTrust::ignorableErrors(const QUrl &server,
                                                   const QSslCertificate &certificate,
                                                   const QList<QSslError> &errors) const
{
    QList<QSslError> out;
    if (!isTrusted(server, certificate))
        return out;
    for (const QSslError &e : errors) {
        // Errors about the peer's certificate (self-signed, unknown issuer, host name
        // mismatch, expiry) are re-created for exactly that certificate.
        if (e.certificate().isNull() || e.certificate() == certificate)
            out.append(QSslError(e.error(), certificate));
    }
    return out;
}
