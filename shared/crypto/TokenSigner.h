// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// Compact JWS/JWT with HS256 (HMAC-SHA256). Only HS256 is produced or accepted.
class TokenSigner
{
public:
    explicit TokenSigner(const QByteArray &secret);

    QString sign(const QJsonObject &claims) const;

    // The claims when the token is well formed, its header says {"alg":"HS256"}, the signature
    // matches and, when an "exp" claim is present, exp > nowSecs. Otherwise std::nullopt.
    // An "nbf" claim, when present, must be <= nowSecs.
    std::optional<QJsonObject> verify(const QString &token, qint64 nowSecs) const;

private:
    QByteArray m_secret;
};
