// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/AnthropicUsageTracker.h"
#include "protocol/JsonSkim.h"
#include "protocol/TokenCount.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QJsonValue>

namespace {

QJsonObject parseObject(const QByteArray &json, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    *ok = error.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}

} // namespace

void AnthropicUsageTracker::addResponseBody(const QByteArray &json)
{
    // Read in place: nothing of the answer is decoded but its ids and usage.
    const JsonView answer = JsonView::of(json);
    if (!answer.isObject()) {
        addSkimmedResponseBody(json); // damaged content may still carry its usage
        return;
    }
    JsonView m[6];
    answer.members({QLatin1String("type"), QLatin1String("error"), QLatin1String("model"),
                    QLatin1String("id"), QLatin1String("stop_reason"), QLatin1String("usage")},
                   m);
    if (m[0].stringEquals(QLatin1String("error")) || m[1].isObject()) {
        addSkimmedResponseBody(json); // errors are rare: read as before
        return;
    }
    if (m[0].stringEquals(QLatin1String("message"))) {
        addMessage(m[2], m[3], m[4], m[5]);
        m_sawMessageStop = true;
    }
    // /v1/messages/count_tokens answers {"input_tokens": N}; nothing is billed for it.
}

void AnthropicUsageTracker::addSkimmedResponseBody(const QByteArray &json)
{
    // The generated content is stepped over, not decoded.
    bool ok = false;
    const QJsonObject object = JsonSkim::members(
        json,
        {QLatin1String("type"), QLatin1String("error"), QLatin1String("model"), QLatin1String("id"),
         QLatin1String("stop_reason"), QLatin1String("usage")},
        &ok);
    if (!ok)
        return;
    const QString type = object.value(QLatin1String("type")).toString();
    if (type == QLatin1String("error") || object.value(QLatin1String("error")).isObject()) {
        addError(object);
        return;
    }
    if (type == QLatin1String("message")) {
        addMessage(object);
        m_sawMessageStop = true;
        return;
    }
    // /v1/messages/count_tokens answers {"input_tokens": N}; nothing is billed for it.
}

void AnthropicUsageTracker::addEvent(const SseEvent &e)
{
    if (!e.hasData || e.data.isEmpty())
        return;
    // Most events of a stream are content deltas, which carry no usage: when the event names
    // its type, only the four that matter are parsed.
    if (!e.event.isEmpty() && e.event != "message_start" && e.event != "message_delta" &&
        e.event != "message_stop" && e.event != "error")
        return;
    bool ok = false;
    const QJsonObject object = parseObject(e.data, &ok);
    if (!ok)
        return;
    QString type = QString::fromUtf8(e.event);
    if (type.isEmpty())
        type = object.value(QLatin1String("type")).toString();

    if (type == QLatin1String("message_start")) {
        addMessage(object.value(QLatin1String("message")).toObject());
    } else if (type == QLatin1String("message_delta")) {
        const QJsonObject delta = object.value(QLatin1String("delta")).toObject();
        const QString stop = delta.value(QLatin1String("stop_reason")).toString();
        if (!stop.isEmpty())
            m_stopReason = stop;
        addUsage(object.value(QLatin1String("usage")).toObject());
    } else if (type == QLatin1String("message_stop")) {
        m_sawMessageStop = true;
    } else if (type == QLatin1String("error")) {
        addError(object);
    }
}

void AnthropicUsageTracker::addMessage(const QJsonObject &message)
{
    const QString model = message.value(QLatin1String("model")).toString();
    if (!model.isEmpty())
        m_model = model;
    const QString id = message.value(QLatin1String("id")).toString();
    if (!id.isEmpty())
        m_messageId = id;
    const QString stop = message.value(QLatin1String("stop_reason")).toString();
    if (!stop.isEmpty())
        m_stopReason = stop;
    addUsage(message.value(QLatin1String("usage")).toObject());
}

void AnthropicUsageTracker::addUsage(const QJsonObject &usage)
{
    TokenUsage::mergeCount(m_usage.inputTokens, usage.value(QLatin1String("input_tokens")));
    TokenUsage::mergeCount(m_usage.outputTokens, usage.value(QLatin1String("output_tokens")));
    TokenUsage::mergeCount(m_usage.cacheWriteTokens,
                           usage.value(QLatin1String("cache_creation_input_tokens")));
    TokenUsage::mergeCount(m_usage.cacheReadTokens,
                           usage.value(QLatin1String("cache_read_input_tokens")));
    // The split of the cache writes by TTL: {"ephemeral_5m_input_tokens": N,
    // "ephemeral_1h_input_tokens": M}, in message_start and (cumulative) message_delta.
    const QJsonValue split = usage.value(QLatin1String("cache_creation"));
    if (split.isObject()) {
        const QJsonObject o = split.toObject();
        TokenUsage::mergeCount(m_cacheWrite5m, o.value(QLatin1String("ephemeral_5m_input_tokens")));
        TokenUsage::mergeCount(m_usage.cacheWrite1hTokens,
                               o.value(QLatin1String("ephemeral_1h_input_tokens")));
    }
}

void AnthropicUsageTracker::addMessage(const JsonView &model, const JsonView &id,
                                       const JsonView &stopReason, const JsonView &usage)
{
    const QByteArray modelText = model.string();
    if (!modelText.isEmpty())
        m_model = QString::fromUtf8(modelText);
    const QByteArray idText = id.string();
    if (!idText.isEmpty())
        m_messageId = QString::fromUtf8(idText);
    const QByteArray stopText = stopReason.string();
    if (!stopText.isEmpty())
        m_stopReason = QString::fromUtf8(stopText);
    addUsage(usage);
}

void AnthropicUsageTracker::addUsage(const JsonView &usage)
{
    JsonView u[5];
    usage.members({QLatin1String("input_tokens"), QLatin1String("output_tokens"),
                   QLatin1String("cache_creation_input_tokens"),
                   QLatin1String("cache_read_input_tokens"), QLatin1String("cache_creation")},
                  u);
    TokenUsage::mergeCount(m_usage.inputTokens, u[0]);
    TokenUsage::mergeCount(m_usage.outputTokens, u[1]);
    TokenUsage::mergeCount(m_usage.cacheWriteTokens, u[2]);
    TokenUsage::mergeCount(m_usage.cacheReadTokens, u[3]);
    if (u[4].isObject()) {
        JsonView split[2];
        u[4].members({QLatin1String("ephemeral_5m_input_tokens"),
                      QLatin1String("ephemeral_1h_input_tokens")},
                     split);
        TokenUsage::mergeCount(m_cacheWrite5m, split[0]);
        TokenUsage::mergeCount(m_usage.cacheWrite1hTokens, split[1]);
    }
}

TokenUsage AnthropicUsageTracker::usage() const
{
    TokenUsage u = m_usage;
    // cache_creation_input_tokens is the total of both TTLs; an answer that carries only the
    // split still counts all of its writes.
    u.cacheWriteTokens =
        qMax(u.cacheWriteTokens, TokenCount::add(m_cacheWrite5m, u.cacheWrite1hTokens));
    u.cacheWrite1hTokens = qMin(u.cacheWrite1hTokens, u.cacheWriteTokens);
    return u;
}

void AnthropicUsageTracker::addError(const QJsonObject &object)
{
    const QJsonObject error = object.value(QLatin1String("error")).toObject();
    m_errorType = error.value(QLatin1String("type")).toString();
    if (m_errorType.isEmpty())
        m_errorType = QStringLiteral("error");
    m_errorMessage = error.value(QLatin1String("message")).toString();
}
