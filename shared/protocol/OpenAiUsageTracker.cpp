// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/OpenAiUsageTracker.h"
#include "protocol/JsonView.h"
#include "protocol/TokenCount.h"

namespace {

// One answer or chunk as QJsonDocument reads it (JsonView::read()); empty unless an object.
JsonView readObject(const QByteArray &json, QByteArray &storage)
{
    const JsonView view = JsonView::read(json, &storage);
    return view.isObject() ? view : JsonView();
}

// Where `object`'s members start inside `text`, and whether it has none.
qsizetype afterBrace(const QByteArray &text, const JsonView &object, bool *empty)
{
    const qsizetype at = object.text().data() - text.constData() + 1;
    qsizetype next = at;
    while (next < text.size() &&
           (text[next] == ' ' || text[next] == '\t' || text[next] == '\n' || text[next] == '\r'))
        ++next;
    *empty = next < text.size() && text[next] == '}';
    return at;
}

// Replaces `value` (a view into `text`) with `replacement`.
QByteArray replaced(const QByteArray &text, const JsonView &value, const QByteArray &replacement)
{
    QByteArray out = text;
    out.replace(value.text().data() - text.constData(), value.text().size(), replacement);
    return out;
}

// Inserts `member` ("key":value) as the first member of `object`, a view into `text`.
QByteArray withFirstMember(const QByteArray &text, const JsonView &object, const QByteArray &member)
{
    bool empty = false;
    const qsizetype at = afterBrace(text, object, &empty);
    QByteArray out = text;
    out.insert(at, empty ? member : member + ',');
    return out;
}

} // namespace

void OpenAiUsageTracker::addResponseBody(const QByteArray &json)
{
    QByteArray storage;
    addObject(readObject(json, storage));
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
    QByteArray storage;
    addObject(readObject(data, storage));
}

void OpenAiUsageTracker::addObject(const JsonView &object)
{
    if (!object.isObject())
        return;
    JsonView m[4];
    object.members({QLatin1String("error"), QLatin1String("model"), QLatin1String("choices"),
                    QLatin1String("usage")},
                   m);
    if (m[0].isObject()) {
        JsonView error[3];
        m[0].members({QLatin1String("type"), QLatin1String("code"), QLatin1String("message")},
                     error);
        m_errorType = QString::fromUtf8(error[0].string());
        if (m_errorType.isEmpty()) {
            const JsonView &code = error[1];
            m_errorType = code.isString()   ? QString::fromUtf8(code.string())
                          : code.isNumber() ? QString::number(code.toInteger())
                                            : QStringLiteral("error");
        }
        m_errorMessage = QString::fromUtf8(error[2].string());
        return;
    }
    const QByteArray model = m[1].string();
    if (!model.isEmpty())
        m_model = QString::fromUtf8(model);
    m[2].forEachElement([this](const JsonView &choice) {
        const QByteArray reason = choice.member(QLatin1String("finish_reason")).string();
        if (!reason.isEmpty())
            m_stopReason = QString::fromUtf8(reason);
        return true;
    });
    if (m[3].isObject())
        addUsage(m[3]);
}

void OpenAiUsageTracker::addUsage(const JsonView &usage)
{
    // Usage objects are totals for the whole call: the latest one wins.
    JsonView u[6];
    usage.members({QLatin1String("prompt_tokens"), QLatin1String("completion_tokens"),
                   QLatin1String("prompt_tokens_details"), QLatin1String("prompt_cache_hit_tokens"),
                   QLatin1String("cached_tokens"), QLatin1String("completion_tokens_details")},
                  u);
    const qint64 prompt = TokenCount::fromJson(u[0]);
    const qint64 completion = TokenCount::fromJson(u[1]);
    qint64 cached = 0;
    if (u[2].isObject())
        cached = TokenCount::fromJson(u[2].member(QLatin1String("cached_tokens")));
    if (cached == 0) // DeepSeek
        cached = TokenCount::fromJson(u[3]);
    if (cached == 0) // Moonshot / Kimi
        cached = TokenCount::fromJson(u[4]);
    cached = qMin(cached, prompt);

    m_usage.inputTokens = prompt - cached;
    m_usage.cacheReadTokens = cached;
    m_usage.cacheWriteTokens = 0;
    m_usage.outputTokens = completion;
    m_usage.cacheWrite1hTokens = 0;
    // Reasoning tokens are already counted in completion_tokens: kept as a split, not added.
    qint64 reasoning = 0;
    if (u[5].isObject())
        reasoning = TokenCount::fromJson(u[5].member(QLatin1String("reasoning_tokens")));
    m_usage.reasoningTokens = qMin(reasoning, completion);
    m_sawUsage = true;
}

bool OpenAiUsageTracker::isUsageOnlyChunk(const SseEvent &e)
{
    if (!e.hasData || !e.data.contains("usage"))
        return false;
    QByteArray storage;
    const JsonView object = readObject(e.data, storage);
    JsonView m[2];
    object.members({QLatin1String("choices"), QLatin1String("usage")}, m);
    bool empty = m[0].isArray();
    m[0].forEachElement([&empty](const JsonView &) { return empty = false; });
    return empty && m[1].isObject();
}

QByteArray OpenAiUsageTracker::withIncludeUsage(const QByteArray &requestBody,
                                                bool *clientAskedForUsage)
{
    if (clientAskedForUsage)
        *clientAskedForUsage = false;
    // A body only QJsonDocument reads goes upstream as its strict rewriting when it is edited.
    QByteArray text;
    const JsonView object = readObject(requestBody, text);
    if (!object.isObject())
        return requestBody;
    JsonView m[2];
    object.members({QLatin1String("stream_options"), QLatin1String("stream")}, m);
    const JsonView &options = m[0];
    const JsonView include = options.member(QLatin1String("include_usage"));
    const bool asked = include.text() == "true";
    if (clientAskedForUsage)
        *clientAskedForUsage = asked;
    if (asked || m[1].text() != "true")
        return requestBody;

    if (!options.isValid())
        return withFirstMember(text, object,
                               QByteArrayLiteral(R"("stream_options":{"include_usage":true})"));
    if (!options.isObject())
        return replaced(text, options, QByteArrayLiteral(R"({"include_usage":true})"));
    if (include.isValid())
        return replaced(text, include, "true");
    return withFirstMember(text, options, QByteArrayLiteral(R"("include_usage":true)"));
}
