// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/AnthropicOAuthDialect.h"

void AnthropicOAuthDialect::addHeaders(const RelayAccount &, const UpstreamTarget &target,
                                       HttpHeaderList *headers) const
{
    headers->push_back({"anthropic-version", version(target)});
    headers->push_back({"anthropic-beta", beta(target, "oauth-2025-04-20")});
    // The Bearer token is added by addAccessToken() once fetched.
}
