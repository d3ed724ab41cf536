// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/AnthropicDialect.h"

#include "protocol/AnthropicUsageTracker.h"

std::optional<QByteArray> AnthropicDialect::url(const RelayAccount &account,
                                                const UpstreamTarget &target, QString *) const
{
    // The model travels in the JSON body; the path is one of two constants.
    return RelayProtocol::upstreamUrl(kind(), account.baseUrl,
                                      target.countTokens ? QByteArray("/v1/messages/count_tokens")
                                                         : QByteArray("/v1/messages"));
}

QByteArray AnthropicDialect::version(const UpstreamTarget &target)
{
    const QByteArray v = target.client == RelayProtocol::Anthropic
                             ? clientHeader(target, "anthropic-version")
                             : QByteArray();
    return v.isEmpty() ? QByteArray("2023-06-01") : v;
}

QByteArray AnthropicDialect::beta(const UpstreamTarget &target, const QByteArray &extra)
{
    QByteArray beta = target.client == RelayProtocol::Anthropic
                          ? clientHeader(target, "anthropic-beta")
                          : QByteArray();
    if (!extra.isEmpty())
        beta = beta.isEmpty() ? extra : beta + ',' + extra;
    return beta;
}

void AnthropicDialect::addHeaders(const RelayAccount &account, const UpstreamTarget &target,
                                  HttpHeaderList *headers) const
{
    headers->push_back({"anthropic-version", version(target)});
    const QByteArray b = beta(target, {});
    if (!b.isEmpty())
        headers->push_back({"anthropic-beta", b});
    headers->push_back({"x-api-key", account.apiKey});
}

std::unique_ptr<UsageTracker> AnthropicDialect::usageTracker() const
{
    return std::make_unique<UsageTrackerOf<AnthropicUsageTracker>>();
}
