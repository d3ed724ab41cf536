// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Converts error bodies between the Anthropic Messages API format
// ({"type":"error","error":{"type":...,"message":...}}) and the OpenAI format
// ({"error":{"message":...,"type":...,"param":null,"code":...}}).
//
// Both directions accept anything: a body that is not JSON, or JSON of another shape (several
// OpenAI-compatible providers answer {"error":"text"}, {"message":...} or {"detail":...}), becomes
// an error whose message is that text. The HTTP status is kept by the caller; it is used here only
// to choose the error type when the body does not name one (pass 0 for an error met inside a
// stream).
class ErrorTranslation
{
public:
    static QByteArray anthropicToOpenAi(const QByteArray &body, int status);
    static QByteArray openAiToAnthropic(const QByteArray &body, int status);

    // Error type mappings, also used by the stream translators.
    // Anthropic type -> OpenAI type (invalid_request_error, authentication_error,
    // permission_error, rate_limit_error or api_error).
    static QString openAiErrorType(const QString &anthropicType, int status);
    // OpenAI type/code (or, when status >= 400, the HTTP status) -> Anthropic type.
    static QString anthropicErrorType(const QString &openAiType, const QString &openAiCode,
                                      int status);

    // The message and type/code found in an error body of either protocol (or the body's text).
    struct Parsed
    {
        QString message;
        QString type;
        QString code;
    };
    static Parsed parse(const QByteArray &body);
};
