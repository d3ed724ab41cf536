// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProtocolTranslation.h"

class AnthropicToOpenAiStream;
class GeminiToOpenAiStream;
class OpenAiToAnthropicStream;

// Same protocol on both sides: the model may be renamed (account model map) and OpenAI streams
// ask for usage (for the ledger), which is then hidden from a client that did not ask for it.
class PassthroughTranslation final : public ProtocolTranslation
{
public:
    PassthroughTranslation(RelayProtocol::Kind kind, const Options &options);
    bool isPassthrough() const override { return true; }
    std::optional<QByteArray> request(const QByteArray &clientBody, const QString &upstreamModel,
                                      bool clientStream, QString *error,
                                      bool *stream) const override;
    QByteArray response(const QByteArray &upstreamBody, int status) const override;
    QByteArray streamEvent(const SseEvent &event) override;
    QByteArray finishStream() override { return {}; }

private:
    RelayProtocol::Kind m_kind;
    Options m_options;
};

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
