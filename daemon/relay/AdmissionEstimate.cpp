// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/AdmissionEstimate.h"

#include "pricing/PriceTable.h"

#include <QHash>

#include <cmath>

namespace {

// The price of a model name, remembered per thread: a dated or unknown name costs a regular
// expression and a scan of the table in PriceTable::find. Bounded (cleared when full).
std::optional<ModelPrice> cachedPrice(const PriceTable &prices, const QString &model)
{
    constexpr qsizetype kMaxEntries = 256;
    thread_local const PriceTable *table = nullptr;
    thread_local QHash<QString, std::optional<ModelPrice>> cache;
    if (table != &prices || cache.size() >= kMaxEntries) {
        cache.clear();
        table = &prices;
    }
    const auto it = cache.constFind(model);
    if (it != cache.cend())
        return *it;
    const std::optional<ModelPrice> price = prices.find(model);
    cache.insert(model, price);
    return price;
}

} // namespace

AdmissionEstimate AdmissionEstimate::of(const QJsonObject &body, qint64 bodyBytes,
                                        RelayProtocol::Kind protocol, bool countTokens,
                                        const QString &model, const PriceTable &prices,
                                        qint64 defaultOutputTokens)
{
    AdmissionEstimate e;
    if (countTokens)
        return e;
    e.inputTokens = (qMax<qint64>(0, bodyBytes) + kBytesPerToken - 1) / kBytesPerToken;
    qint64 output = 0;
    qint64 choices = 1;
    switch (protocol) {
    case RelayProtocol::Anthropic:
        output = body.value(QLatin1String("max_tokens")).toInteger(0);
        break;
    case RelayProtocol::OpenAi:
        output = body.value(QLatin1String("max_completion_tokens")).toInteger(0);
        if (output <= 0)
            output = body.value(QLatin1String("max_tokens")).toInteger(0);
        choices = qBound(qint64(1), body.value(QLatin1String("n")).toInteger(1), qint64(128));
        break;
    case RelayProtocol::Gemini: {
        const QJsonObject config = body.value(QLatin1String("generationConfig")).toObject();
        output = config.value(QLatin1String("maxOutputTokens")).toInteger(0);
        choices = qBound(qint64(1), config.value(QLatin1String("candidateCount")).toInteger(1),
                         qint64(128));
        break;
    }
    }
    if (output <= 0)
        output = defaultOutputTokens;
    e.outputTokens = qMin(kMaxOutputTokens, output) * choices;
    e.tokens = e.inputTokens + e.outputTokens;
    if (const std::optional<ModelPrice> price = cachedPrice(prices, model)) {
        TokenUsage usage;
        usage.inputTokens = e.inputTokens;
        usage.outputTokens = e.outputTokens;
        e.cost = MicroUsd(std::ceil(PriceTable::cost(*price, usage) * 1e6));
    }
    return e;
}
