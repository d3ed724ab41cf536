// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpRequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <functional>

// Limits the parser enforces while it reads, before the bytes they limit are stored.
struct HttpParserLimits
{
    qint64 maxBodyBytes = 32LL * 1024 * 1024; // 413 above this
    int maxHeaderBytes = 64 * 1024;           // request line + fields; 431 above this
    int maxHeaderFields = 256;                // 431 above this
};

// An HTTP/1.1 request parser that knows nothing of sockets: feed() it bytes as they arrive and
// it says whether it needs more, has a complete head (so the caller can check credentials
// before any body byte is read), has a complete request, or refuses the request with a status.
//
// Strict by design: lines end in CRLF, header names are tokens, header values hold no control
// characters (a bare CR, LF or NUL is refused), Content-Length and chunk sizes are plain digits
// (hex for chunks) without sign or whitespace and are compared with the body limit before they
// can overflow, and a request framed two ways (Content-Length with Transfer-Encoding, or two
// different lengths) is refused.
class HttpRequestParser
{
public:
    enum class Result
    {
        NeedMore,  // every byte given was consumed; feed more
        HeadReady, // head parsed: inspect head(), then continueBody() (or drop the connection)
        Complete,  // takeRequest(); bytes after the request were not consumed
        Error      // failure() says what to answer; the connection must be closed afterwards
    };
    struct Failure
    {
        int status = 0;
        QString type;
        QString message;
    };
    // Called before body bytes are stored, with the number of bytes about to be accepted (the
    // Content-Length, or each chunk's size). Returning false refuses the request with 503.
    using BodyReservation = std::function<bool(qint64 bytes)>;

    explicit HttpRequestParser(const HttpParserLimits &limits = {});

    void setLimits(const HttpParserLimits &limits) { m_limits = limits; }
    const HttpParserLimits &limits() const { return m_limits; }
    void setBodyReservation(BodyReservation reservation) { m_reserve = std::move(reservation); }

    // Consumes a prefix of `data` and sets *consumed to its length.
    Result feed(QByteArrayView data, qsizetype *consumed);

    // After HeadReady: go on to the body. Returns Complete when there is none, NeedMore when
    // body bytes are expected, Error when the body reservation was refused (503). Until it is
    // called, feed() keeps answering HeadReady and consumes nothing.
    Result continueBody();
    // After Complete: the request, and the parser is ready for the next one.
    HttpRequest takeRequest();
    // Forget the current request and start over (e.g. after a refused head without a body).
    void reset();

    const HttpRequest &head() const { return m_request; }
    const Failure &failure() const { return m_failure; }
    // Framing of the current request, valid from HeadReady on.
    bool hasBody() const { return m_chunked || m_contentLength > 0; }
    bool isChunked() const { return m_chunked; }
    qint64 contentLength() const { return m_contentLength; } // -1: chunked or none given
    bool expectsContinue() const { return m_expectContinue; }
    bool wantsClose() const { return m_close; }
    // True until the first byte of a request (not counting empty lines between requests).
    bool isIdle() const { return m_state == State::Head && m_head.isEmpty(); }

private:
    enum class State
    {
        Head,
        HeadDone,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailer,
        Done,
        Failed
    };

    Result fail(int status, const char *type, const QString &message);
    Result feedHead(QByteArrayView data, qsizetype *consumed);
    bool parseHead(QByteArrayView head); // the head up to and with its empty line
    // The whole head at the start of `data`, valid line by line: parsed from `data` itself.
    bool headInOnePiece(QByteArrayView data, qsizetype *length) const;
    bool parseRequestLine(QByteArrayView line);
    bool parseField(QByteArrayView line);
    bool finishHead();
    Result feedLine(QByteArrayView data, qsizetype *consumed, int maxBytes, bool *complete);
    bool parseChunkSize(QByteArrayView line);
    bool reserve(qint64 bytes);

    HttpParserLimits m_limits;
    BodyReservation m_reserve;
    State m_state = State::Head;
    QByteArray m_head; // the head so far, or the current chunk-size / trailer line
    HttpRequest m_request;
    Failure m_failure;
    qint64 m_contentLength = -1;
    qint64 m_remaining = 0; // body or chunk bytes still to read
    qint64 m_trailerBytes = 0;
    bool m_chunked = false;
    bool m_expectContinue = false;
    bool m_close = false;
    bool m_sawTransferEncoding = false;
    bool m_closeToken = false;
    int m_fields = 0;
};
