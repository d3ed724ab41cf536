// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/GeminiUsageTracker.h"
#include "protocol/TokenCount.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

bool GeminiUsageTracker::isError(const QJsonObject &object)
{
    return object.value(QLatin1String("error")).isObject();
}

void GeminiUsageTracker::addResponseBody(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return;
    if (doc.isObject()) {
        addObject(doc.object());
        return;
    }
    // :streamGenerateContent without alt=sse answers one JSON array of responses.
    const QJsonArray list = doc.array();
    for (const QJsonValue &v : list)
        addObject(v.toObject());
}

void GeminiUsageTracker::addEvent(const SseEvent &e)
{
    if (!e.hasData || e.data.isEmpty())
        return;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(e.data, &error);
    if (error.error == QJsonParseError::NoError && doc.isObject())
        addObject(doc.object());
}

void GeminiUsageTracker::addObject(const QJsonObject &object)
{
    if (isError(object)) {
        addError(object);
        return;
    }
    QString model = object.value(QLatin1String("modelVersion")).toString();
    if (model.startsWith(QLatin1String("models/")))
        model = model.mid(7);
    if (!model.isEmpty())
        m_model = model;
    const QString id = object.value(QLatin1String("responseId")).toString();
    if (!id.isEmpty())
        m_responseId = id;

    const QJsonArray candidates = object.value(QLatin1String("candidates")).toArray();
    for (const QJsonValue &c : candidates) {
        const QJsonObject candidate = c.toObject();
        if (candidate.value(QLatin1String("index")).toInt(0) != 0)
            continue;
        const QString reason = candidate.value(QLatin1String("finishReason")).toString();
        if (!reason.isEmpty())
            m_stopReason = reason;
    }
    const QString blocked = object.value(QLatin1String("promptFeedback"))
                                .toObject()
                                .value(QLatin1String("blockReason"))
                                .toString();
    if (!blocked.isEmpty() && candidates.isEmpty())
        m_stopReason = blocked;

    const QJsonValue usageValue = object.value(QLatin1String("usageMetadata"));
    if (!usageValue.isObject())
        return;
    const QJsonObject usage = usageValue.toObject();
    TokenUsage::mergeCount(m_prompt, usage.value(QLatin1String("promptTokenCount")));
    TokenUsage::mergeCount(m_candidates, usage.value(QLatin1String("candidatesTokenCount")));
    TokenUsage::mergeCount(m_cached, usage.value(QLatin1String("cachedContentTokenCount")));
    TokenUsage::mergeCount(m_thoughts, usage.value(QLatin1String("thoughtsTokenCount")));
    TokenUsage::mergeCount(m_toolUsePrompt, usage.value(QLatin1String("toolUsePromptTokenCount")));
    m_sawUsage = true;
}

void GeminiUsageTracker::addError(const QJsonObject &object)
{
    const QJsonObject error = object.value(QLatin1String("error")).toObject();
    m_errorType = error.value(QLatin1String("status")).toString();
    if (m_errorType.isEmpty())
        m_errorType = QStringLiteral("error");
    m_errorMessage = error.value(QLatin1String("message")).toString();
    m_errorCode = error.value(QLatin1String("code")).toInt(0);
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
