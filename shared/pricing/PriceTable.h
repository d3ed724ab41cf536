// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/TokenUsage.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// The prices of a long prompt, in USD per million tokens: a call whose prompt (input + cache
// writes + cache reads) exceeds `threshold` tokens is priced entirely at these rates, output
// included (Anthropic's 1M-context models, Gemini 2.5 Pro above 200k tokens).
struct LongContextPrice
{
    qint64 threshold = 0; // prompt tokens; the tier applies above it
    double input = 0;
    double output = 0;
    double cacheWrite = 0;   // 5-minute cache writes
    double cacheWrite1h = 0; // 1-hour cache writes
    double cacheRead = 0;
};

// Prices of one model in USD per million tokens.
struct ModelPrice
{
    double input = 0;
    double output = 0;
    double cacheWrite = 0;   // 5-minute cache writes; defaults to 1.25 x input when not given
    double cacheRead = 0;    // defaults to 0.1 x input when not given
    double cacheWrite1h = 0; // 1-hour cache writes; defaults to 2 x input when not given
    std::optional<LongContextPrice> longContext;
};

// Model prices, from the table compiled in (:/aicarpool/prices.json) plus overrides.
// JSON form:
//   {"models": {"<model>": {"input": 3, "output": 15, "cacheWrite": 3.75, "cacheWrite1h": 6,
//                           "cacheRead": 0.3,
//                           "longContext": {"threshold": 200000, "input": 6, "output": 22.5,
//                                           "cacheWrite": 7.5, "cacheWrite1h": 12,
//                                           "cacheRead": 0.6}}, ...},
//    "aliases": {"<alias>": "<model>", ...}}
// Prices are numbers >= 0; input and output are required, the cache prices optional.
// longContext is optional; when given, "threshold" (an integer > 0, prompt tokens) and "input"
// and "output" are required, and its cache prices default to the model's cache prices scaled
// by longContext.input / input (the model's own cache prices when its input price is 0).
// Keys starting with '_' are comments and are ignored.
class PriceTable
{
public:
    PriceTable();
    static PriceTable builtin();

    // Adds or replaces the models and aliases given in `json`. On error nothing is changed and
    // *error names the offending entry.
    bool loadOverrides(const QByteArray &json, QString *error);

    // Lookup order (case-insensitive): exact name, alias, the name without a date or "-latest"
    // suffix ("-20250929", "-2024-08-06", "@20250929", "-latest"), then the longest known name
    // that is a prefix of it ending at a '-', '@', ':' or '/' boundary. Answers are remembered
    // per name (a dated name costs a regular expression and a scan of the table otherwise): up
    // to MaxRememberedNames names of at most MaxRememberedNameLength characters, forgotten all
    // at once when full. Safe to call from several threads.
    std::optional<ModelPrice> find(const QString &model) const;
    static constexpr int MaxRememberedNames = 1024;
    static constexpr int MaxRememberedNameLength = 128;
    int rememberedNames() const;

    // USD; 0 for unknown models. Cache writes are priced at the 5-minute rate except
    // usage.cacheWrite1hTokens at the 1-hour rate; reasoning tokens are part of the output and
    // priced with it; the long-context rates apply to the whole call when usage.promptTokens()
    // exceeds the model's threshold.
    double cost(const QString &model, const TokenUsage &usage) const;
    static double cost(const ModelPrice &price, const TokenUsage &usage);

    QStringList models() const;
    bool isEmpty() const { return m_models.isEmpty(); }

    // The highest price of each kind over every model of the table (its long-context rates
    // included): what a call to a model the table does not know may cost at most, for estimates
    // that must not be low. All zero for an empty table.
    const ModelPrice &highest() const { return m_highest; }

private:
    std::optional<ModelPrice> findExactOrAlias(const QString &key) const;
    std::optional<ModelPrice> lookUp(const QString &model) const;

    struct Memo; // names already looked up; shared by copies until one of them changes
    std::shared_ptr<Memo> m_memo;

    QHash<QString, ModelPrice> m_models;
    QHash<QString, QString> m_aliases;
    ModelPrice m_highest;
};
