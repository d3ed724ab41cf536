// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/HeaderList.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// The bounds of HttpResponseParser (HttpResponseParser::Limits).
struct HttpResponseLimits
{
    qsizetype maxHeadBytes = 64 * 1024;
    int maxHeaderCount = 256;
};

// One HTTP/1.1 response read from a byte stream (RFC 9112), as a pure function over bytes: no
// sockets, no clock. The upstream client feeds it what it reads from a connection.
//
// - Status line "HTTP/1.x SP 3DIGIT [SP reason]"; interim responses (1xx other than 101) are
//   skipped, at most MaxInterimResponses of them; 101 is an error (no upgrades here).
// - Header fields "name: value"; names are tokens, lower-cased in headers(); values are trimmed
//   of spaces and tabs and may not hold NUL, CR or LF; a folded line (obs-fold) is joined to the
//   value before it with one space. Lines end with CRLF or a bare LF.
// - The body is framed as RFC 9112 section 6.3 says: none for a HEAD request (reset(true)), 1xx,
//   204 and 304; Transfer-Encoding with chunked last: chunked (extensions ignored, trailers read
//   and dropped); Transfer-Encoding without chunked last: until the connection closes;
//   Content-Length (repeated values must agree): that many bytes; otherwise until the close.
// - Every buffer is bounded: the head (status line and fields, each interim response's too, and
//   the trailers) by Limits::maxHeadBytes, a chunk-size line by MaxChunkLineBytes, chunk sizes and
//   Content-Length by MaxBodyLength. Anything outside the grammar or the bounds is an Error; the
//   message says what was wrong and quotes none of the input.
class HttpResponseParser
{
public:
    enum class State
    {
        Head,  // reading the status line and header fields
        Body,  // headers are complete; reading the body
        Done,  // the response is complete
        Error, // not a valid response; see errorMessage()
    };
    using Limits = HttpResponseLimits;
    static constexpr int MaxInterimResponses = 16;
    static constexpr qsizetype MaxChunkLineBytes = 4096;
    static constexpr qint64 MaxBodyLength = qint64(1) << 60;

    explicit HttpResponseParser(Limits limits = {});

    // Starts a new response. noBody: it answers a HEAD request.
    void reset(bool noBody = false);

    // Reads from `data`; body bytes (transfer coding removed, content coding untouched) are
    // appended to *body. Returns how many bytes were consumed: all of them, unless the response
    // ended in them (Done; the rest belongs to no response) or they were invalid (Error).
    qsizetype feed(QByteArrayView data, QByteArray *body);
    // The peer closed the connection: a body delimited by the close is complete (Done); any
    // other unfinished response is an Error.
    void finishOnClose();

    State state() const { return m_state; }
    // The final response's status line and fields have been read (state() is Body or Done, or
    // Error found in the body).
    bool headersComplete() const { return m_headersComplete; }
    int status() const { return m_status; }
    const HttpHeaderList &headers() const { return m_headers; }
    // After Done: the connection may carry another request (HTTP/1.1 without "Connection:
    // close", or HTTP/1.0 with "Connection: keep-alive"; the body was not delimited by the close;
    // no Transfer-Encoding together with Content-Length).
    bool keepAlive() const { return m_keepAlive; }
    const QString &errorMessage() const { return m_error; }

private:
    enum class Framing
    {
        None,
        Length,
        Chunked,
        UntilClose
    };
    enum class ChunkStep
    {
        SizeLine,
        Data,
        DataEnd, // the CRLF after a chunk's data
        Trailers
    };

    qsizetype feedHead(QByteArrayView data);
    qsizetype takeCounted(QByteArrayView data, QByteArray *body);
    qsizetype feedBody(QByteArrayView data, QByteArray *body);
    qsizetype feedChunked(QByteArrayView data, QByteArray *body);
    // Reads up to an empty line (a head or the trailers), at most Limits::maxHeadBytes in all.
    // Once *complete, *section holds the lines before the empty one, over `data` or m_pending.
    qsizetype readSection(QByteArrayView data, QByteArrayView *section, bool *complete);
    // Reads one line of at most maxBytes; once *complete, *line holds it without its LF.
    qsizetype readLine(QByteArrayView data, qsizetype maxBytes, QByteArrayView *line,
                       bool *complete);
    bool parseHead(QByteArrayView head); // complete head, blank line excluded
    bool parseChunkSize(QByteArrayView line);
    bool decideFraming();
    void fail(const QString &message);

    Limits m_limits;
    State m_state = State::Head;
    bool m_noBody = false;
    bool m_headersComplete = false;
    bool m_keepAlive = false;
    bool m_http10 = false;
    int m_status = 0;
    int m_interim = 0;
    HttpHeaderList m_headers;
    QString m_error;
    QByteArray m_pending;      // an incomplete head, chunk-size line or trailer section
    qsizetype m_lineStart = 0; // where the unfinished line of m_pending starts
    Framing m_framing = Framing::None;
    ChunkStep m_chunkStep = ChunkStep::SizeLine;
    qint64 m_remaining = 0; // Length: body bytes left; Chunked: bytes left in this chunk
};
