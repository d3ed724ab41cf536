// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpRequest.h"
#include "http/HttpSurface.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

// The answer a head guard gives instead of letting the body be read.
struct HttpGuardRefusal
{
    int status = 401;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    HttpHeaderList headers;
};

// Runs once the request head is parsed and before any body byte is read (so a request without
// credentials never costs the memory of its body). Returns a refusal to answer at once, or
// std::nullopt to go on. The head carries routeName and pathParams; its body is empty. Runs on
// the connection's thread: it must be thread-safe and must not block.
using HttpHeadGuard = std::function<std::optional<HttpGuardRefusal>(const HttpRequest &head)>;

struct HttpRouteOptions
{
    HttpHeadGuard guard;
    HttpSurface surface = HttpSurface::Both;
    // The route template, used as the metrics label; empty: the pattern.
    QString name;
};
