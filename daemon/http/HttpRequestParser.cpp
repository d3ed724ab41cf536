// SPDX-License-Identifier: GPL-3.0-or-later
#include "http/HttpRequestParser.h"

#include "base/HttpSyntax.h"

#include <cstring>

using HttpSyntax::equalsIgnoreCase;
using HttpSyntax::forEachListItem;
using HttpSyntax::isToken;
using HttpSyntax::trimOws;

namespace {

constexpr int kMaxChunkLineBytes = 1024;

// Field content: visible ASCII, obs-text, space and horizontal tab; never another control
// character (CR, LF, NUL, DEL, ...).
bool isFieldValue(QByteArrayView s)
{
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

QByteArray toLowerAscii(QByteArrayView s)
{
    QByteArray out = s.toByteArray();
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = char(c + 32);
    }
    return out;
}

int digitValue(char c, int base)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (base == 16) {
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
    }
    return -1;
}

// Parses 1*DIGIT (or 1*HEXDIG): no sign, no whitespace. Values above `max` set *tooLarge
// instead of overflowing; the digits are still all checked.
bool parseNumber(QByteArrayView s, int base, qint64 max, qint64 *value, bool *tooLarge)
{
    *tooLarge = false;
    *value = 0;
    if (s.isEmpty())
        return false;
    qint64 n = 0;
    for (char c : s) {
        const int d = digitValue(c, base);
        if (d < 0)
            return false;
        if (*tooLarge)
            continue;
        if (d > max || n > (max - d) / base)
            *tooLarge = true;
        else
            n = n * base + d;
    }
    *value = n;
    return true;
}

} // namespace

HttpRequestParser::HttpRequestParser(const HttpParserLimits &limits) : m_limits(limits) {}

HttpRequestParser::Result HttpRequestParser::fail(int status, const char *type,
                                                  const QString &message)
{
    m_failure.status = status;
    m_failure.type = QString::fromLatin1(type);
    m_failure.message = message;
    m_state = State::Failed;
    return Result::Error;
}

void HttpRequestParser::reset()
{
    m_state = State::Head;
    m_head.clear();
    m_request = HttpRequest();
    m_failure = Failure();
    m_contentLength = -1;
    m_remaining = 0;
    m_trailerBytes = 0;
    m_chunked = false;
    m_expectContinue = false;
    m_close = false;
    m_sawTransferEncoding = false;
    m_closeToken = false;
    m_fields = 0;
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest out = std::move(m_request);
    reset();
    return out;
}

bool HttpRequestParser::reserve(qint64 bytes)
{
    if (!m_reserve || m_reserve(bytes))
        return true;
    fail(503, "overloaded",
         QStringLiteral("The server is receiving too many request bodies at once; retry "
                        "shortly."));
    return false;
}

HttpRequestParser::Result HttpRequestParser::continueBody()
{
    if (m_state != State::HeadDone)
        return m_state == State::Failed ? Result::Error : Result::NeedMore;
    if (m_chunked) {
        m_state = State::ChunkSize;
        return Result::NeedMore;
    }
    if (m_contentLength <= 0) {
        m_state = State::Done;
        return Result::Complete;
    }
    if (!reserve(m_contentLength))
        return Result::Error;
    m_request.body.reserve(m_contentLength);
    m_remaining = m_contentLength;
    m_state = State::Body;
    return Result::NeedMore;
}

HttpRequestParser::Result HttpRequestParser::feed(QByteArrayView data, qsizetype *consumed)
{
    qsizetype pos = 0;
    for (;;) {
        const QByteArrayView rest = data.sliced(pos);
        switch (m_state) {
        case State::Head: {
            qsizetype used = 0;
            const Result r = feedHead(rest, &used);
            *consumed = pos + used;
            return r;
        }
        case State::HeadDone:
            *consumed = pos;
            return Result::HeadReady;
        case State::Done:
            *consumed = pos;
            return Result::Complete;
        case State::Failed:
            *consumed = pos;
            return Result::Error;
        case State::Body:
        case State::ChunkData: {
            const qsizetype take = qsizetype(qMin<qint64>(m_remaining, rest.size()));
            m_request.body.append(rest.data(), take);
            m_remaining -= take;
            pos += take;
            if (m_remaining > 0) {
                *consumed = pos;
                return Result::NeedMore;
            }
            m_state = m_state == State::Body ? State::Done : State::ChunkDataEnd;
            continue;
        }
        case State::ChunkSize:
        case State::ChunkDataEnd:
        case State::Trailer: {
            if (rest.isEmpty()) {
                *consumed = pos;
                return Result::NeedMore;
            }
            const int max = m_state == State::ChunkSize ? kMaxChunkLineBytes
                            : m_state == State::ChunkDataEnd
                                ? 2
                                : int(qMax<qint64>(2, m_limits.maxHeaderBytes - m_trailerBytes));
            qsizetype used = 0;
            bool complete = false;
            const Result r = feedLine(rest, &used, max, &complete);
            pos += used;
            if (r == Result::Error || !complete) {
                *consumed = pos;
                return r;
            }
            const QByteArrayView line = QByteArrayView(m_head).chopped(2);
            if (m_state == State::ChunkSize) {
                if (!parseChunkSize(line)) {
                    *consumed = pos;
                    return Result::Error;
                }
            } else if (m_state == State::ChunkDataEnd) {
                if (!line.isEmpty()) {
                    *consumed = pos;
                    return fail(400, "invalid_request",
                                QStringLiteral("Malformed chunked request body: a chunk is "
                                               "longer than its size."));
                }
                m_state = State::ChunkSize;
            } else {
                // Trailer fields are read and ignored up to the empty line.
                m_trailerBytes += m_head.size();
                if (line.isEmpty())
                    m_state = State::Done;
            }
            m_head.clear();
            continue;
        }
        }
    }
}

HttpRequestParser::Result HttpRequestParser::feedLine(QByteArrayView data, qsizetype *consumed,
                                                      int maxBytes, bool *complete)
{
    *complete = false;
    const auto *nl = static_cast<const char *>(std::memchr(data.data(), '\n', data.size()));
    const qsizetype take = nl ? (nl - data.data()) + 1 : data.size();
    if (m_head.size() + take > maxBytes) {
        *consumed = take;
        if (m_state == State::Trailer)
            return fail(431, "request_header_too_large",
                        QStringLiteral("The request trailer is larger than %1 bytes.")
                            .arg(m_limits.maxHeaderBytes));
        return fail(400, "invalid_request",
                    QStringLiteral("Malformed chunked request body: a chunk-size line is too "
                                   "long or a chunk is longer than its size."));
    }
    m_head.append(data.data(), take);
    *consumed = take;
    if (!nl)
        return Result::NeedMore;
    if (m_head.size() < 2 || m_head.at(m_head.size() - 2) != '\r')
        return fail(400, "invalid_request",
                    QStringLiteral("Malformed chunked request body: lines must end with CRLF."));
    *complete = true;
    return Result::NeedMore;
}

bool HttpRequestParser::parseChunkSize(QByteArrayView line)
{
    const qsizetype semi = line.indexOf(';');
    const QByteArrayView digits = semi < 0 ? line : line.first(semi);
    if (semi >= 0 && !isFieldValue(line.sliced(semi + 1))) {
        fail(400, "invalid_request",
             QStringLiteral("Malformed chunked request body: a chunk extension contains a "
                            "control character."));
        return false;
    }
    const qint64 room = m_limits.maxBodyBytes - m_request.body.size();
    qint64 size = 0;
    bool tooLarge = false;
    if (!parseNumber(digits, 16, qMax<qint64>(0, room), &size, &tooLarge)) {
        fail(400, "invalid_request",
             QStringLiteral("Malformed chunked request body: a chunk size must be hexadecimal "
                            "digits only."));
        return false;
    }
    if (tooLarge) {
        fail(413, "request_too_large",
             QStringLiteral("The request body exceeds the limit of %1 bytes.")
                 .arg(m_limits.maxBodyBytes));
        return false;
    }
    if (size == 0) {
        m_state = State::Trailer;
        return true;
    }
    if (!reserve(size))
        return false;
    m_remaining = size;
    m_state = State::ChunkData;
    return true;
}

bool HttpRequestParser::headInOnePiece(QByteArrayView data, qsizetype *length) const
{
    // Only where the line-by-line path below would reach the same end without an error of its
    // own: no partial head before, no empty line first, within the size limit, and CRLF only.
    if (!m_head.isEmpty() || m_trailerBytes != 0 || data.isEmpty() || data.front() == '\r' ||
        data.front() == '\n')
        return false;
    const qsizetype window = qMin<qsizetype>(data.size(), m_limits.maxHeaderBytes);
    const char *begin = data.data();
    const char *lineStart = begin;
    for (const char *p = begin;
         (p = static_cast<const char *>(std::memchr(p, '\n', size_t(begin + window - p)))); ++p) {
        if (p == begin || p[-1] != '\r')
            return false;
        if (p - lineStart == 1) { // a line of just CRLF: the end of the head
            *length = qsizetype(p + 1 - begin);
            return true;
        }
        lineStart = p + 1;
    }
    return false;
}

HttpRequestParser::Result HttpRequestParser::feedHead(QByteArrayView data, qsizetype *consumed)
{
    qsizetype whole = 0;
    if (headInOnePiece(data, &whole)) {
        *consumed = whole;
        if (!parseHead(data.first(whole)))
            return Result::Error;
        m_state = State::HeadDone;
        return Result::HeadReady;
    }
    qsizetype pos = 0;
    while (pos < data.size()) {
        const char *start = data.data() + pos;
        const qsizetype left = data.size() - pos;
        const auto *nl = static_cast<const char *>(std::memchr(start, '\n', left));
        const qsizetype take = nl ? (nl - start) + 1 : left;
        if (m_head.size() + take > m_limits.maxHeaderBytes) {
            *consumed = pos + take;
            return fail(431, "request_header_too_large",
                        QStringLiteral("The request headers are larger than %1 bytes.")
                            .arg(m_limits.maxHeaderBytes));
        }
        m_head.append(start, take);
        pos += take;
        if (!nl)
            break;
        if (m_head.size() < 2 || m_head.at(m_head.size() - 2) != '\r') {
            *consumed = pos;
            return fail(400, "invalid_request",
                        QStringLiteral("Malformed request: lines must end with CRLF."));
        }
        if (m_head.size() == 2) {
            // An empty line before the request line is tolerated (RFC 9112 2.2); it counts
            // towards the header limit so a stream of them cannot go on forever.
            m_head.clear();
            m_trailerBytes += 2;
            if (m_trailerBytes > m_limits.maxHeaderBytes) {
                *consumed = pos;
                return fail(431, "request_header_too_large",
                            QStringLiteral("The request headers are larger than %1 bytes.")
                                .arg(m_limits.maxHeaderBytes));
            }
            continue;
        }
        if (m_head.endsWith("\r\n\r\n")) {
            *consumed = pos;
            m_trailerBytes = 0;
            if (!parseHead(m_head))
                return Result::Error;
            m_head.clear();
            m_state = State::HeadDone;
            return Result::HeadReady;
        }
    }
    *consumed = pos;
    return Result::NeedMore;
}

bool HttpRequestParser::parseHead(QByteArrayView whole)
{
    const QByteArrayView head = whole.chopped(4);
    // feedHead() checked that every LF ends a CRLF, so a line ends one byte before its LF.
    auto lineEnd = [&head](qsizetype from) {
        const auto *lf = static_cast<const char *>(
            std::memchr(head.data() + from, '\n', size_t(head.size() - from)));
        return lf ? qsizetype(lf - head.data()) - 1 : head.size();
    };
    qsizetype end = lineEnd(0);
    if (!parseRequestLine(head.first(end)))
        return false;
    qsizetype pos = end + 2;
    m_request.headers.reserve(16);
    while (pos < head.size()) {
        end = lineEnd(pos);
        if (!parseField(head.sliced(pos, end - pos)))
            return false;
        pos = end + 2;
    }
    return finishHead();
}

bool HttpRequestParser::parseRequestLine(QByteArrayView line)
{
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 <= sp1 + 1 || line.indexOf(' ', sp2 + 1) >= 0) {
        fail(400, "invalid_request",
             QStringLiteral("Malformed HTTP request line; expected 'METHOD /path HTTP/1.1'."));
        return false;
    }
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    if (!isToken(method)) {
        fail(400, "invalid_request", QStringLiteral("Malformed HTTP method."));
        return false;
    }
    if (version == "HTTP/1.1") {
        m_request.http10 = false;
    } else if (version == "HTTP/1.0") {
        m_request.http10 = true;
    } else if (version.size() == 8 && version.startsWith("HTTP/") && version[5] >= '0' &&
               version[5] <= '9' && version[6] == '.' && version[7] >= '0' && version[7] <= '9') {
        fail(505, "http_version_not_supported",
             QStringLiteral("Only HTTP/1.0 and HTTP/1.1 are supported."));
        return false;
    } else {
        fail(400, "invalid_request",
             QStringLiteral("Malformed HTTP version; expected HTTP/1.1 or HTTP/1.0."));
        return false;
    }
    for (char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f) {
            fail(400, "invalid_request",
                 QStringLiteral("The request target contains a character that must be "
                                "percent-encoded."));
            return false;
        }
    }
    if (!target.startsWith('/')) {
        // Absolute-form targets are for proxies; this is an origin server.
        fail(400, "invalid_request",
             QStringLiteral("The request target must be a path starting with '/'."));
        return false;
    }
    m_request.method = method.toByteArray();
    m_request.target = target.toByteArray();
    const qsizetype q = target.indexOf('?');
    if (q >= 0) {
        m_request.path = target.first(q).toByteArray();
        m_request.query = target.sliced(q + 1).toByteArray();
    } else {
        m_request.path = m_request.target;
    }
    m_close = m_request.http10;
    return true;
}

bool HttpRequestParser::parseField(QByteArrayView line)
{
    if (++m_fields > m_limits.maxHeaderFields) {
        fail(431, "request_header_too_large",
             QStringLiteral("The request has more than %1 header fields.")
                 .arg(m_limits.maxHeaderFields));
        return false;
    }
    if (!line.isEmpty() && (line.front() == ' ' || line.front() == '\t')) {
        fail(400, "invalid_request", QStringLiteral("Folded header lines are not accepted."));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) {
        fail(400, "invalid_request",
             QStringLiteral("Malformed header line; expected 'Name: value'."));
        return false;
    }
    const QByteArrayView rawName = line.first(colon);
    if (!isToken(rawName)) {
        fail(400, "invalid_request",
             QStringLiteral("Malformed header name: only token characters are allowed, and no "
                            "space before the colon."));
        return false;
    }
    QByteArray name = toLowerAscii(rawName);
    const QByteArrayView value = trimOws(line.sliced(colon + 1));
    if (!isFieldValue(value)) {
        fail(400, "invalid_request",
             QStringLiteral("The header \"%1\" contains a control character (CR, LF, NUL, ...); "
                            "remove it.")
                 .arg(QString::fromLatin1(name)));
        return false;
    }
    if (QByteArrayView(name) == QByteArrayView("content-length")) {
        qint64 n = 0;
        bool tooLarge = false;
        if (!parseNumber(value, 10, m_limits.maxBodyBytes, &n, &tooLarge)) {
            fail(400, "invalid_request",
                 QStringLiteral("Invalid Content-Length header: it must be digits only."));
            return false;
        }
        if (tooLarge) {
            fail(413, "request_too_large",
                 QStringLiteral("The request body is larger than the limit of %1 bytes.")
                     .arg(m_limits.maxBodyBytes));
            return false;
        }
        if (m_contentLength >= 0 && m_contentLength != n) {
            fail(400, "invalid_request",
                 QStringLiteral("Conflicting Content-Length headers; send exactly one."));
            return false;
        }
        m_contentLength = n;
    } else if (QByteArrayView(name) == QByteArrayView("transfer-encoding")) {
        bool ok = true;
        bool unknown = false;
        forEachListItem(value, [&](QByteArrayView coding) {
            if (!equalsIgnoreCase(coding, "chunked"))
                unknown = true;
            else if (m_chunked)
                ok = false; // chunked twice
            else
                m_chunked = true;
        });
        m_sawTransferEncoding = true;
        if (unknown) {
            fail(501, "not_implemented",
                 QStringLiteral("Only the chunked transfer coding is supported."));
            return false;
        }
        if (!ok || !m_chunked) {
            fail(400, "invalid_request", QStringLiteral("Malformed Transfer-Encoding header."));
            return false;
        }
    } else if (QByteArrayView(name) == QByteArrayView("expect")) {
        if (!equalsIgnoreCase(value, "100-continue")) {
            fail(417, "expectation_failed",
                 QStringLiteral("Only 'Expect: 100-continue' is supported."));
            return false;
        }
        m_expectContinue = true;
    } else if (QByteArrayView(name) == QByteArrayView("connection")) {
        forEachListItem(value, [&](QByteArrayView option) {
            if (equalsIgnoreCase(option, "close")) {
                m_close = true;
                m_closeToken = true;
            } else if (equalsIgnoreCase(option, "keep-alive") && !m_closeToken) {
                m_close = false;
            }
        });
    }
    m_request.headers.append({std::move(name), value.toByteArray()});
    return true;
}

bool HttpRequestParser::finishHead()
{
    if (m_sawTransferEncoding) {
        if (m_request.http10) {
            fail(400, "invalid_request",
                 QStringLiteral("HTTP/1.0 requests cannot use Transfer-Encoding."));
            return false;
        }
        if (m_contentLength >= 0) {
            // Two framings: a request smuggling risk, refused outright.
            fail(400, "invalid_request",
                 QStringLiteral("A request must not have both Content-Length and "
                                "Transfer-Encoding."));
            return false;
        }
    }
    if (!hasBody())
        m_expectContinue = false;
    return true;
}
