// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/AdmissionEstimate.h"

#include "pricing/PriceTable.h"
#include "protocol/JsonSkim.h"

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

// A whole number from a JSON number or a numeric string (Gemini's JSON mapping of int64 fields
// accepts "65536"); `fallback` otherwise.
qint64 wholeNumber(const QJsonValue &v, qint64 fallback)
{
    if (v.isDouble())
        return v.toInteger(fallback);
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().trimmed().toLongLong(&ok);
        return ok ? n : fallback;
    }
    return fallback;
}

} // namespace

QJsonObject AdmissionEstimate::fieldsOf(const QByteArray &body)
{
    bool ok = false;
    return JsonSkim::members(body,
                             {QLatin1String("max_tokens"), QLatin1String("max_completion_tokens"),
                              QLatin1String("n"), QLatin1String("generationConfig")},
                             &ok);
}

AdmissionEstimate AdmissionEstimate::of(const QJsonObject &body, const QByteArray &rawBody,
                                        RelayProtocol::Kind protocol, bool countTokens,
                                        const QStringList &models, const PriceTable &prices,
                                        qint64 defaultOutputTokens)
{
    AdmissionEstimate e;
    if (countTokens)
        return e;
    e.inputTokens = (qint64(rawBody.size()) + kBytesPerToken - 1) / kBytesPerToken;
    qint64 output = 0;
    qint64 choices = 1;
    switch (protocol) {
    case RelayProtocol::Anthropic:
        output = wholeNumber(body.value(QLatin1String("max_tokens")), 0);
        break;
    case RelayProtocol::OpenAi:
        output = wholeNumber(body.value(QLatin1String("max_completion_tokens")), 0);
        if (output <= 0)
            output = wholeNumber(body.value(QLatin1String("max_tokens")), 0);
        choices = qBound(qint64(1), wholeNumber(body.value(QLatin1String("n")), 1), qint64(128));
        break;
    case RelayProtocol::Gemini: {
        const QJsonObject config = body.value(QLatin1String("generationConfig")).toObject();
        output = wholeNumber(config.value(QLatin1String("maxOutputTokens")), 0);
        choices = qBound(qint64(1), wholeNumber(config.value(QLatin1String("candidateCount")), 1),
                         qint64(128));
        break;
    }
    }
    if (output <= 0)
        output = defaultOutputTokens;
    e.outputTokens = qMin(kMaxOutputTokens, output) * choices;
    e.tokens = e.inputTokens + e.outputTokens;

    const bool mayWriteCache = rawBody.contains("cache_control");
    auto costAt = [&](ModelPrice price) {
        if (mayWriteCache)
            price.input = qMax(price.input, price.cacheWrite1h);
        TokenUsage usage;
        usage.inputTokens = e.inputTokens;
        usage.outputTokens = e.outputTokens;
        return MicroUsd(std::ceil(PriceTable::cost(price, usage) * 1e6 - 1e-6));
    };
    bool known = false;
    for (const QString &model : models) {
        if (const std::optional<ModelPrice> price = cachedPrice(prices, model)) {
            e.cost = qMax(e.cost, costAt(*price));
            known = true;
        }
    }
    if (!known)
        e.cost = costAt(prices.highest());
    return e;
}
