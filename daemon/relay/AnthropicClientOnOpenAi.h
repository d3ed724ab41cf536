// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/ProtocolTranslation.h"

class OpenAiToAnthropicStream;

// An Anthropic client served by an OpenAI-compatible account.
class AnthropicClientOnOpenAi final : public ProtocolTranslation
{
public:
    explicit AnthropicClientOnOpenAi(const Options &options);
    ~AnthropicClientOnOpenAi() override;
    std::optional<QByteArray> request(const QByteArray &clientBody, const QString &upstreamModel,
                                      bool clientStream, QString *error,
                                      bool *stream) const override;
    QByteArray response(const QByteArray &upstreamBody, int status) const override;
    QByteArray streamEvent(const SseEvent &event) override;
    QByteArray finishStream() override;

private:
    Options m_options;
    std::unique_ptr<OpenAiToAnthropicStream> m_stream;
};
