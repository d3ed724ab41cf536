// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// The one mapping from an HTTP status to each client protocol's error shape, for the errors the
// relay produces itself:
// - Anthropic: {"type":"error","error":{"type":...,"message":...}} with Anthropic's error types,
// - OpenAI:    {"error":{"message":...,"type":...,"param":null,"code":...}},
// - Gemini:    {"error":{"code":404,"message":...,"status":"NOT_FOUND"}} (google.rpc.Status).
// Translating an upstream's error body into another protocol is ErrorTranslation's and
// GeminiErrors' job; both use the mappings here.
class ErrorShapes
{
public:
    enum class Protocol
    {
        Anthropic,
        OpenAi,
        Gemini
    };

    // 400 invalid_request_error, 401 authentication_error, 403 permission_error,
    // 404 not_found_error, 413 request_too_large, 429 rate_limit_error, 503/529 overloaded_error,
    // other 4xx invalid_request_error, other api_error.
    static QString anthropicType(int status);
    // The Anthropic type folded onto OpenAI's smaller set: invalid_request_error,
    // authentication_error, permission_error, rate_limit_error or api_error.
    static QString openAiType(int status);
    // The google.rpc code name Gemini uses for an HTTP status: 400 INVALID_ARGUMENT,
    // 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 NOT_FOUND, 409 ABORTED,
    // 429 RESOURCE_EXHAUSTED, 499 CANCELLED, 501 UNIMPLEMENTED, 503 UNAVAILABLE,
    // 504 DEADLINE_EXCEEDED, other 5xx INTERNAL, other 4xx FAILED_PRECONDITION.
    static QString geminiStatus(int status);

    // The type (Gemini: status name) of an error with this HTTP status.
    static QString type(Protocol protocol, int status);
    // The error body; an empty type takes type(protocol, status). Gemini bodies ignore the type
    // (their status name follows the HTTP status; 0 counts as 500).
    static QByteArray body(Protocol protocol, int status, const QString &message,
                           const QString &type = {});
    // The same error as one stream event, for failures after a stream has started.
    static QByteArray event(Protocol protocol, const QString &type, const QString &message);
};
