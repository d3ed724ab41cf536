// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/UpstreamDialect.h"

#include "domain/Provider.h"
#include "relay/AnthropicDialect.h"
#include "relay/AnthropicOAuthDialect.h"
#include "relay/GeminiDialect.h"
#include "relay/OpenAiDialect.h"

QByteArray UpstreamDialect::clientHeader(const UpstreamTarget &target, const QByteArray &name)
{
    for (const auto &h : target.clientHeaders) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

void UpstreamDialect::addAccessToken(const QByteArray &token, HttpHeaderList *headers) const
{
    headers->push_back({"authorization", "Bearer " + token});
}

std::unique_ptr<UpstreamDialect> UpstreamDialect::forProvider(const QString &provider)
{
    switch (Providers::parse(provider).value_or(Provider::OpenAi)) {
    case Provider::AnthropicOAuth:
        return std::make_unique<AnthropicOAuthDialect>();
    case Provider::Anthropic:
        return std::make_unique<AnthropicDialect>();
    case Provider::Gemini:
        return std::make_unique<GeminiDialect>();
    case Provider::OpenAi:
        break;
    }
    return std::make_unique<OpenAiDialect>();
}
