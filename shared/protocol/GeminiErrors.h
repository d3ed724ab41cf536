// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Gemini API error bodies ({"error":{"code":404,"message":"...","status":"NOT_FOUND"}},
// google.rpc.Status as JSON) converted into the OpenAI error format. The bodies the daemon itself
// answers with on native Gemini endpoints are ErrorShapes'.
class GeminiErrors
{
public:
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
