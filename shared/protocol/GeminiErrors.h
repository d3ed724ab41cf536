// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Gemini API error bodies: {"error":{"code":404,"message":"...","status":"NOT_FOUND"}}
// (google.rpc.Status as JSON), their conversion into the OpenAI error format, and the bodies the
// daemon itself answers with on native Gemini endpoints.
class GeminiErrors
{
public:
    // The google.rpc code name Gemini uses for an HTTP status: 400 INVALID_ARGUMENT,
    // 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 NOT_FOUND, 409 ABORTED,
    // 429 RESOURCE_EXHAUSTED, 499 CANCELLED, 501 UNIMPLEMENTED, 503 UNAVAILABLE,
    // 504 DEADLINE_EXCEEDED, other 5xx INTERNAL, other 4xx FAILED_PRECONDITION.
    static QString statusName(int httpStatus);

    // A Gemini-shaped error body for an error the daemon produces itself.
    static QByteArray body(int httpStatus, const QString &message);

    // Converts a Gemini error body into an OpenAI one
    // ({"error":{"message","type","param":null,"code"}}): the type follows the HTTP status
    // (invalid_request_error, authentication_error, permission_error, not_found_error,
    // rate_limit_error, server_error), the code is the Gemini status name in lower case. A body
    // that is not a Gemini error keeps its text (trimmed, at most 1000 bytes) as the message.
    // status 0 (an error inside a stream) takes error.code from the body.
    static QByteArray toOpenAi(const QByteArray &geminiErrorBody, int status);

    // The OpenAI error "type" for an HTTP status.
    static QString openAiType(int httpStatus);
};
