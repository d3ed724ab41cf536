// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/JsonView.h"
#include "protocol/SseParser.h"
#include "protocol/TokenUsage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// Reads usage, model, stop reason and errors from Anthropic Messages API responses, either a
// whole JSON body or the events of a stream (message_start, message_delta, message_stop, error).
class AnthropicUsageTracker
{
public:
    // A non-streaming body: a "message" object or an {"type":"error","error":{...}} object.
    // Strict JSON is read in place; anything else goes to addSkimmedResponseBody().
    void addResponseBody(const QByteArray &json);
    // The lenient reading (JsonSkim): content that is damaged but skipped still leaves the
    // usage readable. For a strict body it reads what addResponseBody() reads.
    void addSkimmedResponseBody(const QByteArray &json);
    // One event of a stream; events other than the ones that carry usage are ignored.
    void addEvent(const SseEvent &e);

    // cacheWriteTokens is cache_creation_input_tokens (or the sum of the TTL split when that is
    // larger); cacheWrite1hTokens is cache_creation.ephemeral_1h_input_tokens.
    TokenUsage usage() const;
    QString model() const { return m_model; }
    QString messageId() const { return m_messageId; }
    QString stopReason() const { return m_stopReason; }
    // "overloaded_error", "rate_limit_error", ... or empty when no error was seen.
    QString errorType() const { return m_errorType; }
    QString errorMessage() const { return m_errorMessage; }
    // A stream's message_stop arrived, or a complete non-streaming message was read.
    bool sawMessageStop() const { return m_sawMessageStop; }

private:
    void addMessage(const QJsonObject &message);
    void addUsage(const QJsonObject &usage);
    // The same read in place, for answers that are strict JSON.
    void addMessage(const JsonView &model, const JsonView &id, const JsonView &stopReason,
                    const JsonView &usage);
    void addUsage(const JsonView &usage);
    void addError(const QJsonObject &object);

    TokenUsage m_usage;
    qint64 m_cacheWrite5m = 0; // cache_creation.ephemeral_5m_input_tokens
    QString m_model;
    QString m_messageId;
    QString m_stopReason;
    QString m_errorType;
    QString m_errorMessage;
    bool m_sawMessageStop = false;
};
