// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/OpenAiToAnthropicStream.h"

#include "protocol/ErrorTranslation.h"
#include "protocol/OpenAiToAnthropicResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QUuid>

namespace {

QByteArray event(const char *name, const QJsonObject &data)
{
    return QByteArray("event: ") + name +
           "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n";
}

QString randomId()
{
    return QUuid::createUuid().toString(QUuid::Id128).left(24);
}

} // namespace

OpenAiToAnthropicStream::OpenAiToAnthropicStream(const QString &model) : m_model(model) {}

QByteArray OpenAiToAnthropicStream::start(const QJsonObject &chunk)
{
    if (m_started)
        return {};
    m_started = true;
    QString id = chunk.value(QLatin1String("id")).toString();
    if (id.startsWith(QLatin1String("chatcmpl-")))
        id = id.mid(9);
    if (id.isEmpty())
        id = randomId();
    if (m_model.isEmpty())
        m_model = chunk.value(QLatin1String("model")).toString();
    const QJsonObject message{
        {QStringLiteral("id"),
         id.startsWith(QLatin1String("msg_")) ? id : QStringLiteral("msg_") + id},
        {QStringLiteral("type"), QStringLiteral("message")},
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("model"), m_model},
        {QStringLiteral("content"), QJsonArray()},
        {QStringLiteral("stop_reason"), QJsonValue()},
        {QStringLiteral("stop_sequence"), QJsonValue()},
        {QStringLiteral("usage"), OpenAiToAnthropicResponse::anthropicUsage(m_tracker.usage())}};
    return event("message_start",
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("message_start")},
                             {QStringLiteral("message"), message}});
}

QByteArray OpenAiToAnthropicStream::closeBlock()
{
    if (m_open == Block::None)
        return {};
    m_open = Block::None;
    return event("content_block_stop",
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("content_block_stop")},
                             {QStringLiteral("index"), m_openIndex}});
}

QByteArray OpenAiToAnthropicStream::openBlock(Block kind, const QJsonObject &contentBlock)
{
    QByteArray out = closeBlock();
    m_open = kind;
    m_openIndex = m_nextIndex++;
    out += event("content_block_start",
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("content_block_start")},
                             {QStringLiteral("index"), m_openIndex},
                             {QStringLiteral("content_block"), contentBlock}});
    return out;
}

QByteArray OpenAiToAnthropicStream::blockDelta(int index, const QJsonObject &delta)
{
    return event("content_block_delta",
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("content_block_delta")},
                             {QStringLiteral("index"), index},
                             {QStringLiteral("delta"), delta}});
}

QByteArray OpenAiToAnthropicStream::toolFragment(const QJsonObject &call)
{
    QByteArray out;
    m_sawToolCalls = true;
    const QJsonObject function = call.value(QLatin1String("function")).toObject();
    const QString id = call.value(QLatin1String("id")).toString();
    // Servers that omit the index send one call at a time: a new id starts the next call.
    int toolIndex = call.value(QLatin1String("index")).toInt(-1);
    if (toolIndex < 0)
        toolIndex = m_lastToolIndex < 0 ? 0 : m_lastToolIndex + (id.isEmpty() ? 0 : 1);
    m_lastToolIndex = qMax(m_lastToolIndex, toolIndex);

    auto it = m_toolBlocks.constFind(toolIndex);
    if (it == m_toolBlocks.constEnd()) {
        const QJsonObject block{
            {QStringLiteral("type"), QStringLiteral("tool_use")},
            {QStringLiteral("id"), id.isEmpty() ? QStringLiteral("toolu_") + randomId() : id},
            {QStringLiteral("name"), function.value(QLatin1String("name")).toString()},
            {QStringLiteral("input"), QJsonObject()}};
        out += openBlock(Block::Tool, block);
        it = m_toolBlocks.insert(toolIndex, m_openIndex);
    }
    const QString arguments = function.value(QLatin1String("arguments")).toString();
    if (!arguments.isEmpty())
        out += blockDelta(it.value(),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("input_json_delta")},
                                      {QStringLiteral("partial_json"), arguments}});
    return out;
}

QByteArray OpenAiToAnthropicStream::feed(const SseEvent &e)
{
    if (m_finished)
        return {};
    if (e.isComment()) {
        if (!m_started)
            return {};
        return event("ping", QJsonObject{{QStringLiteral("type"), QStringLiteral("ping")}});
    }
    if (!e.hasData)
        return {};
    if (e.data.trimmed() == "[DONE]")
        return finish();
    const QJsonDocument doc = QJsonDocument::fromJson(e.data);
    if (!doc.isObject())
        return {};
    m_tracker.addEvent(e);
    const QJsonObject chunk = doc.object();

    if (chunk.contains(QLatin1String("error")) || e.event == "error") {
        m_finished = true;
        return QByteArray("event: error\ndata: ") + ErrorTranslation::openAiToAnthropic(e.data, 0) +
               "\n\n";
    }

    QByteArray out = start(chunk);
    const QJsonArray choices = chunk.value(QLatin1String("choices")).toArray();
    if (choices.isEmpty())
        return out; // the usage chunk: the tracker has read it
    const QJsonObject choice = choices.at(0).toObject();
    const QJsonObject delta = choice.value(QLatin1String("delta")).toObject();

    QString reasoning = delta.value(QLatin1String("reasoning_content")).toString();
    if (reasoning.isEmpty())
        reasoning = delta.value(QLatin1String("reasoning")).toString();
    if (!reasoning.isEmpty()) {
        if (m_open != Block::Thinking)
            out += openBlock(Block::Thinking,
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking")},
                                         {QStringLiteral("thinking"), QString()},
                                         {QStringLiteral("signature"), QString()}});
        out += blockDelta(m_openIndex,
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking_delta")},
                                      {QStringLiteral("thinking"), reasoning}});
    }

    const QString text = delta.value(QLatin1String("content")).toString();
    if (!text.isEmpty()) {
        if (m_open != Block::Text)
            out +=
                openBlock(Block::Text, QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                   {QStringLiteral("text"), QString()}});
        out += blockDelta(m_openIndex,
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("text_delta")},
                                      {QStringLiteral("text"), text}});
    }

    for (const QJsonValue &call : delta.value(QLatin1String("tool_calls")).toArray())
        out += toolFragment(call.toObject());

    const QString finishReason = choice.value(QLatin1String("finish_reason")).toString();
    if (!finishReason.isEmpty()) {
        m_finishReason = finishReason;
        out += closeBlock();
    }
    return out;
}

QByteArray OpenAiToAnthropicStream::finish()
{
    if (m_finished)
        return {};
    m_finished = true;
    QByteArray out = start(QJsonObject());
    out += closeBlock();
    const QJsonObject delta{{QStringLiteral("stop_reason"),
                             OpenAiToAnthropicResponse::stopReason(m_finishReason, m_sawToolCalls)},
                            {QStringLiteral("stop_sequence"), QJsonValue()}};
    out += event("message_delta",
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("message_delta")},
                             {QStringLiteral("delta"), delta},
                             {QStringLiteral("usage"),
                              OpenAiToAnthropicResponse::anthropicUsage(m_tracker.usage())}});
    out += event("message_stop",
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("message_stop")}});
    return out;
}
