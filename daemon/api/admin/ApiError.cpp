// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/ApiError.h"

#include "store/StoreError.h"

#include <QJsonDocument>
#include <QJsonObject>

ApiError ApiError::badRequest(const QString &message)
{
    return ApiError{400, QStringLiteral("invalid_request_error"), message, {}};
}

ApiError ApiError::unauthenticated(const QString &message, const QByteArray &challenge)
{
    return ApiError{
        401, QStringLiteral("authentication_error"), message, {{"WWW-Authenticate", challenge}}};
}

ApiError ApiError::forbidden(const QString &message)
{
    return ApiError{403, QStringLiteral("permission_error"), message, {}};
}

ApiError ApiError::notFound(const QString &message)
{
    return ApiError{404, QStringLiteral("not_found_error"), message, {}};
}

ApiError ApiError::conflict(const QString &message)
{
    return ApiError{409, QStringLiteral("conflict_error"), message, {}};
}

ApiError ApiError::tooManyRequests(const QString &message, qint64 retryAfterSecs)
{
    return ApiError{429,
                    QStringLiteral("rate_limit_error"),
                    message,
                    {{"Retry-After", QByteArray::number(retryAfterSecs)}}};
}

ApiError ApiError::unavailable(const QString &type, const QString &message, qint64 retryAfterSecs)
{
    ApiError e{503, type, message, {}};
    if (retryAfterSecs > 0)
        e.headers.append({"Retry-After", QByteArray::number(retryAfterSecs)});
    return e;
}

ApiError ApiError::fromStore(const StoreError &error)
{
    switch (error.kind()) {
    case StoreError::Kind::NotFound:
        return notFound(error.message());
    case StoreError::Kind::Conflict:
        return conflict(error.message());
    case StoreError::Kind::Invalid:
        return badRequest(error.message());
    case StoreError::Kind::Unavailable:
        break;
    }
    return unavailable(
        QStringLiteral("database_unavailable"),
        QStringLiteral("The database is unavailable; try again shortly. (%1)").arg(error.message()),
        5);
}

void ApiError::send(const HttpResponderPtr &responder) const
{
    responder->sendError(status, type, message, headers);
}

HttpGuardRefusal ApiError::toRefusal() const
{
    HttpGuardRefusal refusal;
    refusal.status = status;
    const QJsonObject error{{QStringLiteral("type"), type}, {QStringLiteral("message"), message}};
    refusal.body =
        QJsonDocument(QJsonObject{{QStringLiteral("error"), error}}).toJson(QJsonDocument::Compact);
    refusal.headers = headers;
    return refusal;
}
