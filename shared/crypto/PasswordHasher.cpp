// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/PasswordHasher.h"

#include "crypto/Crypto.h"

#include <QByteArray>
#include <QList>

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>

namespace {

constexpr int MinLogN = 4;
constexpr int MaxLogN = 20;
constexpr int MaxR = 32;
constexpr int MaxP = 16;
constexpr quint64 MaxMemoryBytes = 256ull * 1024 * 1024;
constexpr quint64 MaxWork = quint64(1) << 24;

bool scrypt(const QByteArray &password, const QByteArray &salt, int logN, int r, int p,
            int outLength, QByteArray *out)
{
    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "SCRYPT", nullptr),
                                                          &EVP_KDF_free);
    if (!kdf)
        return false;
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()),
                                                                  &EVP_KDF_CTX_free);
    if (!ctx)
        return false;
    uint64_t n = uint64_t(1) << logN;
    uint32_t rr = uint32_t(r);
    uint32_t pp = uint32_t(p);
    // scrypt needs 128 * r * N * p bytes (plus a little); allow that and a margin.
    uint64_t maxMem = 128ull * rr * n * pp + 4ull * 1024 * 1024;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
                                          const_cast<char *>(password.constData()),
                                          size_t(password.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char *>(salt.constData()),
                                          size_t(salt.size())),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &rr),
        OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &pp),
        OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxMem),
        OSSL_PARAM_construct_end()};
    QByteArray result(outLength, Qt::Uninitialized);
    if (EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char *>(result.data()),
                       size_t(result.size()), params) != 1)
        return false;
    *out = result;
    return true;
}

bool parseInt(const QByteArray &text, int min, int max, int *value)
{
    if (text.isEmpty() || text.size() > 3)
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    bool ok = false;
    int v = text.toInt(&ok);
    if (!ok || v < min || v > max)
        return false;
    *value = v;
    return true;
}

bool decodeBase64(const QByteArray &text, QByteArray *out)
{
    auto result = QByteArray::fromBase64Encoding(text, QByteArray::Base64Encoding |
                                                           QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return false;
    *out = std::move(*result);
    return true;
}

struct Encoded
{
    int logN = 0;
    int r = 0;
    int p = 0;
    QByteArray salt;
    QByteArray hash;
};

bool parseEncoded(const QString &encoded, Encoded *e)
{
    const QList<QByteArray> parts = encoded.toLatin1().split('$');
    if (parts.size() != 6 || parts[0] != "scrypt")
        return false;
    if (!parseInt(parts[1], MinLogN, MaxLogN, &e->logN) || !parseInt(parts[2], 1, MaxR, &e->r) ||
        !parseInt(parts[3], 1, MaxP, &e->p))
        return false;
    // Bound the work an encoded hash can demand: memory 128 * r * N, time about N * r * p.
    const quint64 n = quint64(1) << e->logN;
    if (128ull * quint64(e->r) * n > MaxMemoryBytes || n * quint64(e->r) * quint64(e->p) > MaxWork)
        return false;
    if (!decodeBase64(parts[4], &e->salt) || !decodeBase64(parts[5], &e->hash))
        return false;
    return e->salt.size() >= 1 && e->salt.size() <= 64 && e->hash.size() >= 16 &&
           e->hash.size() <= 64;
}

} // namespace

QString PasswordHasher::hash(const QString &password)
{
    return hash(password, DefaultLogN);
}

QString PasswordHasher::hash(const QString &password, int logN)
{
    logN = qBound(MinLogN, logN, MaxLogN);
    const QByteArray salt = Crypto::randomBytes(SaltBytes);
    QByteArray derived;
    if (!scrypt(password.toUtf8(), salt, logN, R, P, HashBytes, &derived))
        qFatal("PasswordHasher: scrypt failed");
    return QStringLiteral("scrypt$%1$%2$%3$%4$%5")
        .arg(logN)
        .arg(R)
        .arg(P)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(derived.toBase64()));
}

bool PasswordHasher::verify(const QString &password, const QString &encoded)
{
    Encoded e;
    if (!parseEncoded(encoded, &e))
        return false;
    QByteArray derived;
    if (!scrypt(password.toUtf8(), e.salt, e.logN, e.r, e.p, int(e.hash.size()), &derived))
        return false;
    return Crypto::constantTimeEquals(derived, e.hash);
}

bool PasswordHasher::needsRehash(const QString &encoded)
{
    Encoded e;
    if (!parseEncoded(encoded, &e))
        return true;
    return e.logN < DefaultLogN || e.r < R || e.hash.size() < HashBytes;
}
