// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/GeminiToOpenAiStream.h"

#include "protocol/GeminiErrors.h"
#include "protocol/GeminiOpenAiMapping.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

GeminiToOpenAiStream::GeminiToOpenAiStream(const QString &model, bool includeUsage)
    : m_model(model), m_includeUsage(includeUsage), m_created(QDateTime::currentSecsSinceEpoch())
{
}

QString GeminiToOpenAiStream::model() const
{
    return m_model.isEmpty() ? m_tracker.model() : m_model;
}

QByteArray GeminiToOpenAiStream::chunk(int index, const QJsonObject &delta,
                                       const QJsonValue &finishReason)
{
    if (m_id.isEmpty())
        m_id = QLatin1String("chatcmpl-") + GeminiOpenAiMapping::newToolCallId().mid(5);
    QJsonObject object{{QStringLiteral("id"), m_id},
                       {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                       {QStringLiteral("created"), m_created},
                       {QStringLiteral("model"), model()},
                       {QStringLiteral("choices"),
                        QJsonArray{QJsonObject{{QStringLiteral("index"), index},
                                               {QStringLiteral("delta"), delta},
                                               {QStringLiteral("logprobs"), QJsonValue::Null},
                                               {QStringLiteral("finish_reason"), finishReason}}}}};
    if (m_includeUsage)
        object.insert(QStringLiteral("usage"), QJsonValue::Null);
    return "data: " + QJsonDocument(object).toJson(QJsonDocument::Compact) + "\n\n";
}

QByteArray GeminiToOpenAiStream::ensureRole(int index)
{
    Choice &choice = m_choices[index];
    if (choice.roleSent)
        return {};
    choice.roleSent = true;
    return chunk(index,
                 QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                             {QStringLiteral("content"), QString()},
                             {QStringLiteral("refusal"), QJsonValue::Null}},
                 QJsonValue::Null);
}

QByteArray GeminiToOpenAiStream::feed(const SseEvent &e)
{
    if (m_finished || !e.hasData || e.data.trimmed().isEmpty())
        return {};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(e.data, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    m_tracker.addEvent(e);
    const QJsonObject in = doc.object();
    if (GeminiUsageTracker::isError(in)) {
        m_finished = true;
        m_failed = true;
        return "data: " + GeminiErrors::toOpenAi(e.data, 0) + "\n\n";
    }
    if (m_id.isEmpty()) {
        const QString responseId = in.value(QLatin1String("responseId")).toString();
        if (!responseId.isEmpty())
            m_id = QLatin1String("chatcmpl-") + responseId;
    }
    const QJsonValue usage = in.value(QLatin1String("usageMetadata"));
    if (usage.isObject())
        m_usage = usage.toObject();

    QByteArray out;
    const QJsonArray candidates = in.value(QLatin1String("candidates")).toArray();
    for (int i = 0; i < candidates.size(); ++i) {
        const QJsonObject candidate = candidates.at(i).toObject();
        const int index = candidate.value(QLatin1String("index")).toInt(i);
        out += ensureRole(index);
        const QJsonArray parts = candidate.value(QLatin1String("content"))
                                     .toObject()
                                     .value(QLatin1String("parts"))
                                     .toArray();
        for (const QJsonValue &p : parts) {
            const QJsonObject part = p.toObject();
            const QJsonValue call = part.value(QLatin1String("functionCall"));
            if (call.isObject()) {
                QJsonObject toolCall = GeminiOpenAiMapping::toolCall(call.toObject());
                toolCall.insert(QStringLiteral("index"), m_choices[index].toolCalls++);
                out +=
                    chunk(index, QJsonObject{{QStringLiteral("tool_calls"), QJsonArray{toolCall}}},
                          QJsonValue::Null);
                continue;
            }
            const QString text = part.value(QLatin1String("text")).toString();
            if (text.isEmpty())
                continue;
            const bool thought = part.value(QLatin1String("thought")).toBool(false);
            out += chunk(index,
                         QJsonObject{{thought ? QStringLiteral("reasoning_content")
                                              : QStringLiteral("content"),
                                      text}},
                         QJsonValue::Null);
        }
        const QString reason = candidate.value(QLatin1String("finishReason")).toString();
        if (!reason.isEmpty())
            m_choices[index].finishReason = reason;
    }
    if (candidates.isEmpty()) {
        const QString blocked = in.value(QLatin1String("promptFeedback"))
                                    .toObject()
                                    .value(QLatin1String("blockReason"))
                                    .toString();
        if (!blocked.isEmpty()) {
            out += ensureRole(0);
            m_choices[0].finishReason = blocked;
        }
    }
    return out;
}

QByteArray GeminiToOpenAiStream::finish()
{
    if (m_finished)
        return {};
    m_finished = true;
    QByteArray out;
    if (m_choices.isEmpty())
        out += ensureRole(0);
    for (auto it = m_choices.begin(); it != m_choices.end(); ++it) {
        out += ensureRole(it.key());
        const QString reason = it->toolCalls > 0
                                   ? QStringLiteral("tool_calls")
                                   : GeminiOpenAiMapping::finishReason(it->finishReason);
        out += chunk(it.key(), QJsonObject(), reason);
    }
    if (m_includeUsage) {
        const QJsonObject object{
            {QStringLiteral("id"), m_id},
            {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
            {QStringLiteral("created"), m_created},
            {QStringLiteral("model"), model()},
            {QStringLiteral("choices"), QJsonArray()},
            {QStringLiteral("usage"), GeminiOpenAiMapping::usage(m_usage)}};
        out += "data: " + QJsonDocument(object).toJson(QJsonDocument::Compact) + "\n\n";
    }
    out += "data: [DONE]\n\n";
    return out;
}
