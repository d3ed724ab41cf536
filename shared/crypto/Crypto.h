// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Small wrappers around OpenSSL 3 primitives (EVP APIs only).
class Crypto
{
public:
    // Cryptographically secure random bytes; aborts the process if the RNG fails.
    static QByteArray randomBytes(int count);

    static QByteArray sha256(const QByteArray &data);
    // Lower-case hex of the SHA-256 digest (64 characters).
    static QByteArray sha256Hex(const QByteArray &data);

    static QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);

    // Compares in time that depends only on the lengths, never on the contents.
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

    // A new personal key: "cp-" + base64url (no padding) of 32 random bytes (43 characters).
    static QString newApiKey();

    // base64url without padding, the encoding used by keys and JWTs.
    static QByteArray base64UrlEncode(const QByteArray &data);
    // Strict decoding of base64url without padding; returns false on any invalid character.
    static bool base64UrlDecode(const QByteArray &text, QByteArray *out);
};
