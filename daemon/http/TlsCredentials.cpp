// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/TlsCredentials.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslKey>
#include <QSslSocket>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace {

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct X509Free
{
    void operator()(X509 *x) const { X509_free(x); }
};

// A passphrase callback that supplies none: an encrypted key fails instead of prompting.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

QString quoted(const QString &setting, const QString &path)
{
    return QStringLiteral("%1 \"%2\"").arg(setting, path);
}

bool readBounded(const QString &setting, const QString &path, QByteArray *out, QString *error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("%1: file not found").arg(quoted(setting, path));
        return false;
    }
    if (!info.isFile()) {
        *error = QStringLiteral("%1: not a regular file").arg(quoted(setting, path));
        return false;
    }
    if (info.size() > TlsCredentials::MaxFileBytes) {
        *error = QStringLiteral("%1: the file is %2 bytes; a PEM file is expected (at most %3)")
                     .arg(quoted(setting, path))
                     .arg(info.size())
                     .arg(TlsCredentials::MaxFileBytes);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read (%2); check its owner and permissions")
                     .arg(quoted(setting, path), file.errorString());
        return false;
    }
    *out = file.read(TlsCredentials::MaxFileBytes + 1);
    if (out->size() > TlsCredentials::MaxFileBytes) {
        *error = QStringLiteral("%1: the file is larger than %2 bytes")
                     .arg(quoted(setting, path))
                     .arg(TlsCredentials::MaxFileBytes);
        return false;
    }
    if (out->trimmed().isEmpty()) {
        *error = QStringLiteral("%1: the file is empty").arg(quoted(setting, path));
        return false;
    }
    return true;
}

QString hexWithColons(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex(':').toUpper());
}

} // namespace

QStringList TlsCredentials::cipherNames()
{
    // TLS 1.3 suites, then the TLS 1.2 suites with ECDHE key exchange and an AEAD cipher
    // (Mozilla's "intermediate" profile without the finite-field DHE suites).
    return {QStringLiteral("TLS_AES_128_GCM_SHA256"),
            QStringLiteral("TLS_AES_256_GCM_SHA384"),
            QStringLiteral("TLS_CHACHA20_POLY1305_SHA256"),
            QStringLiteral("ECDHE-ECDSA-AES128-GCM-SHA256"),
            QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"),
            QStringLiteral("ECDHE-ECDSA-AES256-GCM-SHA384"),
            QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384"),
            QStringLiteral("ECDHE-ECDSA-CHACHA20-POLY1305"),
            QStringLiteral("ECDHE-RSA-CHACHA20-POLY1305")};
}

QString TlsCredentials::describe(const QSslCertificate &certificate)
{
    const QStringList cn = certificate.subjectInfo(QSslCertificate::CommonName);
    return QStringLiteral("serial %1, SHA-256 %2, CN=%3, valid until %4")
        .arg(QString::fromLatin1(certificate.serialNumber().toUpper()),
             hexWithColons(certificate.digest(QCryptographicHash::Sha256)),
             cn.isEmpty() ? QStringLiteral("(none)") : cn.join(QLatin1Char(',')),
             certificate.expiryDate().toUTC().toString(Qt::ISODate));
}

std::optional<TlsCredentials::Loaded> TlsCredentials::load(const QString &certFile,
                                                           const QString &keyFile, QString *error)
{
    const QString certSetting = QStringLiteral("tls_cert_file");
    const QString keySetting = QStringLiteral("tls_key_file");
    if (!QSslSocket::supportsSsl()) {
        *error = QStringLiteral("TLS is configured but Qt's OpenSSL TLS backend is not available "
                                "(install the Qt 6 network plugins and OpenSSL 3)");
        return std::nullopt;
    }

    QByteArray certPem;
    if (!readBounded(certSetting, certFile, &certPem, error))
        return std::nullopt;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    const int blocks = int(certPem.count("-----BEGIN CERTIFICATE-----"));
    if (chain.isEmpty()) {
        *error = QStringLiteral("%1: no PEM certificate found (expected \"-----BEGIN "
                                "CERTIFICATE-----\")")
                     .arg(quoted(certSetting, certFile));
        return std::nullopt;
    }
    if (blocks != chain.size() || chain.first().isNull()) {
        *error = QStringLiteral("%1: %2 of its %3 certificates cannot be parsed")
                     .arg(quoted(certSetting, certFile))
                     .arg(blocks - chain.size())
                     .arg(blocks);
        return std::nullopt;
    }

    QByteArray keyPem;
    if (!readBounded(keySetting, keyFile, &keyPem, error))
        return std::nullopt;

    // Parse the key with OpenSSL to tell the failures apart and to check it against the
    // certificate; Qt gets the same bytes afterwards.
    ERR_clear_error();
    std::unique_ptr<BIO, BioFree> keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    std::unique_ptr<EVP_PKEY, PkeyFree> pkey(
        keyBio ? PEM_read_bio_PrivateKey(keyBio.get(), nullptr, &noPassphrase, nullptr) : nullptr);
    ERR_clear_error();
    if (!pkey) {
        if (keyPem.contains("ENCRYPTED"))
            *error = QStringLiteral("%1: the key is protected by a passphrase; store it "
                                    "unencrypted (e.g. openssl pkey -in KEY -out KEY.plain) in a "
                                    "file only the daemon's user can read")
                         .arg(quoted(keySetting, keyFile));
        else if (keyPem.contains("-----BEGIN CERTIFICATE-----") &&
                 !keyPem.contains("PRIVATE KEY-----"))
            *error = QStringLiteral("%1: holds a certificate, not a private key (are the two "
                                    "files swapped?)")
                         .arg(quoted(keySetting, keyFile));
        else
            *error = QStringLiteral("%1: no PEM private key found (expected \"-----BEGIN PRIVATE "
                                    "KEY-----\" or \"-----BEGIN RSA/EC PRIVATE KEY-----\")")
                         .arg(quoted(keySetting, keyFile));
        return std::nullopt;
    }

    const QByteArray leafDer = chain.first().toDer();
    const unsigned char *derPtr = reinterpret_cast<const unsigned char *>(leafDer.constData());
    std::unique_ptr<X509, X509Free> leaf(d2i_X509(nullptr, &derPtr, long(leafDer.size())));
    const bool matches = leaf && X509_check_private_key(leaf.get(), pkey.get()) == 1;
    ERR_clear_error();
    if (!matches) {
        *error = QStringLiteral("%1 does not belong to the certificate in %2 (their public keys "
                                "differ); give the key the certificate was issued for")
                     .arg(quoted(keySetting, keyFile), quoted(certSetting, certFile));
        return std::nullopt;
    }

    QSslKey key;
    switch (EVP_PKEY_get_base_id(pkey.get())) {
    case EVP_PKEY_RSA:
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem, QSsl::PrivateKey);
        break;
    case EVP_PKEY_EC:
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
        break;
    default:
        break;
    }
    if (key.isNull()) {
        // Other key types (Ed25519, ...): hand Qt the parsed key; the QSslKey owns it.
        key = QSslKey(Qt::HANDLE(pkey.release()), QSsl::PrivateKey);
    }
    if (key.isNull()) {
        *error = QStringLiteral("%1: this key type is not supported; use an RSA or EC key")
                     .arg(quoted(keySetting, keyFile));
        return std::nullopt;
    }

    Loaded out;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    config.setCaCertificates({}); // so no CA store is built for every connection
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    QList<QSslCipher> ciphers;
    const QList<QSslCipher> supported = QSslConfiguration::supportedCiphers();
    for (const QString &name : cipherNames()) {
        for (const QSslCipher &c : supported) {
            if (c.name() == name) {
                ciphers.append(c);
                break;
            }
        }
    }
    if (!ciphers.isEmpty())
        config.setCiphers(ciphers);
    out.configuration = config;

    const QSslCertificate &cert = chain.first();
    out.summary = describe(cert);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (cert.expiryDate() < now)
        out.warnings << QStringLiteral("%1: the certificate expired on %2; clients will refuse it")
                            .arg(quoted(certSetting, certFile),
                                 cert.expiryDate().toUTC().toString(Qt::ISODate));
    else if (cert.effectiveDate() > now)
        out.warnings << QStringLiteral("%1: the certificate is not valid before %2")
                            .arg(quoted(certSetting, certFile),
                                 cert.effectiveDate().toUTC().toString(Qt::ISODate));
    if (QFileInfo(keyFile).permissions() & QFileDevice::ReadOther)
        out.warnings << QStringLiteral("%1: the key file is readable by every user; chmod 600 it")
                            .arg(quoted(keySetting, keyFile));
    return out;
}
