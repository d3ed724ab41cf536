// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelayContext.h"
#include "RelayProtocol.h"
#include "RelaySnapshot.h"
#include "http/HttpResponder.h"
#include "protocol/AnthropicUsageTracker.h"
#include "protocol/OpenAiUsageTracker.h"
#include "protocol/SseParser.h"
#include "upstream/UpstreamCall.h"

#include <QElapsedTimer>
#include <QObject>

// One relayed call: sends the request to the chosen account, forwards the answer to the client
// as it arrives (SSE event by event), reads the usage on the way, and writes one ledger row.
// Deletes itself when done.
class RelayExchange : public QObject
{
    Q_OBJECT
public:
    struct Params
    {
        RelayProtocol::Kind protocol = RelayProtocol::Anthropic;
        QByteArray endpoint;     // the client's path, e.g. "/v1/messages"
        QByteArray upstreamPath; // e.g. "/v1/messages"
        QString model;
        bool stream = false;
        bool clientAskedForUsage = false;
        QByteArray body;
        HttpHeaderList upstreamHeaders; // without credentials
        RelayKey key;
        RelayAccount account;
        qint64 startedAtMs = 0;
        QElapsedTimer clock;
    };

    RelayExchange(const RelayContext &context, Params params, HttpResponderPtr responder);
    ~RelayExchange() override;

    void start();

private:
    void onHeaders(int status, const HttpHeaderList &headers);
    void onData(const QByteArray &data);
    void onFinished(UpstreamCall::Error error, const QString &message);
    void onClientGone();
    void forwardEvents(const QList<SseEvent> &events);
    void fail(int status, const QString &type, const QString &message);
    void finish(int status, const QString &errorType);
    void markFirstByte();

    RelayContext m_ctx;
    Params m_p;
    HttpResponderPtr m_responder;
    UpstreamCallPtr m_call;
    SseParser m_parser;
    AnthropicUsageTracker m_anthropic;
    OpenAiUsageTracker m_openai;
    QByteArray m_buffer; // non-streaming body
    HttpHeaderList m_responseHeaders;
    int m_upstreamStatus = 0;
    bool m_streaming = false;
    bool m_done = false;
    bool m_clientAborted = false;
    qint64 m_ttfbMs = -1;
};
