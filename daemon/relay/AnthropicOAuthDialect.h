// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/AnthropicDialect.h"

// The Anthropic Messages API with a subscription's OAuth access token (Bearer) and the OAuth
// beta flag.
class AnthropicOAuthDialect final : public AnthropicDialect
{
public:
    void addHeaders(const RelayAccount &account, const UpstreamTarget &target,
                    HttpHeaderList *headers) const override;
    bool needsAccessToken() const override { return true; }
};
