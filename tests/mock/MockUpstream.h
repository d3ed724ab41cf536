// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MockFormats.h"
#include "MockOAuth.h"
#include "http/HttpRouter.h"
#include "http/HttpServer.h"

#include <QHostAddress>
#include <QObject>

#include <deque>
#include <memory>

struct MockOptions
{
    QHostAddress host = QHostAddress::LocalHost;
    quint16 port = 0;
    int latencyMs = 0;       // before the headers of every API answer
    int chunkIntervalMs = 0; // between stream events
    int chunks = 4;          // streamed text pieces
};

// The mock upstream provider: Anthropic and OpenAI endpoints with deterministic answers,
// directive-driven errors and delays, and introspection endpoints under /__mock/.
class MockUpstream : public QObject
{
    Q_OBJECT
public:
    explicit MockUpstream(const MockOptions &options, QObject *parent = nullptr);

    bool listen(QString *error);
    QString url() const;

private:
    friend class MockGemini; // the Gemini endpoints share the call accounting and injected failures

    struct Recorded
    {
        QByteArray method;
        QByteArray path;
        QByteArray query;
        HttpHeaderList headers;
        QByteArray body;
        qint64 timeMs = 0;
    };
    enum class Endpoint
    {
        Messages,
        CountTokens,
        ChatCompletions
    };

    void handle(const HttpRequest &request, const HttpResponderPtr &responder);
    void handleApi(Endpoint endpoint, const HttpRequest &request,
                   const HttpResponderPtr &responder);
    void answerApi(Endpoint endpoint, const HttpRequest &request, const MockCall &call,
                   const HttpResponderPtr &responder, const std::shared_ptr<void> &token);
    void handleModels(const HttpRequest &request, const HttpResponderPtr &responder);
    void sendError(MockFormats::Provider provider, int status, const QString &message,
                   const HttpResponderPtr &responder);
    static QByteArray clientKey(const HttpRequest &request);
    std::shared_ptr<void> enterCall();

    void getRequests(const HttpResponderPtr &responder) const;
    void failNext(const HttpRequest &request, const HttpResponderPtr &responder);
    void getStats(const HttpResponderPtr &responder) const;

    MockOptions m_options;
    HttpServer m_server;
    HttpRouter m_router;
    std::deque<Recorded> m_log;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
    qint64 m_streamBytes = 0; // bytes of streamed answers handed to sockets
    qint64 m_total = 0;
    int m_failCount = 0;
    int m_failStatus = 500;
    quint64 m_counter = 0;
    MockOAuth m_oauth; // /oauth/authorize, /v1/oauth/token; Bearer tokens it issued
};
