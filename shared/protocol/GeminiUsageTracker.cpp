// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/GeminiUsageTracker.h"
#include "protocol/TokenCount.h"

#include <QJsonValue>

#include <limits>

bool GeminiUsageTracker::isError(const QJsonObject &object)
{
    return object.value(QLatin1String("error")).isObject();
}

void GeminiUsageTracker::addResponseBody(const QByteArray &json)
{
    QByteArray storage;
    const JsonView answer = JsonView::read(json, &storage);
    if (answer.isObject()) {
        addObject(answer);
        return;
    }
    // :streamGenerateContent without alt=sse answers one JSON array of responses.
    answer.forEachElement([this](const JsonView &response) {
        addObject(response);
        return true;
    });
}

void GeminiUsageTracker::addEvent(const SseEvent &e)
{
    if (!e.hasData || e.data.isEmpty())
        return;
    QByteArray storage;
    const JsonView chunk = JsonView::read(e.data, &storage);
    if (chunk.isObject())
        addObject(chunk);
}

namespace {

// As QJsonValue::toInt(0).
int intOf(const JsonView &value)
{
    const qint64 v = value.toInteger();
    return v >= std::numeric_limits<int>::min() && v <= std::numeric_limits<int>::max() ? int(v)
                                                                                        : 0;
}

} // namespace

void GeminiUsageTracker::addObject(const JsonView &object)
{
    if (!object.isObject())
        return;
    JsonView m[6];
    object.members({QLatin1String("error"), QLatin1String("modelVersion"),
                    QLatin1String("responseId"), QLatin1String("candidates"),
                    QLatin1String("promptFeedback"), QLatin1String("usageMetadata")},
                   m);
    if (m[0].isObject()) {
        JsonView error[3];
        m[0].members({QLatin1String("status"), QLatin1String("message"), QLatin1String("code")},
                     error);
        m_errorType = QString::fromUtf8(error[0].string());
        if (m_errorType.isEmpty())
            m_errorType = QStringLiteral("error");
        m_errorMessage = QString::fromUtf8(error[1].string());
        m_errorCode = intOf(error[2]);
        return;
    }
    QString model = QString::fromUtf8(m[1].string());
    if (model.startsWith(QLatin1String("models/")))
        model = model.mid(7);
    if (!model.isEmpty())
        m_model = model;
    const QByteArray id = m[2].string();
    if (!id.isEmpty())
        m_responseId = QString::fromUtf8(id);

    bool anyCandidate = false;
    m[3].forEachElement([&](const JsonView &candidate) {
        anyCandidate = true;
        JsonView c[2];
        candidate.members({QLatin1String("index"), QLatin1String("finishReason")}, c);
        if (intOf(c[0]) != 0)
            return true;
        const QByteArray reason = c[1].string();
        if (!reason.isEmpty())
            m_stopReason = QString::fromUtf8(reason);
        return true;
    });
    const QByteArray blocked = m[4].member(QLatin1String("blockReason")).string();
    if (!blocked.isEmpty() && !anyCandidate)
        m_stopReason = QString::fromUtf8(blocked);

    const JsonView &usage = m[5];
    if (!usage.isObject())
        return;
    JsonView u[5];
    usage.members({QLatin1String("promptTokenCount"), QLatin1String("candidatesTokenCount"),
                   QLatin1String("cachedContentTokenCount"), QLatin1String("thoughtsTokenCount"),
                   QLatin1String("toolUsePromptTokenCount")},
                  u);
    TokenUsage::mergeCount(m_prompt, u[0]);
    TokenUsage::mergeCount(m_candidates, u[1]);
    TokenUsage::mergeCount(m_cached, u[2]);
    TokenUsage::mergeCount(m_thoughts, u[3]);
    TokenUsage::mergeCount(m_toolUsePrompt, u[4]);
    m_sawUsage = true;
}

TokenUsage GeminiUsageTracker::usage() const
{
    TokenUsage u;
    const qint64 cached = qBound<qint64>(0, m_cached, m_prompt);
    u.cacheReadTokens = cached;
    u.inputTokens = TokenCount::add(m_prompt - cached, m_toolUsePrompt);
    u.outputTokens = TokenCount::add(m_candidates, m_thoughts);
    u.reasoningTokens = m_thoughts;
    return u;
}
