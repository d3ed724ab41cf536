// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/UpstreamDialect.h"

// The Gemini API: /v1beta/models/{model}:{action} (x-goog-api-key).
class GeminiDialect final : public UpstreamDialect
{
public:
    RelayProtocol::Kind kind() const override { return RelayProtocol::Gemini; }
    std::optional<QByteArray> url(const RelayAccount &account, const UpstreamTarget &target,
                                  QString *error) const override;
    void addHeaders(const RelayAccount &account, const UpstreamTarget &target,
                    HttpHeaderList *headers) const override;
    std::unique_ptr<UsageTracker> usageTracker() const override;
};
