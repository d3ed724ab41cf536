// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/GeminiUsageTracker.h"
#include "protocol/SseParser.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>

// Translates a Gemini :streamGenerateContent?alt=sse stream, event by event, into an OpenAI
// chat-completions stream ("data: {chat.completion.chunk}\n\n" ... "data: [DONE]\n\n").
//
// - the first chunk of each choice is delta {role: assistant, content: ""};
// - text parts -> delta.content, thought parts -> delta.reasoning_content, functionCall parts
//   (Gemini sends each call whole) -> delta.tool_calls[{index, id "call_...", type, function
//   {name, arguments}}], index counting the calls of that choice from 0;
// - finishReason and usageMetadata are remembered; finish() sends the finish chunk
//   ("tool_calls" when the choice called a function, else GeminiOpenAiMapping::finishReason(),
//   "stop" when none arrived), then the usage chunk (choices: [], only when includeUsage; the
//   other chunks then carry "usage": null, as OpenAI's do), then "data: [DONE]";
// - an error event ({"error":{...}}) -> an OpenAI error chunk ("data: {"error":{...}}"), after
//   which the stream is over (finish() adds nothing).
// Chunks carry the id "chatcmpl-" + the responseId and the constructor's model (the upstream
// modelVersion when that is empty).
class GeminiToOpenAiStream
{
public:
    GeminiToOpenAiStream(const QString &model, bool includeUsage);

    QByteArray feed(const SseEvent &geminiEvent);
    // Ends the stream. Safe to call more than once (later calls return nothing).
    QByteArray finish();

    bool isFinished() const { return m_finished; }
    bool failed() const { return m_failed; }
    // Usage, finish reason and errors read from the Gemini events so far.
    const GeminiUsageTracker &tracker() const { return m_tracker; }

private:
    struct Choice
    {
        bool roleSent = false;
        int toolCalls = 0;
        QString finishReason; // Gemini's
    };

    QByteArray chunk(int index, const QJsonObject &delta, const QJsonValue &finishReason);
    QByteArray ensureRole(int index);
    QString model() const;

    QString m_model;
    bool m_includeUsage;
    GeminiUsageTracker m_tracker;
    QString m_id;
    qint64 m_created;
    QMap<int, Choice> m_choices;
    QJsonObject m_usage;
    bool m_finished = false;
    bool m_failed = false;
};
