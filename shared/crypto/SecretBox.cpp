// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/SecretBox.h"

#include "crypto/Crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <memory>

namespace {

const QByteArray Prefix = QByteArrayLiteral("v1.");

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char *u(const char *p)
{
    return reinterpret_cast<const unsigned char *>(p);
}

unsigned char *u(char *p)
{
    return reinterpret_cast<unsigned char *>(p);
}

void wipe(QByteArray &data)
{
    if (!data.isEmpty())
        OPENSSL_cleanse(data.data(), size_t(data.size()));
}

} // namespace

SecretBox::SecretBox(const QByteArray &key32)
{
    if (key32.size() == KeyBytes) {
        m_key = key32;
        m_key.detach();
    }
}

SecretBox::~SecretBox()
{
    if (m_key.isDetached())
        wipe(m_key);
}

SecretBox::SecretBox(const SecretBox &other) = default;
SecretBox &SecretBox::operator=(const SecretBox &other) = default;

QByteArray SecretBox::seal(const QByteArray &plaintext) const
{
    if (!isValid())
        return {};
    const QByteArray nonce = Crypto::randomBytes(NonceBytes);
    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray out = nonce;
    out.resize(NonceBytes + plaintext.size() + TagBytes);
    int length = 0;
    int total = 0;
    if (!ctx || EVP_EncryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), u(m_key.constData()),
                                    u(nonce.constData()), nullptr) != 1)
        qFatal("SecretBox: AES-256-GCM is not available");
    if (!plaintext.isEmpty()) {
        if (EVP_EncryptUpdate(ctx.get(), u(out.data()) + NonceBytes, &length,
                              u(plaintext.constData()), int(plaintext.size())) != 1)
            qFatal("SecretBox: encryption failed");
        total = length;
    }
    if (EVP_EncryptFinal_ex(ctx.get(), u(out.data()) + NonceBytes + total, &length) != 1)
        qFatal("SecretBox: encryption failed");
    total += length;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagBytes,
                            out.data() + NonceBytes + total) != 1)
        qFatal("SecretBox: encryption failed");
    out.resize(NonceBytes + total + TagBytes);
    return Prefix + out.toBase64();
}

std::optional<QByteArray> SecretBox::open(const QByteArray &sealed) const
{
    if (!isValid() || !sealed.startsWith(Prefix))
        return std::nullopt;
    auto decoded = QByteArray::fromBase64Encoding(sealed.mid(Prefix.size()),
                                                  QByteArray::Base64Encoding |
                                                      QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < NonceBytes + TagBytes)
        return std::nullopt;
    const QByteArray &raw = *decoded;
    const int cipherLength = int(raw.size()) - NonceBytes - TagBytes;
    QByteArray tag = raw.right(TagBytes);

    CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx || EVP_DecryptInit_ex2(ctx.get(), EVP_aes_256_gcm(), u(m_key.constData()),
                                    u(raw.constData()), nullptr) != 1)
        return std::nullopt;
    QByteArray plain(cipherLength + 16, Qt::Uninitialized);
    int length = 0;
    int total = 0;
    if (cipherLength > 0) {
        if (EVP_DecryptUpdate(ctx.get(), u(plain.data()), &length, u(raw.constData()) + NonceBytes,
                              cipherLength) != 1) {
            wipe(plain);
            return std::nullopt;
        }
        total = length;
    }
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagBytes, tag.data()) != 1 ||
        EVP_DecryptFinal_ex(ctx.get(), u(plain.data()) + total, &length) != 1) {
        wipe(plain);
        return std::nullopt;
    }
    total += length;
    plain.resize(total);
    return plain;
}

QByteArray SecretBox::generateKey()
{
    return Crypto::randomBytes(KeyBytes);
}
