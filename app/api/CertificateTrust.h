// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QUrl>

// The certificates the user chose to trust, remembered per server (scheme://host:port) by their
// SHA-256 fingerprint in QSettings. Only the exact certificate that was shown and accepted is
// trusted: its errors are the only ones ignored.
class CertificateTrust
{
public:
    // settingsGroup: the QSettings group; tests pass their own.
    explicit CertificateTrust(const QString &settingsGroup = QStringLiteral("trustedCertificates"));

    static QString serverKey(const QUrl &server);
    // "AB:CD:..." upper-case hex of the SHA-256 digest of the DER certificate.
    static QString fingerprint(const QSslCertificate &certificate);

    bool isTrusted(const QUrl &server, const QSslCertificate &certificate) const;
    void trust(const QUrl &server, const QSslCertificate &certificate);
    void forget(const QUrl &server);
    void forgetAll();

    // The errors to ignore for this reply: those of `certificate` when it is trusted (empty
    // otherwise, and any error about another certificate is never ignored).
    QList<QSslError> ignorableErrors(const QUrl &server, const QSslCertificate &certificate,
                                     const QList<QSslError> &errors) const;

private:
    QString m_group;
};
