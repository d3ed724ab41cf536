// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/OpenAiToGeminiRequest.h"

#include "protocol/GeminiSchema.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QUrl>

namespace {

// Google documents this value for function calls whose history did not come from Gemini.
const QString kPlaceholderSignature = QStringLiteral("skip_thought_signature_validator");

struct Builder
{
    QJsonArray contents;
    QString lastRole;

    void add(const QString &role, const QJsonArray &parts)
    {
        if (parts.isEmpty())
            return;
        if (role == lastRole && !contents.isEmpty()) {
            QJsonObject last = contents.last().toObject();
            QJsonArray merged = last.value(QLatin1String("parts")).toArray();
            for (const QJsonValue &p : parts)
                merged.append(p);
            last.insert(QStringLiteral("parts"), merged);
            contents.replace(contents.size() - 1, last);
            return;
        }
        contents.append(
            QJsonObject{{QStringLiteral("role"), role}, {QStringLiteral("parts"), parts}});
        lastRole = role;
    }
};

QString mimeFromExtension(const QString &url)
{
    const QString path = QUrl(url).path().toLower();
    static const QList<QPair<QString, QString>> known = {
        {QStringLiteral(".png"), QStringLiteral("image/png")},
        {QStringLiteral(".webp"), QStringLiteral("image/webp")},
        {QStringLiteral(".gif"), QStringLiteral("image/gif")},
        {QStringLiteral(".heic"), QStringLiteral("image/heic")},
        {QStringLiteral(".heif"), QStringLiteral("image/heif")},
        {QStringLiteral(".pdf"), QStringLiteral("application/pdf")},
        {QStringLiteral(".mp3"), QStringLiteral("audio/mp3")},
        {QStringLiteral(".wav"), QStringLiteral("audio/wav")},
        {QStringLiteral(".mp4"), QStringLiteral("video/mp4")}};
    for (const auto &k : known) {
        if (path.endsWith(k.first))
            return k.second;
    }
    return QStringLiteral("image/jpeg");
}

// "data:image/png;base64,AAAA" -> inlineData; false when the URL is not a base64 data: URL.
bool dataUrlPart(const QString &url, QJsonObject *part)
{
    if (!url.startsWith(QLatin1String("data:")))
        return false;
    const qsizetype comma = url.indexOf(QLatin1Char(','));
    if (comma < 0)
        return false;
    const QString header = url.mid(5, comma - 5);
    if (!header.endsWith(QLatin1String(";base64")))
        return false;
    QString mime = header.left(header.size() - 7);
    const qsizetype semicolon = mime.indexOf(QLatin1Char(';'));
    if (semicolon >= 0)
        mime = mime.left(semicolon);
    if (mime.isEmpty())
        mime = QStringLiteral("application/octet-stream");
    *part = QJsonObject{
        {QStringLiteral("inlineData"), QJsonObject{{QStringLiteral("mimeType"), mime},
                                                   {QStringLiteral("data"), url.mid(comma + 1)}}}};
    return true;
}

QJsonObject textPart(const QString &text)
{
    return QJsonObject{{QStringLiteral("text"), text}};
}

// The parts of a message's "content" (a string or an array of typed parts).
bool contentParts(const QJsonValue &content, const QString &where, QJsonArray *parts,
                  QString *error)
{
    if (content.isString()) {
        if (!content.toString().isEmpty())
            parts->append(textPart(content.toString()));
        return true;
    }
    if (content.isNull() || content.isUndefined())
        return true;
    if (!content.isArray()) {
        *error = where + QStringLiteral(".content: expected a string or an array of parts");
        return false;
    }
    const QJsonArray list = content.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QJsonObject item = list.at(i).toObject();
        const QString type = item.value(QLatin1String("type")).toString();
        const QString at = where + QStringLiteral(".content[%1]").arg(i);
        if (type == QLatin1String("text") || type == QLatin1String("refusal")) {
            const QString text = item.value(type).toString();
            if (!text.isEmpty())
                parts->append(textPart(text));
        } else if (type == QLatin1String("image_url")) {
            const QJsonValue image = item.value(QLatin1String("image_url"));
            const QString url = image.isString()
                                    ? image.toString()
                                    : image.toObject().value(QLatin1String("url")).toString();
            QJsonObject part;
            if (dataUrlPart(url, &part)) {
                parts->append(part);
            } else if (url.startsWith(QLatin1String("http://")) ||
                       url.startsWith(QLatin1String("https://"))) {
                parts->append(
                    QJsonObject{{QStringLiteral("fileData"),
                                 QJsonObject{{QStringLiteral("mimeType"), mimeFromExtension(url)},
                                             {QStringLiteral("fileUri"), url}}}});
            } else {
                *error = at + QStringLiteral(".image_url: expected a data: or http(s) URL");
                return false;
            }
        } else if (type == QLatin1String("input_audio")) {
            const QJsonObject audio = item.value(QLatin1String("input_audio")).toObject();
            parts->append(QJsonObject{
                {QStringLiteral("inlineData"),
                 QJsonObject{
                     {QStringLiteral("mimeType"),
                      QLatin1String("audio/") +
                          audio.value(QLatin1String("format")).toString(QStringLiteral("wav"))},
                     {QStringLiteral("data"), audio.value(QLatin1String("data"))}}}});
        } else if (type == QLatin1String("file")) {
            QJsonObject part;
            const QString data = item.value(QLatin1String("file"))
                                     .toObject()
                                     .value(QLatin1String("file_data"))
                                     .toString();
            if (!dataUrlPart(data, &part)) {
                *error = at + QStringLiteral(".file: only file_data as a base64 data: URL is "
                                             "supported");
                return false;
            }
            parts->append(part);
        } else {
            *error = at + QStringLiteral(": unsupported content part type '%1'").arg(type);
            return false;
        }
    }
    return true;
}

QString plainText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QStringList texts;
    const QJsonArray list = content.toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject item = v.toObject();
        if (item.value(QLatin1String("text")).isString())
            texts.append(item.value(QLatin1String("text")).toString());
    }
    return texts.join(QString());
}

QJsonObject functionResponseObject(const QJsonValue &content)
{
    const QString text = plainText(content);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error == QJsonParseError::NoError && doc.isObject())
        return doc.object();
    return QJsonObject{{QStringLiteral("content"), text}};
}

int thinkingBudget(const QString &effort, bool *ok)
{
    *ok = true;
    if (effort == QLatin1String("none"))
        return 0;
    if (effort == QLatin1String("minimal"))
        return 512;
    if (effort == QLatin1String("low"))
        return 1024;
    if (effort == QLatin1String("medium"))
        return 8192;
    if (effort == QLatin1String("high"))
        return 24576;
    *ok = false;
    return 0;
}

} // namespace

bool OpenAiToGeminiRequest::includeUsageRequested(const QByteArray &openAiBody)
{
    return QJsonDocument::fromJson(openAiBody)
        .object()
        .value(QLatin1String("stream_options"))
        .toObject()
        .value(QLatin1String("include_usage"))
        .toBool(false);
}

QByteArray OpenAiToGeminiRequest::upstreamPath(const QString &model, bool stream)
{
    QString name = model;
    if (name.startsWith(QLatin1String("models/")))
        name = name.mid(7);
    return "/v1beta/models/" + QUrl::toPercentEncoding(name, "-._~") +
           (stream ? QByteArrayLiteral(":streamGenerateContent?alt=sse")
                   : QByteArrayLiteral(":generateContent"));
}

std::optional<QByteArray> OpenAiToGeminiRequest::translate(const QByteArray &openAiBody,
                                                           QString *error, bool *stream,
                                                           QString *model)
{
    QString localError;
    if (!error)
        error = &localError;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(openAiBody, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("The request body is not a JSON object.");
        return std::nullopt;
    }
    const QJsonObject in = doc.object();
    QString modelName = in.value(QLatin1String("model")).toString();
    if (modelName.startsWith(QLatin1String("models/")))
        modelName = modelName.mid(7);
    if (modelName.isEmpty()) {
        *error = QStringLiteral("model: a model name is required");
        return std::nullopt;
    }
    const QJsonValue messagesValue = in.value(QLatin1String("messages"));
    if (!messagesValue.isArray() || messagesValue.toArray().isEmpty()) {
        *error = QStringLiteral("messages: expected a non-empty array");
        return std::nullopt;
    }
    if (stream)
        *stream = in.value(QLatin1String("stream")).toBool(false);
    if (model)
        *model = modelName;

    QJsonArray systemParts;
    Builder builder;
    QHash<QString, QString> toolNames; // tool call id -> function name
    const QJsonArray messages = messagesValue.toArray();
    for (int i = 0; i < messages.size(); ++i) {
        const QJsonObject message = messages.at(i).toObject();
        const QString role = message.value(QLatin1String("role")).toString();
        const QString where = QStringLiteral("messages[%1]").arg(i);
        const QJsonValue content = message.value(QLatin1String("content"));
        if (role == QLatin1String("system") || role == QLatin1String("developer")) {
            const QString text = plainText(content);
            if (!text.isEmpty())
                systemParts.append(textPart(text));
        } else if (role == QLatin1String("user")) {
            QJsonArray parts;
            if (!contentParts(content, where, &parts, error))
                return std::nullopt;
            builder.add(QStringLiteral("user"), parts);
        } else if (role == QLatin1String("assistant")) {
            QJsonArray parts;
            if (!contentParts(content, where, &parts, error))
                return std::nullopt;
            const QJsonArray calls = message.value(QLatin1String("tool_calls")).toArray();
            bool first = true;
            for (const QJsonValue &c : calls) {
                const QJsonObject call = c.toObject();
                const QJsonObject function = call.value(QLatin1String("function")).toObject();
                const QString name = function.value(QLatin1String("name")).toString();
                if (name.isEmpty()) {
                    *error = where + QStringLiteral(".tool_calls: a function name is required");
                    return std::nullopt;
                }
                toolNames.insert(call.value(QLatin1String("id")).toString(), name);
                const QJsonDocument args = QJsonDocument::fromJson(
                    function.value(QLatin1String("arguments")).toString().toUtf8());
                QJsonObject part{{QStringLiteral("functionCall"),
                                  QJsonObject{{QStringLiteral("name"), name},
                                              {QStringLiteral("args"),
                                               args.isObject() ? args.object() : QJsonObject()}}}};
                if (first)
                    part.insert(QStringLiteral("thoughtSignature"), kPlaceholderSignature);
                first = false;
                parts.append(part);
            }
            builder.add(QStringLiteral("model"), parts);
        } else if (role == QLatin1String("tool") || role == QLatin1String("function")) {
            QString name;
            if (role == QLatin1String("function")) {
                name = message.value(QLatin1String("name")).toString();
            } else {
                const QString id = message.value(QLatin1String("tool_call_id")).toString();
                name = toolNames.value(id);
                if (name.isEmpty()) {
                    *error = where + QStringLiteral(".tool_call_id: no earlier assistant tool "
                                                    "call has the id '%1'")
                                         .arg(id);
                    return std::nullopt;
                }
            }
            builder.add(QStringLiteral("user"),
                        QJsonArray{QJsonObject{{QStringLiteral("functionResponse"),
                                                QJsonObject{{QStringLiteral("name"), name},
                                                            {QStringLiteral("response"),
                                                             functionResponseObject(content)}}}}});
        } else {
            *error = where + QStringLiteral(".role: unsupported role '%1'").arg(role);
            return std::nullopt;
        }
    }
    if (builder.contents.isEmpty()) {
        *error = QStringLiteral("messages: at least one user or assistant message is required");
        return std::nullopt;
    }

    QJsonObject out;
    out.insert(QStringLiteral("contents"), builder.contents);
    if (!systemParts.isEmpty())
        out.insert(QStringLiteral("systemInstruction"),
                   QJsonObject{{QStringLiteral("parts"), systemParts}});

    const QJsonArray tools = in.value(QLatin1String("tools")).toArray();
    QJsonArray declarations;
    for (int i = 0; i < tools.size(); ++i) {
        const QJsonObject tool = tools.at(i).toObject();
        if (tool.value(QLatin1String("type")).toString(QStringLiteral("function")) !=
            QLatin1String("function")) {
            *error = QStringLiteral("tools[%1].type: only function tools are supported").arg(i);
            return std::nullopt;
        }
        const QJsonObject function = tool.value(QLatin1String("function")).toObject();
        const QString name = function.value(QLatin1String("name")).toString();
        if (name.isEmpty()) {
            *error = QStringLiteral("tools[%1].function.name: required").arg(i);
            return std::nullopt;
        }
        QJsonObject declaration{{QStringLiteral("name"), name}};
        const QString description = function.value(QLatin1String("description")).toString();
        if (!description.isEmpty())
            declaration.insert(QStringLiteral("description"), description);
        const QJsonObject parameters =
            GeminiSchema::clean(function.value(QLatin1String("parameters")));
        if (parameters.contains(QLatin1String("properties")))
            declaration.insert(QStringLiteral("parameters"), parameters);
        declarations.append(declaration);
    }
    if (!declarations.isEmpty()) {
        out.insert(QStringLiteral("tools"),
                   QJsonArray{QJsonObject{{QStringLiteral("functionDeclarations"), declarations}}});
        const QJsonValue choice = in.value(QLatin1String("tool_choice"));
        QJsonObject config;
        if (choice.isString()) {
            const QString c = choice.toString();
            if (c == QLatin1String("none"))
                config.insert(QStringLiteral("mode"), QStringLiteral("NONE"));
            else if (c == QLatin1String("required"))
                config.insert(QStringLiteral("mode"), QStringLiteral("ANY"));
            else if (c == QLatin1String("auto"))
                config.insert(QStringLiteral("mode"), QStringLiteral("AUTO"));
            else {
                *error = QStringLiteral("tool_choice: unsupported value '%1'").arg(c);
                return std::nullopt;
            }
        } else if (choice.isObject()) {
            const QString name = choice.toObject()
                                     .value(QLatin1String("function"))
                                     .toObject()
                                     .value(QLatin1String("name"))
                                     .toString();
            if (name.isEmpty()) {
                *error = QStringLiteral("tool_choice.function.name: required");
                return std::nullopt;
            }
            config.insert(QStringLiteral("mode"), QStringLiteral("ANY"));
            config.insert(QStringLiteral("allowedFunctionNames"), QJsonArray{name});
        }
        if (!config.isEmpty())
            out.insert(QStringLiteral("toolConfig"),
                       QJsonObject{{QStringLiteral("functionCallingConfig"), config}});
    }

    QJsonObject generation;
    QJsonValue maxTokens = in.value(QLatin1String("max_completion_tokens"));
    if (!maxTokens.isDouble())
        maxTokens = in.value(QLatin1String("max_tokens"));
    if (maxTokens.isDouble())
        generation.insert(QStringLiteral("maxOutputTokens"), maxTokens.toInteger());
    const QList<QPair<const char *, const char *>> numbers = {
        {"temperature", "temperature"},
        {"top_p", "topP"},
        {"presence_penalty", "presencePenalty"},
        {"frequency_penalty", "frequencyPenalty"},
        {"seed", "seed"},
        {"n", "candidateCount"}};
    for (const auto &n : numbers) {
        const QJsonValue v = in.value(QLatin1String(n.first));
        if (v.isDouble())
            generation.insert(QLatin1String(n.second), v);
    }
    const QJsonValue stop = in.value(QLatin1String("stop"));
    if (stop.isString() && !stop.toString().isEmpty())
        generation.insert(QStringLiteral("stopSequences"), QJsonArray{stop});
    else if (stop.isArray() && !stop.toArray().isEmpty())
        generation.insert(QStringLiteral("stopSequences"), stop);
    const QJsonObject format = in.value(QLatin1String("response_format")).toObject();
    const QString formatType = format.value(QLatin1String("type")).toString();
    if (formatType == QLatin1String("json_object")) {
        generation.insert(QStringLiteral("responseMimeType"), QStringLiteral("application/json"));
    } else if (formatType == QLatin1String("json_schema")) {
        generation.insert(QStringLiteral("responseMimeType"), QStringLiteral("application/json"));
        const QJsonValue schema =
            format.value(QLatin1String("json_schema")).toObject().value(QLatin1String("schema"));
        if (schema.isObject())
            generation.insert(QStringLiteral("responseSchema"), GeminiSchema::clean(schema));
    }
    const QString effort = in.value(QLatin1String("reasoning_effort")).toString();
    if (!effort.isEmpty()) {
        bool ok = false;
        const int budget = thinkingBudget(effort, &ok);
        if (!ok) {
            *error = QStringLiteral("reasoning_effort: unsupported value '%1'").arg(effort);
            return std::nullopt;
        }
        generation.insert(QStringLiteral("thinkingConfig"),
                          QJsonObject{{QStringLiteral("thinkingBudget"), budget}});
    }
    if (!generation.isEmpty())
        out.insert(QStringLiteral("generationConfig"), generation);
    return QJsonDocument(out).toJson(QJsonDocument::Compact);
}
