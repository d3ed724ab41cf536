// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// Per-request instructions read from the last user message ("mock:status=529", ...), so that
// they survive any relay in between.
struct MockDirectives
{
    int status = 0;      // mock:status=N: answer with this status and the provider's error
    int delayMs = -1;    // mock:delay=MS: wait before the headers
    int chunks = -1;     // mock:chunks=N: number of streamed text pieces
    int intervalMs = -1; // mock:interval=MS: pause between stream events
    int cacheWrite = 0;  // mock:cache=W/R
    int cacheRead = 0;
    int cacheWrite1h = 0;        // mock:cache1h=N: N of the W cache writes have the 1-hour TTL
    int reasoning = 0;           // mock:reasoning=N: N reasoning tokens (OpenAI), inside the output
    int cutAfter = -1;           // mock:cut=K: drop the connection after K stream events
    bool midstreamError = false; // mock:midstream-error
    bool gzip = false;           // mock:gzip
    int bulkMiB = 0;             // mock:bulk=N: a stream with N MiB of filler text deltas
};

// What the mock makes of one API call: everything needed to produce the answer.
struct MockCall
{
    QString model;
    bool stream = false;
    bool includeUsage = false; // OpenAI stream_options.include_usage
    bool toolUse = false;      // tools present and the last user message asks for them
    QString toolName;
    QString lastUserText;
    int inputTokens = 0;
    MockDirectives directives;
};

// The provider wire formats, byte for byte, as pure functions (no sockets), so they can be
// unit-tested.
class MockFormats
{
public:
    enum class Provider
    {
        Anthropic,
        OpenAI
    };

    // Parses a /v1/messages or /v1/chat/completions body. Returns false (and an error message)
    // when the body is not a JSON object with a messages array.
    static bool parseCall(Provider provider, const QByteArray &body, MockCall *call,
                          QString *error);
    static MockDirectives parseDirectives(const QString &text);
    static int countWords(const QString &text);

    static QString answerText(Provider provider, const MockCall &call);
    // Splits text into at most n non-empty pieces whose concatenation is the text.
    static QStringList splitPieces(const QString &text, int n);
    // The JSON arguments of the mock's tool call, split like the text.
    static QString toolInputJson(const MockCall &call);

    // Non-streaming bodies.
    static QByteArray anthropicMessage(const MockCall &call, const QString &id, int chunks);
    static QByteArray openaiCompletion(const MockCall &call, const QString &id, qint64 created,
                                       int chunks);
    static QByteArray anthropicCountTokens(int inputTokens);

    // Streaming: every element is one complete SSE event ("event: x\ndata: {...}\n\n").
    static QList<QByteArray> anthropicStream(const MockCall &call, const QString &id, int chunks);
    static QList<QByteArray> openaiStream(const MockCall &call, const QString &id, qint64 created,
                                          int chunks);

    // One streamed text delta of `bytes` filler characters ("x"), for large streams.
    static QByteArray fillerEvent(Provider provider, const MockCall &call, const QString &id,
                                  qint64 created, int bytes);

    static QByteArray anthropicError(int status, const QString &message);
    static QByteArray openaiError(int status, const QString &message);
    static QString anthropicErrorType(int status);

    static QByteArray anthropicModels();
    static QByteArray openaiModels();

    static bool acceptsGzip(const QByteArray &acceptEncoding);
    // RFC 1952 gzip member (zlib deflate with a gzip wrapper).
    static QByteArray gzip(const QByteArray &data);

    static QByteArray sseEvent(const QByteArray &event, const QJsonObject &data);
    static QByteArray sseData(const QJsonObject &data);
};
