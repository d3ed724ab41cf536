// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

// Throwaway certificates for TLS tests, made with the openssl command line in a directory the
// caller owns (a QTemporaryDir): a CA, and server certificates for 127.0.0.1 and localhost
// signed by it. Keys are P-256 EC keys, unencrypted, mode 0600.
class TestCertificates
{
public:
    explicit TestCertificates(QString dir) : m_dir(std::move(dir)) {}

    // Creates ca.pem / ca.key (or <name>.pem / <name>.key) once.
    bool makeCa(QString *error, const QString &name = QStringLiteral("ca"));
    // <name>.pem and <name>.key, signed by the CA `caName` (made by makeCa()).
    bool makeServer(const QString &name, QString *error,
                    const QString &caName = QStringLiteral("ca"));

    QString certFile(const QString &name) const { return m_dir + QLatin1Char('/') + name + ".pem"; }
    QString keyFile(const QString &name) const { return m_dir + QLatin1Char('/') + name + ".key"; }
    QString caFile() const { return certFile(QStringLiteral("ca")); }
    QString dir() const { return m_dir; }

    // Runs `openssl args...` in the directory; false with its output in *error on failure.
    bool openssl(const QStringList &args, QString *error) const;

private:
    QString m_dir;
};
