// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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
struct TokenUsage
{
    // The largest count taken from an upstream answer: far above any real call, and small
    // enough that sums of counts cannot overflow.
    static constexpr qint64 kMaxCount = 1'000'000'000'000'000LL;

    // A token count from JSON: numbers only, clamped to [0, kMaxCount] (converting an
    // out-of-range double to an integer would be undefined behaviour), fractions dropped.
    static qint64 countFromJson(const QJsonValue &value)
    {
        if (!value.isDouble())
            return 0;
        const double d = value.toDouble();
        if (!(d > 0)) // also NaN
            return 0;
        if (d >= double(kMaxCount))
            return kMaxCount;
        return qint64(d);
    }

    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 cacheWriteTokens = 0;
    qint64 cacheReadTokens = 0;

    qint64 totalTokens() const
    {
        return inputTokens + outputTokens + cacheWriteTokens + cacheReadTokens;
    }
    bool isEmpty() const { return totalTokens() == 0; }

    QJsonObject toJson() const
    {
        return QJsonObject{{QLatin1String("inputTokens"), inputTokens},
                           {QLatin1String("outputTokens"), outputTokens},
                           {QLatin1String("cacheWriteTokens"), cacheWriteTokens},
                           {QLatin1String("cacheReadTokens"), cacheReadTokens}};
    }

    static TokenUsage fromJson(const QJsonObject &o)
    {
        TokenUsage u;
        u.inputTokens = o.value(QLatin1String("inputTokens")).toInteger();
        u.outputTokens = o.value(QLatin1String("outputTokens")).toInteger();
        u.cacheWriteTokens = o.value(QLatin1String("cacheWriteTokens")).toInteger();
        u.cacheReadTokens = o.value(QLatin1String("cacheReadTokens")).toInteger();
        return u;
    }

    friend bool operator==(const TokenUsage &a, const TokenUsage &b)
    {
        return a.inputTokens == b.inputTokens && a.outputTokens == b.outputTokens &&
               a.cacheWriteTokens == b.cacheWriteTokens && a.cacheReadTokens == b.cacheReadTokens;
    }
    friend bool operator!=(const TokenUsage &a, const TokenUsage &b) { return !(a == b); }
};
