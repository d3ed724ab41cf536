// SPDX-License-Identifier: GPL-3.0-or-later
#include "UpstreamDialect.h"

#include "AnthropicDialect.h"
#include "AnthropicOAuthDialect.h"
#include "GeminiDialect.h"
#include "OpenAiDialect.h"

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
    if (provider == QLatin1String("anthropic-oauth"))
        return std::make_unique<AnthropicOAuthDialect>();
    switch (RelayProtocol::kindOfProvider(provider)) {
    case RelayProtocol::Anthropic:
        return std::make_unique<AnthropicDialect>();
    case RelayProtocol::Gemini:
        return std::make_unique<GeminiDialect>();
    case RelayProtocol::OpenAi:
        break;
    }
    return std::make_unique<OpenAiDialect>();
}
