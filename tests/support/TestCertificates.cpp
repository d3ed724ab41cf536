// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestCertificates.h"

#include <QFile>
#include <QProcess>

bool TestCertificates::openssl(const QStringList &args, QString *error) const
{
    QProcess p;
    p.setWorkingDirectory(m_dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForStarted(10000)) {
        *error = QStringLiteral("openssl did not start: %1").arg(p.errorString());
        return false;
    }
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("openssl %1 failed: %2")
                     .arg(args.join(QLatin1Char(' ')), QString::fromUtf8(p.readAll()));
        return false;
    }
    return true;
}

bool TestCertificates::makeCa(QString *error, const QString &name)
{
    if (QFile::exists(certFile(name)))
        return true;
    return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                    QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), keyFile(name), QStringLiteral("-out"),
                    certFile(name), QStringLiteral("-days"), QStringLiteral("2"),
                    QStringLiteral("-subj"), QStringLiteral("/CN=aicarpool test CA ") + name},
                   error);
}

bool TestCertificates::makeServer(const QString &name, QString *error, const QString &caName)
{
    const QString csr = m_dir + QLatin1Char('/') + name + QStringLiteral(".csr");
    const QString ext = m_dir + QLatin1Char('/') + name + QStringLiteral(".ext");
    QFile extFile(ext);
    if (!extFile.open(QIODevice::WriteOnly)) {
        *error = extFile.errorString();
        return false;
    }
    extFile.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                  "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n");
    extFile.close();
    if (!openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                  QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"),
                  QStringLiteral("-nodes"), QStringLiteral("-keyout"), keyFile(name),
                  QStringLiteral("-out"), csr, QStringLiteral("-subj"),
                  QStringLiteral("/CN=localhost")},
                 error))
        return false;
    if (!openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
                  QStringLiteral("-CA"), certFile(caName), QStringLiteral("-CAkey"),
                  keyFile(caName), QStringLiteral("-out"), certFile(name), QStringLiteral("-days"),
                  QStringLiteral("2"), QStringLiteral("-extfile"), ext},
                 error))
        return false;
    QFile::setPermissions(keyFile(name), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}
