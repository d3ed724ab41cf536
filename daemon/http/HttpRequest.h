// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/HeaderList.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

// One parsed HTTP/1.x request. Header names are stored lower-case. QByteArray is implicitly
// shared, so copying a request (e.g. into a deferred handler) does not copy the body.
struct HttpRequest
{
    QByteArray method; // upper-case, e.g. "POST"
    QByteArray target; // raw request target, e.g. "/v1/models?limit=5"
    QByteArray path;   // target without the query, percent-decoding not applied
    QByteArray query;  // raw query string without '?'
    HttpHeaderList headers;
    QByteArray body;
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    bool http10 = false;
    QHash<QString, QString> pathParams; // filled by HttpRouter for "{name}" segments
    // The matched route's name (its template, e.g. "/v1beta/models/{modelAction}"), filled by
    // HttpRouter; empty when no route matched. Bounded, so fit for metrics labels.
    QString routeName;
    // What a route's head guard worked out from the head, for its handler to reuse instead of
    // working it out again (the relay: the presented key's digest, with the key it belongs to).
    // Opaque to the server, which carries it from the guard to the handler; the parser starts
    // every request without one.
    mutable QByteArray guardMemo;

    // Case-insensitive lookup; returns the first value or an empty array.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    // Decoded value of a query parameter, empty when absent.
    QString queryItem(const QString &key) const;
    bool hasQueryItem(const QString &key) const;
};
