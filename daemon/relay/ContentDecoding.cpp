// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/ContentDecoding.h"

#include <QByteArrayList>

#include <zlib.h>

std::optional<QByteArray> ContentDecoding::decode(const QByteArray &body,
                                                  const QByteArray &encoding, qint64 maxOutput)
{
    const QByteArray enc = encoding.trimmed().toLower();
    if (enc.isEmpty() || enc == "identity")
        return body;
    int windowBits = 0;
    if (enc == "gzip" || enc == "x-gzip")
        windowBits = 16 + MAX_WBITS;
    else if (enc == "deflate")
        windowBits = MAX_WBITS; // zlib-wrapped, as RFC 9110 defines "deflate"
    else
        return std::nullopt;

    z_stream zs{};
    if (inflateInit2(&zs, windowBits) != Z_OK)
        return std::nullopt;
    QByteArray out;
    char buffer[16384];
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(body.constData()));
    zs.avail_in = uInt(body.size());
    int rc = Z_OK;
    do {
        zs.next_out = reinterpret_cast<Bytef *>(buffer);
        zs.avail_out = sizeof(buffer);
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            return std::nullopt;
        }
        out.append(buffer, qsizetype(sizeof(buffer) - zs.avail_out));
        if (out.size() > maxOutput) {
            inflateEnd(&zs);
            return std::nullopt;
        }
    } while (rc != Z_STREAM_END && zs.avail_in > 0);
    inflateEnd(&zs);
    return out;
}

QByteArray ContentDecoding::filterAcceptEncoding(const QByteArray &clientValue)
{
    QByteArrayList kept;
    const QByteArrayList parts = clientValue.split(',');
    for (const QByteArray &part : parts) {
        const QByteArray coding = part.split(';').first().trimmed().toLower();
        if (coding == "gzip" || coding == "deflate" || coding == "identity")
            kept.append(part.trimmed());
    }
    return kept.isEmpty() ? QByteArrayLiteral("identity") : kept.join(", ");
}
