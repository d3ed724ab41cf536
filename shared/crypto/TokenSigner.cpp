// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/TokenSigner.h"

#include "crypto/Crypto.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>
#include <QList>

namespace {

constexpr int MaxTokenLength = 16 * 1024;

std::optional<QJsonObject> decodeObject(const QByteArray &part)
{
    QByteArray json;
    if (part.isEmpty() || !Crypto::base64UrlDecode(part, &json))
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

// A NumericDate: integral JSON number (a double that holds an integer value).
bool numericDate(const QJsonValue &value, qint64 *out)
{
    if (!value.isDouble())
        return false;
    const double d = value.toDouble();
    if (!(d > -9.0e15 && d < 9.0e15))
        return false;
    *out = qint64(d);
    return true;
}

} // namespace

TokenSigner::TokenSigner(const QByteArray &secret) : m_secret(secret) {}

QString TokenSigner::sign(const QJsonObject &claims) const
{
    static const QByteArray header =
        Crypto::base64UrlEncode(QByteArrayLiteral(R"({"alg":"HS256","typ":"JWT"})"));
    const QByteArray payload =
        Crypto::base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signingInput = header + '.' + payload;
    const QByteArray signature =
        Crypto::base64UrlEncode(Crypto::hmacSha256(m_secret, signingInput));
    return QString::fromLatin1(signingInput + '.' + signature);
}

std::optional<QJsonObject> TokenSigner::verify(const QString &token, qint64 nowSecs) const
{
    if (m_secret.isEmpty() || token.isEmpty() || token.size() > MaxTokenLength)
        return std::nullopt;
    const QByteArray bytes = token.toLatin1();
    const QList<QByteArray> parts = bytes.split('.');
    if (parts.size() != 3)
        return std::nullopt;

    const auto header = decodeObject(parts[0]);
    if (!header || header->value(QLatin1String("alg")).toString() != QLatin1String("HS256"))
        return std::nullopt;
    if (header->contains(QLatin1String("crit")))
        return std::nullopt; // no extensions are understood

    // Compare the encoded signature with the canonical encoding of the expected MAC, so that
    // alternative encodings of the same bytes are refused as well.
    const QByteArray signingInput = parts[0] + '.' + parts[1];
    const QByteArray expected = Crypto::base64UrlEncode(Crypto::hmacSha256(m_secret, signingInput));
    if (!Crypto::constantTimeEquals(expected, parts[2]))
        return std::nullopt;

    auto claims = decodeObject(parts[1]);
    if (!claims)
        return std::nullopt;
    if (claims->contains(QLatin1String("exp"))) {
        qint64 exp = 0;
        if (!numericDate(claims->value(QLatin1String("exp")), &exp) || exp <= nowSecs)
            return std::nullopt;
    }
    if (claims->contains(QLatin1String("nbf"))) {
        qint64 nbf = 0;
        if (!numericDate(claims->value(QLatin1String("nbf")), &nbf) || nbf > nowSecs)
            return std::nullopt;
    }
    return claims;
}
