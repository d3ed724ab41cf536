// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/UpstreamDialect.h"

// OpenAI chat completions and OpenAI-compatible providers (Bearer key).
class OpenAiDialect final : public UpstreamDialect
{
public:
    RelayProtocol::Kind kind() const override { return RelayProtocol::OpenAi; }
    std::optional<QByteArray> url(const RelayAccount &account, const UpstreamTarget &target,
                                  QString *error) const override;
    void addHeaders(const RelayAccount &account, const UpstreamTarget &target,
                    HttpHeaderList *headers) const override;
    std::unique_ptr<UsageTracker> usageTracker() const override;
};
