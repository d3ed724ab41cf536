// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslConfiguration>
#include <QString>
#include <QStringList>

#include <optional>

// Reads a PEM certificate chain and its private key and turns them into the server-side TLS
// configuration: TLS 1.2 or later, forward-secret AEAD cipher suites, OpenSSL's default curves.
// Every problem is reported in one line naming the setting, the file and what is wrong (never
// any key material): a missing or unreadable file, no certificate, an unparsable or
// passphrase-protected key, a key that does not belong to the certificate.
class TlsCredentials
{
public:
    struct Loaded
    {
        QSslConfiguration configuration;
        QString summary;      // subject, serial, SHA-256 fingerprint and expiry of the leaf
        QStringList warnings; // e.g. an expired certificate, a world-readable key file
    };

    static std::optional<Loaded> load(const QString &certFile, const QString &keyFile,
                                      QString *error);

    // Certificate and key files larger than this are refused before they are read.
    static constexpr qint64 MaxFileBytes = 1024 * 1024;

    // The cipher suites offered, in order of preference (OpenSSL names; TLS 1.3 suites first).
    static QStringList cipherNames();

    // "serial 01:02:..., SHA-256 AB:CD:..., CN=..., valid until 2027-01-01T00:00:00Z"
    static QString describe(const QSslCertificate &certificate);
};
