// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "relay/ProtocolTranslation.h"

class GeminiToOpenAiStream;

// An OpenAI client served by a Gemini account.
class OpenAiClientOnGemini final : public ProtocolTranslation
{
public:
    explicit OpenAiClientOnGemini(const Options &options);
    ~OpenAiClientOnGemini() override;
    std::optional<QByteArray> request(const QByteArray &clientBody, const QString &upstreamModel,
                                      bool clientStream, QString *error,
                                      bool *stream) const override;
    QByteArray response(const QByteArray &upstreamBody, int status) const override;
    QByteArray streamEvent(const SseEvent &event) override;
    QByteArray finishStream() override;

private:
    Options m_options;
    std::unique_ptr<GeminiToOpenAiStream> m_stream;
};
