// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/OpenAiDialect.h"

#include "protocol/OpenAiUsageTracker.h"

std::optional<QByteArray> OpenAiDialect::url(const RelayAccount &account, const UpstreamTarget &,
                                             QString *) const
{
    return RelayProtocol::upstreamUrl(kind(), account.baseUrl, "/v1/chat/completions");
}

void OpenAiDialect::addHeaders(const RelayAccount &account, const UpstreamTarget &,
                               HttpHeaderList *headers) const
{
    headers->push_back({"authorization", "Bearer " + account.apiKey});
}

std::unique_ptr<UsageTracker> OpenAiDialect::usageTracker() const
{
    return std::make_unique<UsageTrackerOf<OpenAiUsageTracker>>();
}
