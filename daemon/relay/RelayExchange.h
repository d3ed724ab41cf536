// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayContext.h"
#include "RelayProtocol.h"
#include "RelaySnapshot.h"
#include "http/HttpResponder.h"
#include "protocol/AnthropicUsageTracker.h"
#include "protocol/GeminiUsageTracker.h"
#include "protocol/OpenAiUsageTracker.h"
#include "protocol/SseParser.h"
#include "routing/AccountRouter.h"
#include "routing/CooldownPolicy.h"
#include "upstream/UpstreamCall.h"
#include "upstream/UpstreamRequest.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QObject>

#include <memory>

class AnthropicToOpenAiStream;
class GeminiToOpenAiStream;
class OpenAiToAnthropicStream;

// One relayed call. Picks an account through the router, sends the request (translated when the
// account speaks another protocol than the client), and forwards the answer as it arrives (SSE
// event by event). Before the first byte has gone to the client, a rate limit, server error or
// connection failure moves the call to the next eligible account. Usage is read from the
// upstream's own protocol; one ledger row records the call with every attempt. Deletes itself.
class RelayExchange : public QObject
{
    Q_OBJECT
public:
    enum class Op
    {
        Generate,
        CountTokens
    };

    struct Params
    {
        RelayProtocol::Kind client = RelayProtocol::Anthropic;
        Op op = Op::Generate;
        QByteArray endpoint;    // the client's path, e.g. "/v1/messages"
        QString routeName;      // the route template: the metrics label
        QString geminiAction;   // native Gemini: generateContent, streamGenerateContent, ...
        QByteArray geminiQuery; // native Gemini: the query string without the key
        QString model;
        bool stream = false;
        bool clientAskedForUsage = false; // OpenAI clients: stream_options.include_usage
        QByteArray body;
        HttpHeaderList clientHeaders;
        RelayKey key;
        RelaySnapshotPtr snapshot; // keeps the accounts the router points into alive
        RouteRequest route;
        qint64 startedAtMs = 0;
        QElapsedTimer clock;
    };

    RelayExchange(const RelayContext &context, Params params, HttpResponderPtr responder);
    ~RelayExchange() override;

    void start();

private:
    enum class Mode
    {
        Native,                  // the account speaks the client's protocol
        ClientAnthropicUpOpenAi, // Anthropic client, OpenAI-compatible account
        ClientOpenAiUpAnthropic, // OpenAI client, Anthropic account
        ClientOpenAiUpGemini     // OpenAI client, Gemini account
    };

    void routeAndStart(const RouteDecision &decision);
    bool prepareRequest(UpstreamRequest *request, QString *error);
    void launch(UpstreamRequest request);
    void onHeaders(int status, const HttpHeaderList &headers);
    void onData(const QByteArray &data);
    void onFinished(UpstreamCall::Error error, const QString &message);
    void onClientGone();
    void forwardEvents(const QList<SseEvent> &events);
    void finishNonStreaming();
    // Ends the current attempt in the router and the attempt log.
    CooldownDecision endAttempt(const AttemptOutcome &outcome, const QString &errorType);
    // Tries the next account; false when none is left (the caller answers instead).
    bool failover(const AttemptOutcome &outcome, const QString &errorType);
    void answerRouteFailure(const RouteDecision &decision);
    void fail(int status, const QString &type, const QString &message,
              const HttpHeaderList &headers = {});
    void finish(int status, const QString &errorType);
    void markFirstByte();
    void trackEvent(const SseEvent &e);
    void trackBody(const QByteArray &body);
    TokenUsage usage() const;
    QString upstreamReportedModel() const;
    QString upstreamErrorType() const;
    RelayProtocol::Kind upstreamKind() const;

    RelayContext m_ctx;
    Params m_p;
    HttpResponderPtr m_responder;

    // The current attempt.
    const RelayAccount *m_account = nullptr;
    QString m_upstreamModel;
    Mode m_mode = Mode::Native;
    UpstreamCallPtr m_call;
    bool m_attemptOpen = false;
    qint64 m_attemptStartMs = 0;
    qint64 m_attemptTtfbMs = -1;
    QJsonArray m_attemptLog;

    SseParser m_parser;
    AnthropicUsageTracker m_anthropic;
    OpenAiUsageTracker m_openai;
    GeminiUsageTracker m_gemini;
    std::unique_ptr<AnthropicToOpenAiStream> m_toOpenAiFromAnthropic;
    std::unique_ptr<OpenAiToAnthropicStream> m_toAnthropicFromOpenAi;
    std::unique_ptr<GeminiToOpenAiStream> m_toOpenAiFromGemini;
    QByteArray m_buffer; // non-streaming body
    HttpHeaderList m_responseHeaders;
    int m_upstreamStatus = 0;
    bool m_streaming = false;
    bool m_done = false;
    bool m_clientAborted = false;
    qint64 m_ttfbMs = -1;
};
