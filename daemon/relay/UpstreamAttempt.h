// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/RelaySnapshot.h"
#include "protocol/SseParser.h"
#include "relay/ProtocolTranslation.h"
#include "relay/UpstreamDialect.h"
#include "relay/UsageTracker.h"
#include "upstream/UpstreamCall.h"
#include "upstream/UpstreamRequest.h"

#include <memory>

class UpstreamClient;

// One try of a call on one account: builds the request in the account's protocol (dialect and
// translation), owns the upstream transfer, reads usage from the answer and turns the answer
// into the client's protocol. The call (RelayExchange) decides what happens between attempts.
class UpstreamAttempt
{
public:
    struct Input
    {
        RelayProtocol::Kind client = RelayProtocol::Anthropic;
        bool countTokens = false;
        bool stream = false; // the client asked for a stream
        QByteArray body;     // the client's request body
        HttpHeaderList clientHeaders;
        QString geminiAction;
        QList<QPair<QString, QString>> geminiQuery;
        QString proxyUrl; // for curl
        int connectTimeoutMs = 10000;
        int timeoutMs = 600000;
        ProtocolTranslation::Options translation;
    };

    // A complete (non-streamed) answer in the client's protocol.
    struct Answer
    {
        int status = 0;
        QByteArray body;
        QByteArray contentType;
        HttpHeaderList headers;
    };

    UpstreamAttempt(const RelayAccount &account, const QString &upstreamModel, const Input &input);
    ~UpstreamAttempt();

    const RelayAccount &account() const { return *m_account; }
    const QString &upstreamModel() const { return m_upstreamModel; }
    const UpstreamDialect &dialect() const { return *m_dialect; }

    // The upstream request; false with *error when it cannot be expressed for this account.
    bool prepare(UpstreamRequest *request, QString *error) const;

    // The transfer.
    UpstreamCallPtr start(UpstreamClient *client, const UpstreamRequest &request);
    void abort(UpstreamClient *client);
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }

    // The answer as it arrives. onHeaders() returns whether it is streamed to the client.
    bool onHeaders(int status, const HttpHeaderList &headers);
    int status() const { return m_status; }
    const HttpHeaderList &responseHeaders() const { return m_responseHeaders; }
    bool isStreaming() const { return m_streaming; }
    // Headers for the client's stream.
    HttpHeaderList clientStreamHeaders() const;
    // Stream bytes in, client bytes out (usage is read on the way).
    QByteArray streamData(const QByteArray &data);
    // The client bytes that end a complete stream.
    QByteArray finishStream();
    // Before an error event that cuts a stream: what ends an unterminated event, if anything.
    QByteArray cutStream() const;
    // Non-streamed: false when the body would exceed maxBytes.
    bool appendBody(const QByteArray &data, qint64 maxBytes);
    Answer finishBody();

    TokenUsage usage() const { return m_tracker->usage(); }
    QString reportedModel() const { return m_tracker->model(); }
    // The error type the upstream's answer named (stream error event or error body).
    QString errorType() const { return m_tracker->errorType(); }

private:
    const RelayAccount *m_account;
    QString m_upstreamModel;
    Input m_in;
    std::unique_ptr<UpstreamDialect> m_dialect;
    std::unique_ptr<ProtocolTranslation> m_translation;
    std::unique_ptr<UsageTracker> m_tracker;
    UpstreamCallPtr m_call;
    SseParser m_parser;
    QByteArray m_buffer; // non-streamed body
    HttpHeaderList m_responseHeaders;
    int m_status = 0;
    bool m_streaming = false;
    bool m_paused = false;
};
