// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "UpstreamDialect.h"

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
    // The client's anthropic-beta (Anthropic clients only) plus `extra`, comma-separated.
    static QByteArray beta(const UpstreamTarget &target, const QByteArray &extra);
};

// The Anthropic Messages API with a subscription's OAuth access token (Bearer) and the OAuth
// beta flag.
class AnthropicOAuthDialect final : public AnthropicDialect
{
public:
    void addHeaders(const RelayAccount &account, const UpstreamTarget &target,
                    HttpHeaderList *headers) const override;
    bool needsAccessToken() const override { return true; }
};

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
