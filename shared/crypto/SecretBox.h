// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <optional>

// Authenticated encryption of small secrets at rest with AES-256-GCM.
// Sealed form: "v1." + base64(12-byte random nonce | ciphertext | 16-byte tag).
class SecretBox
{
public:
    static constexpr int KeyBytes = 32;
    static constexpr int NonceBytes = 12;
    static constexpr int TagBytes = 16;

    explicit SecretBox(const QByteArray &key32);
    ~SecretBox();
    SecretBox(const SecretBox &other);
    SecretBox &operator=(const SecretBox &other);

    bool isValid() const { return m_key.size() == KeyBytes; }

    // Returns an empty array when the box is not valid.
    QByteArray seal(const QByteArray &plaintext) const;
    // std::nullopt when the input is malformed, was tampered with, or was sealed with another key.
    std::optional<QByteArray> open(const QByteArray &sealed) const;

    static QByteArray generateKey();

private:
    QByteArray m_key;
};
