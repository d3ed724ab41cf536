// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <optional>

// Decodes a response body for inspection (usage extraction) only: the client still receives the
// bytes exactly as the upstream sent them.
class ContentDecoding
{
public:
    // "gzip", "x-gzip", "deflate" or identity (empty); nullopt for anything else or bad data.
    static std::optional<QByteArray> decode(const QByteArray &body, const QByteArray &encoding,
                                            qint64 maxOutput = 256LL * 1024 * 1024);
    // Accept-Encoding value to send upstream: the client's codings that we can also read.
    static QByteArray filterAcceptEncoding(const QByteArray &clientValue);
};
