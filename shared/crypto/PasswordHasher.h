// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// Password hashing with scrypt (OpenSSL EVP_KDF "SCRYPT").
// Encoded form: scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>
// Defaults: N = 2^15, r = 8, p = 1, 16-byte salt, 32-byte output.
class PasswordHasher
{
public:
    static constexpr int DefaultLogN = 15;
    static constexpr int R = 8;
    static constexpr int P = 1;
    static constexpr int SaltBytes = 16;
    static constexpr int HashBytes = 32;

    static QString hash(const QString &password);
    // Cheaper cost for tests only; logN is clamped to [4, 20].
    static QString hash(const QString &password, int logN);

    // Constant-time comparison; false on any malformed or out-of-range encoding.
    static bool verify(const QString &password, const QString &encoded);

    // True when the encoding uses weaker parameters than the current defaults.
    static bool needsRehash(const QString &encoded);
};
