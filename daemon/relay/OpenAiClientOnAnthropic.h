// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/ProtocolTranslation.h"

class AnthropicToOpenAiStream;

// An OpenAI client served by an Anthropic account (API key or subscription).
class OpenAiClientOnAnthropic final : public ProtocolTranslation
{
public:
    explicit OpenAiClientOnAnthropic(const Options &options);
    ~OpenAiClientOnAnthropic() override;
    std::optional<QByteArray> request(const QByteArray &clientBody, const QString &upstreamModel,
                                      bool clientStream, QString *error,
                                      bool *stream) const override;
    QByteArray response(const QByteArray &upstreamBody, int status) const override;
    QByteArray streamEvent(const SseEvent &event) override;
    QByteArray finishStream() override;

private:
    Options m_options;
    std::unique_ptr<AnthropicToOpenAiStream> m_stream;
};
