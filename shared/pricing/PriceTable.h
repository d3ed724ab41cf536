// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/TokenUsage.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

// Prices of one model in USD per million tokens.
struct ModelPrice
{
    double input = 0;
    double output = 0;
    double cacheWrite = 0; // defaults to 1.25 x input when not given
    double cacheRead = 0;  // defaults to 0.1 x input when not given
};

// Model prices, from the table compiled in (:/aicarpool/prices.json) plus overrides.
// JSON form: {"models": {"<model>": {"input": 3, "output": 15, "cacheWrite": 3.75,
//                                    "cacheRead": 0.3}, ...},
//             "aliases": {"<alias>": "<model>", ...}}
class PriceTable
{
public:
    static PriceTable builtin();

    // Adds or replaces the models and aliases given in `json`. On error nothing is changed and
    // *error names the offending entry.
    bool loadOverrides(const QByteArray &json, QString *error);

    // Lookup order (case-insensitive): exact name, alias, the name without a date or "-latest"
    // suffix ("-20250929", "-2024-08-06", "@20250929", "-latest"), then the longest known name
    // that is a prefix of it ending at a '-', '@', ':' or '/' boundary.
    std::optional<ModelPrice> find(const QString &model) const;

    // USD; 0 for unknown models.
    double cost(const QString &model, const TokenUsage &usage) const;
    static double cost(const ModelPrice &price, const TokenUsage &usage);

    QStringList models() const;
    bool isEmpty() const { return m_models.isEmpty(); }

private:
    std::optional<ModelPrice> findExactOrAlias(const QString &key) const;

    QHash<QString, ModelPrice> m_models;
    QHash<QString, QString> m_aliases;
};
