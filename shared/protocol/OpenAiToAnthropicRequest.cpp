// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/OpenAiToAnthropicRequest.h"
#include "protocol/TokenCount.h"

#include "protocol/RequestTranslation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

namespace {

using Failure = RequestTranslation::Failure;

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("missing");
    }
}

QJsonObject textBlock(const QString &text)
{
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                       {QStringLiteral("text"), text}};
}

// "data:image/png;base64,AAAA" or "https://..." -> an Anthropic image block.
QJsonObject imageBlock(const QString &url, const QString &field)
{
    if (url.startsWith(QLatin1String("data:"), Qt::CaseInsensitive)) {
        const qsizetype comma = url.indexOf(QLatin1Char(','));
        const QString header = url.mid(5, comma - 5);
        if (comma < 0 || !header.endsWith(QLatin1String(";base64"), Qt::CaseInsensitive))
            throw Failure{field + QStringLiteral(": only base64 data: URLs are supported")};
        QString mediaType = header.left(header.size() - 7);
        if (mediaType.isEmpty())
            mediaType = QStringLiteral("image/png");
        const QJsonObject source{{QStringLiteral("type"), QStringLiteral("base64")},
                                 {QStringLiteral("media_type"), mediaType},
                                 {QStringLiteral("data"), url.mid(comma + 1)}};
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("image")},
                           {QStringLiteral("source"), source}};
    }
    if (url.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
        url.startsWith(QLatin1String("https://"), Qt::CaseInsensitive)) {
        const QJsonObject source{{QStringLiteral("type"), QStringLiteral("url")},
                                 {QStringLiteral("url"), url}};
        return QJsonObject{{QStringLiteral("type"), QStringLiteral("image")},
                           {QStringLiteral("source"), source}};
    }
    throw Failure{field + QStringLiteral(": the image URL must be a data: or http(s) URL")};
}

// OpenAI message content (string, null or array of parts) -> Anthropic content blocks.
QJsonArray contentBlocks(const QJsonValue &content, const QString &field, bool allowImages)
{
    QJsonArray blocks;
    if (content.isString()) {
        if (!content.toString().isEmpty())
            blocks.append(textBlock(content.toString()));
        return blocks;
    }
    if (content.isNull() || content.isUndefined())
        return blocks;
    if (!content.isArray())
        throw Failure{field + QStringLiteral(" must be a string or an array, not ") +
                      typeName(content)};
    const QJsonArray parts = content.toArray();
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString partField = field + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
        const QJsonObject part = parts.at(i).toObject();
        const QString type = part.value(QLatin1String("type")).toString();
        if (type == QLatin1String("text") || type == QLatin1String("refusal")) {
            const QString text = part.value(type).toString();
            if (!text.isEmpty())
                blocks.append(textBlock(text));
        } else if (type == QLatin1String("image_url") && allowImages) {
            const QJsonValue image = part.value(QLatin1String("image_url"));
            const QString url = image.isString()
                                    ? image.toString()
                                    : image.toObject().value(QLatin1String("url")).toString();
            blocks.append(imageBlock(url, partField + QStringLiteral(".image_url")));
        } else {
            throw Failure{partField + QStringLiteral(": content part type '") + type +
                          QStringLiteral("' is not supported here")};
        }
    }
    return blocks;
}

QJsonObject parseArguments(const QJsonValue &arguments)
{
    if (arguments.isObject())
        return arguments.toObject();
    const QJsonDocument doc = QJsonDocument::fromJson(arguments.toString().toUtf8());
    return doc.isObject() ? doc.object() : QJsonObject();
}

struct MessageList
{
    QJsonArray messages;
    QString lastRole;
    QJsonArray current;

    void add(const QString &role, const QJsonArray &blocks)
    {
        if (blocks.isEmpty())
            return;
        if (role != lastRole)
            flush();
        lastRole = role;
        for (const QJsonValue &b : blocks)
            current.append(b);
    }
    void flush()
    {
        if (!current.isEmpty())
            messages.append(QJsonObject{{QStringLiteral("role"), lastRole},
                                        {QStringLiteral("content"), current}});
        current = QJsonArray();
    }
};

QJsonArray stopSequences(const QJsonValue &stop)
{
    QJsonArray out;
    if (stop.isString()) {
        out.append(stop);
    } else if (stop.isArray()) {
        for (const QJsonValue &s : stop.toArray()) {
            if (!s.isString())
                throw Failure{QStringLiteral("stop must be a string or an array of strings")};
            out.append(s);
        }
    } else if (!stop.isNull() && !stop.isUndefined()) {
        throw Failure{QStringLiteral("stop must be a string or an array of strings")};
    }
    return out;
}

QByteArray translateObject(const QJsonObject &in, bool *stream)
{
    QJsonObject out;
    const QJsonValue model = in.value(QLatin1String("model"));
    if (!model.isString() || model.toString().isEmpty())
        throw Failure{QStringLiteral("model is required")};
    out.insert(QStringLiteral("model"), model);

    const QJsonValue n = in.value(QLatin1String("n"));
    if (n.isDouble() && n.toDouble() != 1)
        throw Failure{QStringLiteral("n: only one choice (n = 1) can be served by this account")};
    if (in.contains(QLatin1String("functions")) || in.contains(QLatin1String("function_call")))
        throw Failure{QStringLiteral(
            "functions/function_call are deprecated and not supported; use tools/tool_choice")};

    qint64 maxTokens = OpenAiToAnthropicRequest::DefaultMaxTokens;
    for (const char *key : {"max_completion_tokens", "max_tokens"}) {
        const QJsonValue v = in.value(QLatin1String(key));
        if (v.isDouble()) {
            if (v.toDouble() < 1)
                throw Failure{QString::fromLatin1(key) + QStringLiteral(" must be at least 1")};
            maxTokens = TokenCount::fromJson(v); // 1e300 is clamped, not converted
            break;
        }
    }
    out.insert(QStringLiteral("max_tokens"), maxTokens);

    const QJsonValue messagesValue = in.value(QLatin1String("messages"));
    if (!messagesValue.isArray() || messagesValue.toArray().isEmpty())
        throw Failure{QStringLiteral("messages must be a non-empty array")};
    const QJsonArray messages = messagesValue.toArray();

    QStringList system;
    MessageList list;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QString field = QStringLiteral("messages[") + QString::number(i) + QLatin1Char(']');
        if (!messages.at(i).isObject())
            throw Failure{field + QStringLiteral(" must be an object")};
        const QJsonObject m = messages.at(i).toObject();
        const QString role = m.value(QLatin1String("role")).toString();
        const QJsonValue content = m.value(QLatin1String("content"));
        const QString contentField = field + QStringLiteral(".content");
        if (role == QLatin1String("system") || role == QLatin1String("developer")) {
            for (const QJsonValue &b : contentBlocks(content, contentField, false))
                system.append(b.toObject().value(QLatin1String("text")).toString());
        } else if (role == QLatin1String("user")) {
            list.add(QStringLiteral("user"), contentBlocks(content, contentField, true));
        } else if (role == QLatin1String("assistant")) {
            QJsonArray blocks = contentBlocks(content, contentField, false);
            const QJsonArray calls = m.value(QLatin1String("tool_calls")).toArray();
            for (qsizetype j = 0; j < calls.size(); ++j) {
                const QJsonObject call = calls.at(j).toObject();
                const QJsonObject function = call.value(QLatin1String("function")).toObject();
                const QString name = function.value(QLatin1String("name")).toString();
                const QString id = call.value(QLatin1String("id")).toString();
                if (name.isEmpty() || id.isEmpty())
                    throw Failure{field + QStringLiteral(".tool_calls[") + QString::number(j) +
                                  QStringLiteral("] needs an id and a function name")};
                blocks.append(
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                {QStringLiteral("id"), id},
                                {QStringLiteral("name"), name},
                                {QStringLiteral("input"),
                                 parseArguments(function.value(QLatin1String("arguments")))}});
            }
            list.add(QStringLiteral("assistant"), blocks);
        } else if (role == QLatin1String("tool")) {
            const QString id = m.value(QLatin1String("tool_call_id")).toString();
            if (id.isEmpty())
                throw Failure{field + QStringLiteral(".tool_call_id is required")};
            QJsonObject result{{QStringLiteral("type"), QStringLiteral("tool_result")},
                               {QStringLiteral("tool_use_id"), id}};
            const QJsonArray blocks = contentBlocks(content, contentField, true);
            if (!blocks.isEmpty())
                result.insert(QStringLiteral("content"), blocks);
            list.add(QStringLiteral("user"), QJsonArray{result});
        } else {
            throw Failure{field + QStringLiteral(".role '") + role +
                          QStringLiteral("' is not supported")};
        }
    }
    list.flush();
    if (list.messages.isEmpty())
        throw Failure{QStringLiteral("messages: at least one non-system message with content is "
                                     "required")};
    if (!system.isEmpty())
        out.insert(QStringLiteral("system"), system.join(QStringLiteral("\n\n")));
    out.insert(QStringLiteral("messages"), list.messages);

    // Tools.
    const QJsonArray tools = in.value(QLatin1String("tools")).toArray();
    QJsonArray anthropicTools;
    for (qsizetype i = 0; i < tools.size(); ++i) {
        const QString field = QStringLiteral("tools[") + QString::number(i) + QLatin1Char(']');
        const QJsonObject tool = tools.at(i).toObject();
        const QString type = tool.value(QLatin1String("type")).toString();
        if (type != QLatin1String("function"))
            throw Failure{field + QStringLiteral(".type '") + type +
                          QStringLiteral("' is not supported (only function tools)")};
        const QJsonObject function = tool.value(QLatin1String("function")).toObject();
        const QString name = function.value(QLatin1String("name")).toString();
        if (name.isEmpty())
            throw Failure{field + QStringLiteral(".function.name is required")};
        QJsonObject t{{QStringLiteral("name"), name}};
        const QString description = function.value(QLatin1String("description")).toString();
        if (!description.isEmpty())
            t.insert(QStringLiteral("description"), description);
        QJsonObject schema = function.value(QLatin1String("parameters")).toObject();
        if (schema.isEmpty())
            schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                 {QStringLiteral("properties"), QJsonObject()}};
        t.insert(QStringLiteral("input_schema"), schema);
        anthropicTools.append(t);
    }
    if (!anthropicTools.isEmpty()) {
        out.insert(QStringLiteral("tools"), anthropicTools);
        QJsonObject choice;
        const QJsonValue tc = in.value(QLatin1String("tool_choice"));
        if (tc.isString()) {
            const QString s = tc.toString();
            if (s == QLatin1String("auto"))
                choice.insert(QStringLiteral("type"), QStringLiteral("auto"));
            else if (s == QLatin1String("none"))
                choice.insert(QStringLiteral("type"), QStringLiteral("none"));
            else if (s == QLatin1String("required"))
                choice.insert(QStringLiteral("type"), QStringLiteral("any"));
            else
                throw Failure{QStringLiteral("tool_choice '") + s +
                              QStringLiteral("' is not supported")};
        } else if (tc.isObject()) {
            const QString name = tc.toObject()
                                     .value(QLatin1String("function"))
                                     .toObject()
                                     .value(QLatin1String("name"))
                                     .toString();
            if (name.isEmpty())
                throw Failure{QStringLiteral("tool_choice.function.name is required")};
            choice.insert(QStringLiteral("type"), QStringLiteral("tool"));
            choice.insert(QStringLiteral("name"), name);
        } else if (!tc.isUndefined() && !tc.isNull()) {
            throw Failure{QStringLiteral("tool_choice must be a string or an object")};
        }
        const QJsonValue parallel = in.value(QLatin1String("parallel_tool_calls"));
        if (parallel.isBool() && !parallel.toBool() &&
            choice.value(QLatin1String("type")).toString() != QLatin1String("none")) {
            if (choice.isEmpty())
                choice.insert(QStringLiteral("type"), QStringLiteral("auto"));
            choice.insert(QStringLiteral("disable_parallel_tool_use"), true);
        }
        if (!choice.isEmpty())
            out.insert(QStringLiteral("tool_choice"), choice);
    }

    const QJsonValue temperature = in.value(QLatin1String("temperature"));
    if (temperature.isDouble())
        out.insert(QStringLiteral("temperature"), qBound(0.0, temperature.toDouble(), 1.0));
    const QJsonValue topP = in.value(QLatin1String("top_p"));
    if (topP.isDouble())
        out.insert(QStringLiteral("top_p"), topP);
    const QJsonArray stop = stopSequences(in.value(QLatin1String("stop")));
    if (!stop.isEmpty())
        out.insert(QStringLiteral("stop_sequences"), stop);
    const bool isStream = in.value(QLatin1String("stream")).toBool(false);
    if (isStream)
        out.insert(QStringLiteral("stream"), true);
    if (stream)
        *stream = isStream;
    const QString user = in.value(QLatin1String("user")).toString();
    if (!user.isEmpty())
        out.insert(QStringLiteral("metadata"), QJsonObject{{QStringLiteral("user_id"), user}});

    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}

} // namespace

std::optional<QByteArray> OpenAiToAnthropicRequest::translate(const QByteArray &openAiBody,
                                                              QString *error, bool *stream)
{
    return RequestTranslation::run(openAiBody, error, stream, translateObject);
}

bool OpenAiToAnthropicRequest::includeUsageRequested(const QByteArray &openAiBody)
{
    const QJsonObject in = QJsonDocument::fromJson(openAiBody).object();
    return in.value(QLatin1String("stream_options"))
        .toObject()
        .value(QLatin1String("include_usage"))
        .toBool(false);
}
