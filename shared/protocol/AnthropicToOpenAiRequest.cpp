// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/AnthropicToOpenAiRequest.h"

#include "protocol/RequestTranslation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

namespace {

using Failure = RequestTranslation::Failure;

QString indexed(const QString &field, qsizetype i)
{
    return field + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

QJsonObject textPart(const QString &text)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                       {QStringLiteral("text"), text}};
}

QJsonObject imagePart(const QJsonObject &block, const QString &field)
{
    const QJsonObject source = block.value(QLatin1String("source")).toObject();
    const QString type = source.value(QLatin1String("type")).toString();
    QString url;
    if (type == QLatin1String("base64"))
        url = QStringLiteral("data:") + source.value(QLatin1String("media_type")).toString() +
              QStringLiteral(";base64,") + source.value(QLatin1String("data")).toString();
    else if (type == QLatin1String("url"))
        url = source.value(QLatin1String("url")).toString();
    else
        throw Failure{field + QStringLiteral(".source.type '") + type +
                      QStringLiteral("' is not supported")};
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("image_url")},
                       {QStringLiteral("image_url"), QJsonObject{{QStringLiteral("url"), url}}}};
}

QJsonObject documentPart(const QJsonObject &block, const QString &field)
{
    const QJsonObject source = block.value(QLatin1String("source")).toObject();
    const QString type = source.value(QLatin1String("type")).toString();
    if (type == QLatin1String("text"))
        return textPart(source.value(QLatin1String("data")).toString());
    const QString mediaType = source.value(QLatin1String("media_type")).toString();
    if (type == QLatin1String("base64") && mediaType == QLatin1String("application/pdf")) {
        QJsonObject file{
            {QStringLiteral("file_data"), QStringLiteral("data:application/pdf;base64,") +
                                              source.value(QLatin1String("data")).toString()}};
        const QString title = block.value(QLatin1String("title")).toString();
        file.insert(QStringLiteral("filename"),
                    title.isEmpty() ? QStringLiteral("document.pdf") : title);
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("file")},
                           {QStringLiteral("file"), file}};
    }
    throw Failure{field + QStringLiteral(": document source '") + type +
                  QStringLiteral("' is not supported")};
}

// Parts -> a plain string when they are all text, else the array.
QJsonValue partsContent(const QJsonArray &parts)
{
    QStringList texts;
    for (const QJsonValue &p : parts) {
        const QJsonObject part = p.toObject();
        if (part.value(QLatin1String("type")).toString() != QLatin1String("text"))
            return parts;
        texts.append(part.value(QLatin1String("text")).toString());
    }
    return texts.join(QStringLiteral("\n\n"));
}

// Anthropic content (string or blocks) -> list of blocks.
QJsonArray blocksOf(const QJsonValue &content, const QString &field)
{
    if (content.isString())
        return QJsonArray{textPart(content.toString())};
    if (content.isArray())
        return content.toArray();
    if (content.isUndefined() || content.isNull())
        return {};
    throw Failure{field + QStringLiteral(" must be a string or an array of content blocks")};
}

void addUserMessage(QJsonArray &messages, const QJsonObject &m, const QString &field)
{
    const QString contentField = field + QStringLiteral(".content");
    const QJsonArray blocks = blocksOf(m.value(QLatin1String("content")), contentField);
    QJsonArray parts;
    QJsonArray toolImages;
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const QString blockField = indexed(contentField, i);
        const QJsonObject block = blocks.at(i).toObject();
        const QString type = block.value(QLatin1String("type")).toString();
        if (type == QLatin1String("text")) {
            parts.append(textPart(block.value(QLatin1String("text")).toString()));
        } else if (type == QLatin1String("image")) {
            parts.append(imagePart(block, blockField));
        } else if (type == QLatin1String("document")) {
            parts.append(documentPart(block, blockField));
        } else if (type == QLatin1String("tool_result")) {
            const QString id = block.value(QLatin1String("tool_use_id")).toString();
            if (id.isEmpty())
                throw Failure{blockField + QStringLiteral(".tool_use_id is required")};
            const QJsonValue content = block.value(QLatin1String("content"));
            QStringList texts;
            const QJsonArray resultBlocks =
                blocksOf(content, blockField + QStringLiteral(".content"));
            for (qsizetype j = 0; j < resultBlocks.size(); ++j) {
                const QJsonObject rb = resultBlocks.at(j).toObject();
                const QString rt = rb.value(QLatin1String("type")).toString();
                const QString rbField = indexed(blockField + QStringLiteral(".content"), j);
                if (rt == QLatin1String("text"))
                    texts.append(rb.value(QLatin1String("text")).toString());
                else if (rt == QLatin1String("image"))
                    toolImages.append(imagePart(rb, rbField));
                else if (rt == QLatin1String("document"))
                    toolImages.append(documentPart(rb, rbField));
                else
                    throw Failure{rbField + QStringLiteral(": block type '") + rt +
                                  QStringLiteral("' is not supported in a tool result")};
            }
            messages.append(
                QJsonObject{{QStringLiteral("role"), QStringLiteral("tool")},
                            {QStringLiteral("tool_call_id"), id},
                            {QStringLiteral("content"), texts.join(QStringLiteral("\n\n"))}});
        } else {
            throw Failure{blockField + QStringLiteral(": block type '") + type +
                          QStringLiteral("' is not supported in a user message")};
        }
    }
    // Images returned by tools come first, so they sit next to the tool results.
    QJsonArray all = toolImages;
    for (const QJsonValue &p : parts)
        all.append(p);
    if (!all.isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("content"), partsContent(all)}});
}

void addAssistantMessage(QJsonArray &messages, const QJsonObject &m, const QString &field)
{
    const QString contentField = field + QStringLiteral(".content");
    const QJsonArray blocks = blocksOf(m.value(QLatin1String("content")), contentField);
    QString text;
    bool hasText = false;
    QJsonArray toolCalls;
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const QString blockField = indexed(contentField, i);
        const QJsonObject block = blocks.at(i).toObject();
        const QString type = block.value(QLatin1String("type")).toString();
        if (type == QLatin1String("text")) {
            text += block.value(QLatin1String("text")).toString();
            hasText = true;
        } else if (type == QLatin1String("tool_use")) {
            const QString id = block.value(QLatin1String("id")).toString();
            const QString name = block.value(QLatin1String("name")).toString();
            if (id.isEmpty() || name.isEmpty())
                throw Failure{blockField + QStringLiteral(" needs an id and a name")};
            const QJsonObject function{
                {QStringLiteral("name"), name},
                {QStringLiteral("arguments"),
                 QString::fromUtf8(QJsonDocument(block.value(QLatin1String("input")).toObject())
                                       .toJson(QJsonDocument::Compact))}};
            toolCalls.append(QJsonObject{{QStringLiteral("id"), id},
                                         {QStringLiteral("type"), QStringLiteral("function")},
                                         {QStringLiteral("function"), function}});
        } else if (type == QLatin1String("thinking") ||
                   type == QLatin1String("redacted_thinking")) {
            // No OpenAI equivalent in a request.
        } else {
            throw Failure{blockField + QStringLiteral(": block type '") + type +
                          QStringLiteral("' is not supported in an assistant message")};
        }
    }
    if (!hasText && toolCalls.isEmpty())
        return;
    QJsonObject out{{QStringLiteral("role"), QStringLiteral("assistant")},
                    {QStringLiteral("content"), hasText ? QJsonValue(text) : QJsonValue()}};
    if (!toolCalls.isEmpty())
        out.insert(QStringLiteral("tool_calls"), toolCalls);
    messages.append(out);
}

QByteArray translateObject(const QJsonObject &in, bool *stream)
{
    QJsonObject out;
    const QJsonValue model = in.value(QLatin1String("model"));
    if (!model.isString() || model.toString().isEmpty())
        throw Failure{QStringLiteral("model is required")};
    out.insert(QStringLiteral("model"), model);

    QJsonArray messages;
    const QJsonValue system = in.value(QLatin1String("system"));
    if (system.isString()) {
        if (!system.toString().isEmpty())
            messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                        {QStringLiteral("content"), system}});
    } else if (system.isArray()) {
        QStringList texts;
        const QJsonArray blocks = system.toArray();
        for (qsizetype i = 0; i < blocks.size(); ++i) {
            const QJsonObject block = blocks.at(i).toObject();
            if (block.value(QLatin1String("type")).toString() != QLatin1String("text"))
                throw Failure{indexed(QStringLiteral("system"), i) +
                              QStringLiteral(" must be a text block")};
            texts.append(block.value(QLatin1String("text")).toString());
        }
        if (!texts.isEmpty())
            messages.append(
                QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                            {QStringLiteral("content"), texts.join(QStringLiteral("\n\n"))}});
    } else if (!system.isUndefined() && !system.isNull()) {
        throw Failure{QStringLiteral("system must be a string or an array of text blocks")};
    }

    const QJsonValue messagesValue = in.value(QLatin1String("messages"));
    if (!messagesValue.isArray() || messagesValue.toArray().isEmpty())
        throw Failure{QStringLiteral("messages must be a non-empty array")};
    const QJsonArray inMessages = messagesValue.toArray();
    for (qsizetype i = 0; i < inMessages.size(); ++i) {
        const QString field = indexed(QStringLiteral("messages"), i);
        const QJsonObject m = inMessages.at(i).toObject();
        const QString role = m.value(QLatin1String("role")).toString();
        if (role == QLatin1String("user"))
            addUserMessage(messages, m, field);
        else if (role == QLatin1String("assistant"))
            addAssistantMessage(messages, m, field);
        else
            throw Failure{field + QStringLiteral(".role must be 'user' or 'assistant'")};
    }
    out.insert(QStringLiteral("messages"), messages);

    const QJsonValue maxTokens = in.value(QLatin1String("max_tokens"));
    if (maxTokens.isDouble())
        out.insert(QStringLiteral("max_tokens"), maxTokens);
    for (const char *key : {"temperature", "top_p"}) {
        const QJsonValue v = in.value(QLatin1String(key));
        if (v.isDouble())
            out.insert(QString::fromLatin1(key), v);
    }
    const QJsonArray stop = in.value(QLatin1String("stop_sequences")).toArray();
    if (!stop.isEmpty())
        out.insert(QStringLiteral("stop"), stop);

    const QJsonArray tools = in.value(QLatin1String("tools")).toArray();
    QJsonArray openAiTools;
    for (qsizetype i = 0; i < tools.size(); ++i) {
        const QString field = indexed(QStringLiteral("tools"), i);
        const QJsonObject tool = tools.at(i).toObject();
        const QString type = tool.value(QLatin1String("type")).toString();
        if (!type.isEmpty() && type != QLatin1String("custom"))
            throw Failure{field + QStringLiteral(": server tool type '") + type +
                          QStringLiteral("' has no equivalent on this account")};
        const QString name = tool.value(QLatin1String("name")).toString();
        if (name.isEmpty())
            throw Failure{field + QStringLiteral(".name is required")};
        QJsonObject function{{QStringLiteral("name"), name}};
        const QString description = tool.value(QLatin1String("description")).toString();
        if (!description.isEmpty())
            function.insert(QStringLiteral("description"), description);
        QJsonObject schema = tool.value(QLatin1String("input_schema")).toObject();
        if (schema.isEmpty())
            schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                 {QStringLiteral("properties"), QJsonObject()}};
        function.insert(QStringLiteral("parameters"), schema);
        openAiTools.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                                       {QStringLiteral("function"), function}});
    }
    if (!openAiTools.isEmpty()) {
        out.insert(QStringLiteral("tools"), openAiTools);
        const QJsonObject choice = in.value(QLatin1String("tool_choice")).toObject();
        const QString type = choice.value(QLatin1String("type")).toString();
        if (type == QLatin1String("auto")) {
            out.insert(QStringLiteral("tool_choice"), QStringLiteral("auto"));
        } else if (type == QLatin1String("any")) {
            out.insert(QStringLiteral("tool_choice"), QStringLiteral("required"));
        } else if (type == QLatin1String("none")) {
            out.insert(QStringLiteral("tool_choice"), QStringLiteral("none"));
        } else if (type == QLatin1String("tool")) {
            const QString name = choice.value(QLatin1String("name")).toString();
            if (name.isEmpty())
                throw Failure{QStringLiteral("tool_choice.name is required")};
            out.insert(QStringLiteral("tool_choice"),
                       QJsonObject{{QStringLiteral("type"), QStringLiteral("function")},
                                   {QStringLiteral("function"),
                                    QJsonObject{{QStringLiteral("name"), name}}}});
        } else if (!type.isEmpty()) {
            throw Failure{QStringLiteral("tool_choice.type '") + type +
                          QStringLiteral("' is not supported")};
        }
        if (choice.value(QLatin1String("disable_parallel_tool_use")).toBool(false) &&
            type != QLatin1String("none"))
            out.insert(QStringLiteral("parallel_tool_calls"), false);
    }

    const bool isStream = in.value(QLatin1String("stream")).toBool(false);
    if (isStream) {
        out.insert(QStringLiteral("stream"), true);
        out.insert(QStringLiteral("stream_options"),
                   QJsonObject{{QStringLiteral("include_usage"), true}});
    }
    if (stream)
        *stream = isStream;
    const QString user =
        in.value(QLatin1String("metadata")).toObject().value(QLatin1String("user_id")).toString();
    if (!user.isEmpty())
        out.insert(QStringLiteral("user"), user);
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

} // namespace

std::optional<QByteArray> AnthropicToOpenAiRequest::translate(const QByteArray &anthropicBody,
                                                              QString *error, bool *stream)
{
    return RequestTranslation::run(anthropicBody, error, stream, translateObject);
}
