// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/Crypto.h"

#include <QtGlobal>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <memory>

QByteArray Crypto::randomBytes(int count)
{
    if (count <= 0)
        return {};
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        qFatal("Crypto: the random number generator failed");
    return out;
}

namespace {

// Fetched once: EVP_sha256() and SHA256() make OpenSSL 3 look the implementation up on every
// call, a visible cost on the relay's key lookup. A fetched EVP_MD may be shared between threads.
void sha256Into(const QByteArray &data, unsigned char (&digest)[EVP_MAX_MD_SIZE])
{
    static const EVP_MD *const md = [] {
        const EVP_MD *fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        return fetched ? fetched : EVP_sha256();
    }();
    unsigned int length = 0;
    if (EVP_Digest(data.constData(), size_t(data.size()), digest, &length, md, nullptr) != 1 ||
        length != 32)
        qFatal("Crypto: SHA-256 failed");
}

} // namespace

QByteArray Crypto::sha256(const QByteArray &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    sha256Into(data, digest);
    return QByteArray(reinterpret_cast<const char *>(digest), 32);
}

QByteArray Crypto::sha256Hex(const QByteArray &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    sha256Into(data, digest);
    // Formatted here: one allocation instead of the digest's and then its hex's.
    static const char digits[] = "0123456789abcdef";
    QByteArray out(64, Qt::Uninitialized);
    char *o = out.data();
    for (int i = 0; i < 32; ++i) {
        *o++ = digits[digest[i] >> 4];
        *o++ = digits[digest[i] & 0xf];
    }
    return out;
}

QByteArray Crypto::hmacSha256(const QByteArray &key, const QByteArray &data)
{
    std::unique_ptr<EVP_MAC, decltype(&EVP_MAC_free)> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr),
                                                          &EVP_MAC_free);
    if (!mac)
        qFatal("Crypto: HMAC is not available");
    std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx(EVP_MAC_CTX_new(mac.get()),
                                                                  &EVP_MAC_CTX_free);
    char digestName[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digestName, 0),
        OSSL_PARAM_construct_end()};
    // An empty key is legal HMAC; OpenSSL wants a non-null pointer for it.
    static const unsigned char emptyKey[1] = {0};
    const unsigned char *keyPtr =
        key.isEmpty() ? emptyKey : reinterpret_cast<const unsigned char *>(key.constData());
    if (!ctx || EVP_MAC_init(ctx.get(), keyPtr, size_t(key.size()), params) != 1 ||
        EVP_MAC_update(ctx.get(), reinterpret_cast<const unsigned char *>(data.constData()),
                       size_t(data.size())) != 1)
        qFatal("Crypto: HMAC-SHA256 failed");
    unsigned char out[EVP_MAX_MD_SIZE];
    size_t outLength = 0;
    if (EVP_MAC_final(ctx.get(), out, &outLength, sizeof out) != 1)
        qFatal("Crypto: HMAC-SHA256 failed");
    return QByteArray(reinterpret_cast<const char *>(out), int(outLength));
}

bool Crypto::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

QString Crypto::newApiKey()
{
    return QStringLiteral("cp-") + QString::fromLatin1(base64UrlEncode(randomBytes(32)));
}

QByteArray Crypto::base64UrlEncode(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool Crypto::base64UrlDecode(const QByteArray &text, QByteArray *out)
{
    auto result = QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding |
                                                           QByteArray::AbortOnBase64DecodingErrors);
    if (!result || text.contains('='))
        return false;
    if (out)
        *out = std::move(*result);
    return true;
}
