// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/JsonView.h"
#include "protocol/SseParser.h"
#include "protocol/TokenUsage.h"

#include <QByteArray>
#include <QString>

// Reads usage, model, finish reason and errors from OpenAI (and OpenAI-compatible) chat
// completion responses: a whole JSON body, or the chunks of a stream ("data: {...}" and
// "data: [DONE]"), where the usage arrives in a last chunk with "choices": [] when
// stream_options.include_usage was requested.
class OpenAiUsageTracker
{
public:
    void addResponseBody(const QByteArray &json);
    void addEvent(const SseEvent &e);

    TokenUsage usage() const { return m_usage; }
    bool sawUsage() const { return m_sawUsage; }
    QString model() const { return m_model; }
    QString stopReason() const { return m_stopReason; } // the last non-null finish_reason
    // The error's "type" (or its "code" when the type is missing); empty when no error was seen.
    QString errorType() const { return m_errorType; }
    QString errorMessage() const { return m_errorMessage; }
    bool sawDone() const { return m_sawDone; } // "data: [DONE]" arrived

    // A stream chunk whose "choices" array is empty and which carries a usage object: the relay
    // drops it when the client did not ask for usage itself.
    static bool isUsageOnlyChunk(const SseEvent &e);

    // For a streaming request ("stream": true), returns the body with
    // stream_options.include_usage = true, editing the JSON text in place so every other byte
    // (key order, number spelling, whitespace) is preserved. A body that is not a JSON object,
    // or not a streaming request, is returned unchanged. *clientAskedForUsage tells whether
    // the client had set include_usage to true itself.
    static QByteArray withIncludeUsage(const QByteArray &requestBody, bool *clientAskedForUsage);

private:
    void addObject(const JsonView &object);
    void addUsage(const JsonView &usage);

    TokenUsage m_usage;
    bool m_sawUsage = false;
    QString m_model;
    QString m_stopReason;
    QString m_errorType;
    QString m_errorMessage;
    bool m_sawDone = false;
};
