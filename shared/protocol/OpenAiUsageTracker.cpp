// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/OpenAiUsageTracker.h"
#include "protocol/TokenCount.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

#include <optional>

namespace {

std::optional<QJsonObject> parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

qint64 count(const QJsonValue &value)
{
    return TokenCount::fromJson(value);
}

// --- A minimal scanner over JSON text that is already known to be valid. ---

qsizetype skipWhitespace(const QByteArray &s, qsizetype i)
{
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        ++i;
    return i;
}

// i at the opening quote; returns the index after the closing quote.
qsizetype skipString(const QByteArray &s, qsizetype i)
{
    ++i;
    while (i < s.size()) {
        if (s[i] == '\\')
            i += 2;
        else if (s[i] == '"')
            return i + 1;
        else
            ++i;
    }
    return s.size();
}

// i at the first byte of a value; returns the index after it.
qsizetype skipValue(const QByteArray &s, qsizetype i)
{
    if (i >= s.size())
        return i;
    const char c = s[i];
    if (c == '"')
        return skipString(s, i);
    if (c == '{' || c == '[') {
        int depth = 0;
        while (i < s.size()) {
            const char d = s[i];
            if (d == '"') {
                i = skipString(s, i);
                continue;
            }
            if (d == '{' || d == '[')
                ++depth;
            else if (d == '}' || d == ']') {
                --depth;
                if (depth == 0)
                    return i + 1;
            }
            ++i;
        }
        return i;
    }
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' &&
           s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
        ++i;
    return i;
}

struct Member
{
    qsizetype valueStart = -1;
    qsizetype valueEnd = -1;
};

// objectStart at '{'. Finds the last member named `name` (the one JSON parsers keep).
Member findMember(const QByteArray &s, qsizetype objectStart, const QByteArray &name)
{
    Member found;
    qsizetype i = skipWhitespace(s, objectStart + 1);
    while (i < s.size() && s[i] == '"') {
        const qsizetype keyEnd = skipString(s, i);
        // Compare the decoded key so that escaped spellings match too.
        const auto keyDoc =
            QJsonDocument::fromJson("[" + s.mid(i, keyEnd - i) + "]").array().at(0).toString();
        i = skipWhitespace(s, keyEnd);
        i = skipWhitespace(s, i + 1); // ':'
        const qsizetype valueEnd = skipValue(s, i);
        if (keyDoc.toUtf8() == name)
            found = Member{i, valueEnd};
        i = skipWhitespace(s, valueEnd);
        if (i < s.size() && s[i] == ',')
            i = skipWhitespace(s, i + 1);
        else
            break;
    }
    return found;
}

// Inserts `member` ("key":value) as the first member of the object opening at objectStart.
QByteArray insertFirstMember(QByteArray s, qsizetype objectStart, const QByteArray &member)
{
    const qsizetype next = skipWhitespace(s, objectStart + 1);
    const bool empty = next < s.size() && s[next] == '}';
    s.insert(objectStart + 1, empty ? member : member + ',');
    return s;
}

} // namespace

void OpenAiUsageTracker::addResponseBody(const QByteArray &json)
{
    if (const auto object = parseObject(json))
        addObject(*object);
}

void OpenAiUsageTracker::addEvent(const SseEvent &e)
{
    if (!e.hasData)
        return;
    const QByteArray data = e.data.trimmed();
    if (data == "[DONE]") {
        m_sawDone = true;
        return;
    }
    if (const auto object = parseObject(data))
        addObject(*object);
}

void OpenAiUsageTracker::addObject(const QJsonObject &object)
{
    const QJsonValue errorValue = object.value(QLatin1String("error"));
    if (errorValue.isObject()) {
        const QJsonObject error = errorValue.toObject();
        m_errorType = error.value(QLatin1String("type")).toString();
        if (m_errorType.isEmpty()) {
            const QJsonValue code = error.value(QLatin1String("code"));
            m_errorType = code.isString()   ? code.toString()
                          : code.isDouble() ? QString::number(code.toInteger())
                                            : QStringLiteral("error");
        }
        m_errorMessage = error.value(QLatin1String("message")).toString();
        return;
    }
    const QString model = object.value(QLatin1String("model")).toString();
    if (!model.isEmpty())
        m_model = model;
    const QJsonArray choices = object.value(QLatin1String("choices")).toArray();
    for (const QJsonValue &choice : choices) {
        const QString reason = choice.toObject().value(QLatin1String("finish_reason")).toString();
        if (!reason.isEmpty())
            m_stopReason = reason;
    }
    const QJsonValue usage = object.value(QLatin1String("usage"));
    if (usage.isObject())
        addUsage(usage.toObject());
}

void OpenAiUsageTracker::addUsage(const QJsonObject &usage)
{
    // Usage objects are totals for the whole call: the latest one wins.
    const qint64 prompt = count(usage.value(QLatin1String("prompt_tokens")));
    const qint64 completion = count(usage.value(QLatin1String("completion_tokens")));
    qint64 cached = 0;
    const QJsonValue details = usage.value(QLatin1String("prompt_tokens_details"));
    if (details.isObject())
        cached = count(details.toObject().value(QLatin1String("cached_tokens")));
    if (cached == 0) // DeepSeek
        cached = count(usage.value(QLatin1String("prompt_cache_hit_tokens")));
    if (cached == 0) // Moonshot / Kimi
        cached = count(usage.value(QLatin1String("cached_tokens")));
    cached = qMin(cached, prompt);

    m_usage.inputTokens = prompt - cached;
    m_usage.cacheReadTokens = cached;
    m_usage.cacheWriteTokens = 0;
    m_usage.outputTokens = completion;
    m_usage.cacheWrite1hTokens = 0;
    // Reasoning tokens are already counted in completion_tokens: kept as a split, not added.
    qint64 reasoning = 0;
    const QJsonValue completionDetails = usage.value(QLatin1String("completion_tokens_details"));
    if (completionDetails.isObject())
        reasoning = count(completionDetails.toObject().value(QLatin1String("reasoning_tokens")));
    m_usage.reasoningTokens = qMin(reasoning, completion);
    m_sawUsage = true;
}

bool OpenAiUsageTracker::isUsageOnlyChunk(const SseEvent &e)
{
    if (!e.hasData || !e.data.contains("usage"))
        return false;
    const auto object = parseObject(e.data);
    if (!object)
        return false;
    const QJsonValue choices = object->value(QLatin1String("choices"));
    return choices.isArray() && choices.toArray().isEmpty() &&
           object->value(QLatin1String("usage")).isObject();
}

QByteArray OpenAiUsageTracker::withIncludeUsage(const QByteArray &requestBody,
                                                bool *clientAskedForUsage)
{
    if (clientAskedForUsage)
        *clientAskedForUsage = false;
    const auto object = parseObject(requestBody);
    if (!object)
        return requestBody;
    const QJsonValue options = object->value(QLatin1String("stream_options"));
    const bool asked = options.toObject().value(QLatin1String("include_usage")).toBool(false);
    if (clientAskedForUsage)
        *clientAskedForUsage = asked;
    if (asked || !object->value(QLatin1String("stream")).toBool(false))
        return requestBody;

    const qsizetype root = skipWhitespace(requestBody, 0);
    const Member member = findMember(requestBody, root, "stream_options");
    if (member.valueStart < 0)
        return insertFirstMember(requestBody, root,
                                 QByteArrayLiteral(R"("stream_options":{"include_usage":true})"));
    QByteArray out = requestBody;
    if (!options.isObject()) {
        out.replace(member.valueStart, member.valueEnd - member.valueStart,
                    QByteArrayLiteral(R"({"include_usage":true})"));
        return out;
    }
    const Member include = findMember(requestBody, member.valueStart, "include_usage");
    if (include.valueStart >= 0) {
        out.replace(include.valueStart, include.valueEnd - include.valueStart, "true");
        return out;
    }
    return insertFirstMember(out, member.valueStart, QByteArrayLiteral(R"("include_usage":true)"));
}
