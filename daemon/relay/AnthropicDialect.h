// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/UpstreamDialect.h"

// The Anthropic Messages API with an API key (x-api-key).
class AnthropicDialect : public UpstreamDialect
{
public:
    RelayProtocol::Kind kind() const override { return RelayProtocol::Anthropic; }
    std::optional<QByteArray> url(const RelayAccount &account, const UpstreamTarget &target,
                                  QString *error) const override;
    void addHeaders(const RelayAccount &account, const UpstreamTarget &target,
                    HttpHeaderList *headers) const override;
    std::unique_ptr<UsageTracker> usageTracker() const override;

protected:
    // The client's anthropic-version (Anthropic clients only), else 2023-06-01.
    static QByteArray version(const UpstreamTarget &target);
    // The client's anthropic-beta (Anthropic clients only) plus `extra`, comma-separated.
    static QByteArray beta(const UpstreamTarget &target, const QByteArray &extra);
};
