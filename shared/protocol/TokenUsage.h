// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/TokenCount.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QtGlobal>

// Token counts of one call, in one convention for every provider:
// - inputTokens: prompt tokens neither read from nor written to the cache
//   (Anthropic "input_tokens"; OpenAI "prompt_tokens" minus "cached_tokens"),
// - cacheWriteTokens: prompt tokens written to the cache (Anthropic
//   "cache_creation_input_tokens"; 0 for OpenAI),
// - cacheReadTokens: prompt tokens served from the cache (Anthropic "cache_read_input_tokens";
//   OpenAI "prompt_tokens_details.cached_tokens"),
// - outputTokens: generated tokens (reasoning tokens included).
// Two fields split the figures above without adding to them:
// - cacheWrite1hTokens: the part of cacheWriteTokens written with the 1-hour TTL (Anthropic
//   "cache_creation.ephemeral_1h_input_tokens"), billed at a higher rate than 5-minute writes,
// - reasoningTokens: the part of outputTokens spent on reasoning (OpenAI
//   "completion_tokens_details.reasoning_tokens", Gemini "thoughtsTokenCount").
// totalTokens() therefore does not count them again.
struct TokenUsage
{
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 cacheWriteTokens = 0;
    qint64 cacheReadTokens = 0;
    qint64 cacheWrite1hTokens = 0;
    qint64 reasoningTokens = 0;

    // Prompt tokens of the call, however they were served: input + cache writes + cache reads.
    qint64 promptTokens() const
    {
        return TokenCount::add(inputTokens, TokenCount::add(cacheWriteTokens, cacheReadTokens));
    }

    qint64 totalTokens() const
    {
        return TokenCount::add(TokenCount::add(inputTokens, outputTokens),
                               TokenCount::add(cacheWriteTokens, cacheReadTokens));
    }
    bool isEmpty() const { return totalTokens() == 0; }

    QJsonObject toJson() const
    {
        return QJsonObject{{QLatin1String("inputTokens"), inputTokens},
                           {QLatin1String("outputTokens"), outputTokens},
                           {QLatin1String("cacheWriteTokens"), cacheWriteTokens},
                           {QLatin1String("cacheReadTokens"), cacheReadTokens},
                           {QLatin1String("cacheWrite1hTokens"), cacheWrite1hTokens},
                           {QLatin1String("reasoningTokens"), reasoningTokens}};
    }

    static TokenUsage fromJson(const QJsonObject &o)
    {
        TokenUsage u;
        u.inputTokens = o.value(QLatin1String("inputTokens")).toInteger();
        u.outputTokens = o.value(QLatin1String("outputTokens")).toInteger();
        u.cacheWriteTokens = o.value(QLatin1String("cacheWriteTokens")).toInteger();
        u.cacheReadTokens = o.value(QLatin1String("cacheReadTokens")).toInteger();
        u.cacheWrite1hTokens = o.value(QLatin1String("cacheWrite1hTokens")).toInteger();
        u.reasoningTokens = o.value(QLatin1String("reasoningTokens")).toInteger();
        return u;
    }

    // Counts are cumulative over a call: a later value replaces an earlier one only when larger.
    // Anything that is not a non-negative number is ignored; huge numbers are clamped (2^53, the
    // largest integer a JSON double holds exactly) so that sums cannot overflow.
    // Raises `field` to the count in `value` (a QJsonValue or a JsonView), if that is larger.
    template <typename JsonValue> static void mergeCount(qint64 &field, const JsonValue &value)
    {
        const qint64 v = TokenCount::fromJson(value);
        if (v > field)
            field = v;
    }

    friend bool operator==(const TokenUsage &a, const TokenUsage &b)
    {
        return a.inputTokens == b.inputTokens && a.outputTokens == b.outputTokens &&
               a.cacheWriteTokens == b.cacheWriteTokens && a.cacheReadTokens == b.cacheReadTokens &&
               a.cacheWrite1hTokens == b.cacheWrite1hTokens &&
               a.reasoningTokens == b.reasoningTokens;
    }
    friend bool operator!=(const TokenUsage &a, const TokenUsage &b) { return !(a == b); }
};
