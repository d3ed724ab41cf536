// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/AnthropicToOpenAiStream.h"

#include "protocol/AnthropicToOpenAiResponse.h"
#include "protocol/ErrorTranslation.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace {

QByteArray dataLine(const QJsonObject &object)
{
    return "data: " + QJsonDocument(object).toJson(QJsonDocument::Compact) + "\n\n";
}

} // namespace

AnthropicToOpenAiStream::AnthropicToOpenAiStream(const QString &model, bool includeUsage)
    : m_model(model), m_includeUsage(includeUsage), m_created(QDateTime::currentSecsSinceEpoch())
{
}

QByteArray AnthropicToOpenAiStream::chunk(const QJsonObject &delta, const QJsonValue &finishReason)
{
    const QJsonObject choice{{QStringLiteral("index"), 0},
                             {QStringLiteral("delta"), delta},
                             {QStringLiteral("logprobs"), QJsonValue()},
                             {QStringLiteral("finish_reason"), finishReason}};
    return dataLine(QJsonObject{{QStringLiteral("id"), m_id},
                                {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
                                {QStringLiteral("created"), m_created},
                                {QStringLiteral("model"), m_model},
                                {QStringLiteral("choices"), QJsonArray{choice}}});
}

// The first chunk carries the role; every other chunk comes after it.
QByteArray AnthropicToOpenAiStream::roleChunk()
{
    if (m_roleSent)
        return {};
    m_roleSent = true;
    if (m_id.isEmpty())
        m_id =
            QStringLiteral("chatcmpl-") +
            (m_tracker.messageId().isEmpty() ? QString::number(m_created) : m_tracker.messageId());
    if (m_model.isEmpty())
        m_model = m_tracker.model();
    return chunk(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                             {QStringLiteral("content"), QString()}},
                 QJsonValue());
}

QByteArray AnthropicToOpenAiStream::feed(const SseEvent &e)
{
    if (m_finished || !e.hasData || e.data.isEmpty())
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(e.data);
    if (!doc.isObject())
        return {};
    m_tracker.addEvent(e);
    const QJsonObject object = doc.object();
    QString type = QString::fromUtf8(e.event);
    if (type.isEmpty())
        type = object.value(QLatin1String("type")).toString();

    if (type == QLatin1String("error")) {
        m_finished = true;
        return dataLine(
            QJsonDocument::fromJson(ErrorTranslation::anthropicToOpenAi(e.data, 0)).object());
    }
    if (type == QLatin1String("message_start"))
        return roleChunk();
    if (type == QLatin1String("message_stop"))
        return finish();

    QByteArray out = roleChunk();
    if (type == QLatin1String("content_block_start")) {
        const QJsonObject block = object.value(QLatin1String("content_block")).toObject();
        const QString blockType = block.value(QLatin1String("type")).toString();
        if (blockType == QLatin1String("tool_use")) {
            const int toolIndex = m_nextToolIndex++;
            m_toolIndex.insert(object.value(QLatin1String("index")).toInt(), toolIndex);
            const QJsonObject function{{QStringLiteral("name"), block.value(QLatin1String("name"))},
                                       {QStringLiteral("arguments"), QString()}};
            const QJsonObject call{{QStringLiteral("index"), toolIndex},
                                   {QStringLiteral("id"), block.value(QLatin1String("id"))},
                                   {QStringLiteral("type"), QStringLiteral("function")},
                                   {QStringLiteral("function"), function}};
            out +=
                chunk(QJsonObject{{QStringLiteral("tool_calls"), QJsonArray{call}}}, QJsonValue());
        } else if (blockType == QLatin1String("text")) {
            const QString text = block.value(QLatin1String("text")).toString();
            if (!text.isEmpty())
                out += chunk(QJsonObject{{QStringLiteral("content"), text}}, QJsonValue());
        }
    } else if (type == QLatin1String("content_block_delta")) {
        const QJsonObject delta = object.value(QLatin1String("delta")).toObject();
        const QString deltaType = delta.value(QLatin1String("type")).toString();
        if (deltaType == QLatin1String("text_delta")) {
            const QString text = delta.value(QLatin1String("text")).toString();
            if (!text.isEmpty())
                out += chunk(QJsonObject{{QStringLiteral("content"), text}}, QJsonValue());
        } else if (deltaType == QLatin1String("thinking_delta")) {
            const QString text = delta.value(QLatin1String("thinking")).toString();
            if (!text.isEmpty())
                out +=
                    chunk(QJsonObject{{QStringLiteral("reasoning_content"), text}}, QJsonValue());
        } else if (deltaType == QLatin1String("input_json_delta")) {
            const QString json = delta.value(QLatin1String("partial_json")).toString();
            const auto it = m_toolIndex.constFind(object.value(QLatin1String("index")).toInt());
            if (!json.isEmpty() && it != m_toolIndex.constEnd()) {
                const QJsonObject call{
                    {QStringLiteral("index"), it.value()},
                    {QStringLiteral("function"), QJsonObject{{QStringLiteral("arguments"), json}}}};
                out += chunk(QJsonObject{{QStringLiteral("tool_calls"), QJsonArray{call}}},
                             QJsonValue());
            }
        }
    } else if (type == QLatin1String("message_delta")) {
        if (!m_finishSent && !m_tracker.stopReason().isEmpty()) {
            m_finishSent = true;
            out += chunk(QJsonObject(),
                         AnthropicToOpenAiResponse::finishReason(m_tracker.stopReason()));
        }
    }
    return out;
}

QByteArray AnthropicToOpenAiStream::finish()
{
    if (m_finished)
        return {};
    QByteArray out = roleChunk();
    m_finished = true;
    if (!m_finishSent) {
        m_finishSent = true;
        out +=
            chunk(QJsonObject(), AnthropicToOpenAiResponse::finishReason(m_tracker.stopReason()));
    }
    if (m_includeUsage)
        out += dataLine(QJsonObject{
            {QStringLiteral("id"), m_id},
            {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
            {QStringLiteral("created"), m_created},
            {QStringLiteral("model"), m_model},
            {QStringLiteral("choices"), QJsonArray()},
            {QStringLiteral("usage"), AnthropicToOpenAiResponse::openAiUsage(m_tracker.usage())}});
    out += "data: [DONE]\n\n";
    return out;
}
