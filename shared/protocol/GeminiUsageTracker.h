// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/JsonView.h"

#include "protocol/SseParser.h"
#include "protocol/TokenUsage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Reads usage, model, finish reason and errors from Gemini API answers
// (generativelanguage.googleapis.com, v1beta):
// - addResponseBody(): a whole generateContent body (a GenerateContentResponse), the JSON array
//   that :streamGenerateContent answers without alt=sse, or an error body
//   {"error":{"code":N,"message":"...","status":"RESOURCE_EXHAUSTED",...}};
// - addEvent(): one event of a :streamGenerateContent?alt=sse stream, each "data:" being a
//   GenerateContentResponse (there is no terminator such as [DONE]).
//
// usageMetadata is repeated on the chunks of a stream and is cumulative, so every count keeps
// the largest value seen. usage() maps it to the common convention:
// - inputTokens = promptTokenCount - cachedContentTokenCount + toolUsePromptTokenCount
//   (promptTokenCount includes the cached tokens; tool-use prompt tokens are billed as input),
// - cacheReadTokens = cachedContentTokenCount (Gemini reports no cache writes),
// - outputTokens = candidatesTokenCount + thoughtsTokenCount (candidatesTokenCount does not
//   include the thoughts, which are billed as output), reasoningTokens = thoughtsTokenCount.
class GeminiUsageTracker
{
public:
    void addResponseBody(const QByteArray &json);
    void addEvent(const SseEvent &e);

    TokenUsage usage() const;
    bool sawUsage() const { return m_sawUsage; }
    qint64 thoughtsTokens() const { return m_thoughts; }

    // modelVersion without a leading "models/", e.g. "gemini-2.5-flash".
    QString model() const { return m_model; }
    QString responseId() const { return m_responseId; }
    // The first candidate's last finishReason ("STOP", "MAX_TOKENS", "SAFETY", ...), or
    // promptFeedback.blockReason when the prompt itself was blocked; empty while generating.
    QString stopReason() const { return m_stopReason; }
    bool sawFinishReason() const { return !m_stopReason.isEmpty(); }

    // The error's "status" ("INVALID_ARGUMENT", "RESOURCE_EXHAUSTED", ...; "error" when it has
    // none); empty when no error was seen.
    QString errorType() const { return m_errorType; }
    QString errorMessage() const { return m_errorMessage; }
    int errorCode() const { return m_errorCode; } // error.code, 0 when absent

    // Whether a parsed JSON object is a Gemini error ({"error": {...}}).
    static bool isError(const QJsonObject &object);

private:
    void addObject(const JsonView &object);

    qint64 m_prompt = 0;
    qint64 m_candidates = 0;
    qint64 m_cached = 0;
    qint64 m_thoughts = 0;
    qint64 m_toolUsePrompt = 0;
    bool m_sawUsage = false;
    QString m_model;
    QString m_responseId;
    QString m_stopReason;
    QString m_errorType;
    QString m_errorMessage;
    int m_errorCode = 0;
};
