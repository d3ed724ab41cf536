// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MockFormats.h"
#include "http/HttpResponder.h"

#include <QByteArray>
#include <QList>
#include <QString>

class HttpRouter;
class MockUpstream;

// The Gemini API (v1beta and v1) in the mock upstream:
//   POST /v1beta/models/{model}:generateContent
//   POST /v1beta/models/{model}:streamGenerateContent?alt=sse  ("data: {...}\r\n\r\n" events,
//        no terminator; without alt=sse one JSON array, as Google answers)
//   POST /v1beta/models/{model}:countTokens
//   GET  /v1beta/models, GET /v1beta/models/{model}
// The key comes from the x-goog-api-key header, the ?key= query item or an OAuth bearer token;
// none gives 403 PERMISSION_DENIED and a key starting with "bad" 400 INVALID_ARGUMENT
// (API_KEY_INVALID), as the real API answers. The answer is "Hello from mock-gemini: <last user
// text>", or a functionCall of the first declared function when tools are present and the last
// user text says "use the tool". The mock's directives work as for the other providers
// (mock:status, delay, chunks, interval, cut, cache=W/R -> cachedContentTokenCount R,
// midstream-error, gzip), plus mock:thoughts=N (thoughtsTokenCount N).
class MockGemini
{
public:
    static void addRoutes(MockUpstream *mock, HttpRouter *router);

    // --- Pure formats (no sockets). ---
    // Reads a generateContent body. Returns false (and Gemini's message) when it has no contents.
    static bool parseCall(const QByteArray &body, const QString &model, bool stream, MockCall *call,
                          QString *error);
    static QString answerText(const MockCall &call);
    static int thoughtsTokens(const MockCall &call);
    static QByteArray response(const MockCall &call, const QString &responseId, int chunks);
    // Every element is one complete event, "data: {...}\r\n\r\n".
    static QList<QByteArray> stream(const MockCall &call, const QString &responseId, int chunks);
    static QByteArray countTokens(const MockCall &call);
    static QByteArray error(int status, const QString &message);
    static QByteArray invalidKeyError();
    static QByteArray models();
    static QByteArray model(const QString &name);
    static QByteArray sseData(const QByteArray &json);

private:
    static void handleCall(MockUpstream *mock, const HttpRequest &request,
                           const HttpResponderPtr &responder);
    static void handleModel(MockUpstream *mock, const HttpRequest &request,
                            const HttpResponderPtr &responder);
    static void answer(MockUpstream *mock, const QString &method, const HttpRequest &request,
                       const MockCall &call, const HttpResponderPtr &responder,
                       const std::shared_ptr<void> &token);
    static bool checkKey(const HttpRequest &request, const HttpResponderPtr &responder);
    static void sendError(int status, const QString &message, const HttpResponderPtr &responder);
};
