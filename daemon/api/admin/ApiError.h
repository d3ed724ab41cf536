// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpResponder.h"
#include "http/HttpRouteOptions.h"

#include <QString>

class StoreError;

// A refusal from an admin handler: thrown (or passed) up to the route table, which is the one
// place that turns it into an answer {"error":{"type","message"}} with its status and headers.
struct ApiError
{
    int status = 500;
    QString type;
    QString message;
    HttpHeaderList headers;

    static ApiError badRequest(const QString &message);
    static ApiError unauthenticated(const QString &message, const QByteArray &challenge);
    static ApiError forbidden(const QString &message);
    static ApiError notFound(const QString &message);
    static ApiError conflict(const QString &message);
    static ApiError tooManyRequests(const QString &message, qint64 retryAfterSecs);
    static ApiError unavailable(const QString &type, const QString &message,
                                qint64 retryAfterSecs = 0);
    static ApiError fromStore(const StoreError &error);

    // The one place an ApiError becomes an HTTP answer.
    void send(const HttpResponderPtr &responder) const;
    // The same answer as a head guard's refusal (sent before the body is read).
    HttpGuardRefusal toRefusal() const;
};
