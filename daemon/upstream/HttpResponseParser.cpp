// SPDX-License-Identifier: GPL-3.0-or-later
#include "upstream/HttpResponseParser.h"

#include "base/HttpSyntax.h"

#include <cstring>
#include <utility>

using HttpSyntax::equalsIgnoreCase;
using HttpSyntax::forEachListItem;
using HttpSyntax::isOws;
using HttpSyntax::isToken;
using HttpSyntax::lowerAscii;
using HttpSyntax::trimOws;

namespace {

// Byte classes of RFC 9110, looked up once per byte of a head.
struct ByteClasses
{
    bool fieldValue[256] = {}; // field-content bytes: SP, HTAB, VCHAR and obs-text
    bool hex[256] = {};

    constexpr ByteClasses()
    {
        for (int c = 0; c < 256; ++c) {
            fieldValue[c] = c == '\t' || (c >= 0x20 && c != 0x7f);
            hex[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }
    }
};
constexpr ByteClasses kBytes;

bool isFieldValue(QByteArrayView s)
{
    for (char c : s) {
        if (!kBytes.fieldValue[static_cast<unsigned char>(c)])
            return false;
    }
    return true;
}

QByteArrayView chopCr(QByteArrayView line)
{
    if (!line.isEmpty() && line.back() == '\r')
        line.chop(1);
    return line;
}

// The field lines of a head or trailer section, each ending in LF. Appended to *out when it is
// set (trailers are only checked). Returns an empty string, or what was wrong.
QString parseFieldLines(QByteArrayView lines, int maxFields, HttpHeaderList *out)
{
    int count = 0;
    qsizetype pos = 0;
    while (pos < lines.size()) {
        const char *start = lines.data() + pos;
        const auto *nl = static_cast<const char *>(std::memchr(start, '\n', lines.size() - pos));
        const qsizetype length = nl ? nl - start : lines.size() - pos;
        pos += length + 1;
        const QByteArrayView line = chopCr(QByteArrayView(start, length));
        if (!line.isEmpty() && isOws(line.front())) {
            // obs-fold: the line continues the previous field's value.
            if (count == 0)
                return QStringLiteral("a folded header line comes before any field");
            const QByteArrayView more = trimOws(line);
            if (!isFieldValue(more))
                return QStringLiteral("a header field value contains a control character");
            if (out && !more.isEmpty()) {
                QByteArray &value = out->last().second;
                if (!value.isEmpty())
                    value.append(' ');
                value.append(more);
            }
            continue;
        }
        if (++count > maxFields)
            return QStringLiteral("more than %1 header fields").arg(maxFields);
        const auto *colon = static_cast<const char *>(std::memchr(line.data(), ':', line.size()));
        if (!colon)
            return QStringLiteral("a header line has no colon");
        const QByteArrayView name = line.first(colon - line.data());
        if (!name.isEmpty() && isOws(name.back()))
            return QStringLiteral("whitespace between a header field name and its colon");
        if (!isToken(name))
            return QStringLiteral("invalid header field name");
        const QByteArrayView value = trimOws(line.sliced(name.size() + 1));
        if (!isFieldValue(value))
            return QStringLiteral("a header field value contains a control character");
        if (out) {
            QByteArray lower(name.size(), Qt::Uninitialized);
            char *p = lower.data();
            for (char c : name)
                *p++ = lowerAscii(c);
            out->append({std::move(lower), value.toByteArray()});
        }
    }
    return {};
}

// A Content-Length field value: 1*DIGIT, or a list of equal ones. Returns the length; -1 when
// malformed, -2 when larger than `max`, -3 when the list disagrees with itself or with `known`.
qint64 parseContentLength(QByteArrayView value, qint64 max, qint64 known)
{
    for (;;) {
        const qsizetype comma = value.indexOf(',');
        const QByteArrayView item = trimOws(comma < 0 ? value : value.first(comma));
        if (item.isEmpty())
            return -1;
        qint64 n = 0;
        bool tooLarge = false;
        for (char c : item) {
            if (c < '0' || c > '9')
                return -1;
            const int d = c - '0';
            if (tooLarge || n > (max - d) / 10)
                tooLarge = true; // every digit is still checked
            else
                n = n * 10 + d;
        }
        if (tooLarge)
            return -2;
        if (known >= 0 && n != known)
            return -3;
        known = n;
        if (comma < 0)
            return known;
        value = value.sliced(comma + 1);
    }
}

} // namespace

HttpResponseParser::HttpResponseParser(Limits limits) : m_limits(limits) {}

void HttpResponseParser::reset(bool noBody)
{
    m_state = State::Head;
    m_noBody = noBody;
    m_headersComplete = false;
    m_keepAlive = false;
    m_http10 = false;
    m_status = 0;
    m_interim = 0;
    m_headers.clear();
    m_error.clear();
    m_pending.clear();
    m_lineStart = 0;
    m_framing = Framing::None;
    m_chunkStep = ChunkStep::SizeLine;
    m_remaining = 0;
}

void HttpResponseParser::fail(const QString &message)
{
    // m_pending is left alone: the caller may still hold a view over it.
    m_state = State::Error;
    m_error = message;
    m_keepAlive = false;
}

qsizetype HttpResponseParser::feed(QByteArrayView data, QByteArray *body)
{
    qsizetype pos = 0;
    // Every step consumes at least one byte or leaves Head/Body, so this ends.
    while (pos < data.size()) {
        if (m_state == State::Head)
            pos += feedHead(data.sliced(pos));
        else if (m_state == State::Body)
            pos += feedBody(data.sliced(pos), body);
        else
            break;
    }
    return pos;
}

void HttpResponseParser::finishOnClose()
{
    switch (m_state) {
    case State::Done:
    case State::Error:
        return;
    case State::Body:
        if (m_framing == Framing::UntilClose) {
            m_state = State::Done;
            m_keepAlive = false;
            return;
        }
        break;
    case State::Head:
        if (m_pending.isEmpty() && m_interim == 0) {
            fail(QStringLiteral("the connection closed without a response"));
            return;
        }
        break;
    }
    fail(QStringLiteral("the connection closed before the response was complete"));
}

qsizetype HttpResponseParser::readSection(QByteArrayView data, QByteArrayView *section,
                                          bool *complete)
{
    *complete = false;
    // Only the bytes that still fit in the bound are searched for the empty line.
    const qsizetype room = qMax<qsizetype>(0, m_limits.maxHeadBytes - m_pending.size());
    const qsizetype window = qMin(room, data.size());
    const char *base = data.data();
    // Start of the current line, relative to `data`: negative while it began in m_pending.
    qsizetype lineStart = m_pending.isEmpty() ? 0 : m_lineStart - m_pending.size();
    qsizetype pos = 0;
    while (pos < window) {
        const auto *nl = static_cast<const char *>(std::memchr(base + pos, '\n', window - pos));
        if (!nl)
            break;
        const qsizetype end = nl - base;
        const qsizetype length = end - lineStart;
        const bool empty =
            length == 0 ||
            (length == 1 && (lineStart >= 0 ? base[lineStart]
                                            : m_pending.at(m_pending.size() + lineStart)) == '\r');
        if (empty) {
            const qsizetype used = end + 1;
            const qsizetype blank = used - lineStart;
            if (m_pending.isEmpty()) {
                *section = data.first(lineStart);
            } else {
                m_pending.append(base, used);
                *section = QByteArrayView(m_pending).chopped(blank);
            }
            *complete = true;
            return used;
        }
        lineStart = end + 1;
        pos = end + 1;
    }
    if (data.size() > room) {
        fail(m_headersComplete
                 ? QStringLiteral("response trailers larger than %1 bytes")
                       .arg(m_limits.maxHeadBytes)
                 : QStringLiteral("response head larger than %1 bytes").arg(m_limits.maxHeadBytes));
        return window;
    }
    m_lineStart = m_pending.size() + lineStart;
    m_pending.append(base, data.size());
    return data.size();
}

qsizetype HttpResponseParser::readLine(QByteArrayView data, qsizetype maxBytes,
                                       QByteArrayView *line, bool *complete)
{
    *complete = false;
    const qsizetype room = qMax<qsizetype>(0, maxBytes - m_pending.size());
    const qsizetype window = qMin(room, data.size());
    const auto *nl = static_cast<const char *>(std::memchr(data.data(), '\n', window));
    if (!nl) {
        if (data.size() > room) {
            fail(QStringLiteral("chunk-size line longer than %1 bytes").arg(maxBytes));
            return window;
        }
        m_pending.append(data.data(), data.size());
        return data.size();
    }
    const qsizetype used = nl - data.data() + 1;
    if (m_pending.isEmpty()) {
        *line = data.first(used - 1);
    } else {
        m_pending.append(data.data(), used);
        *line = QByteArrayView(m_pending).chopped(1);
    }
    *complete = true;
    return used;
}

qsizetype HttpResponseParser::feedHead(QByteArrayView data)
{
    QByteArrayView head;
    bool complete = false;
    const qsizetype used = readSection(data, &head, &complete);
    if (!complete)
        return used;
    const bool ok = parseHead(head);
    m_pending.clear();
    m_lineStart = 0;
    if (!ok)
        return used;
    if (m_status < 200) {
        // An interim response (100 Continue, 103 Early Hints, ...): the final one follows.
        if (++m_interim > MaxInterimResponses)
            fail(QStringLiteral("more than %1 interim responses").arg(MaxInterimResponses));
        m_headers.clear();
        return used;
    }
    m_headersComplete = true;
    decideFraming();
    return used;
}

bool HttpResponseParser::parseHead(QByteArrayView head)
{
    m_headers.clear();
    const auto *nl = static_cast<const char *>(std::memchr(head.data(), '\n', head.size()));
    const qsizetype lineLength = nl ? nl - head.data() : head.size();
    const QByteArrayView line = chopCr(head.first(lineLength));
    // "HTTP/1.x SP 3DIGIT" then nothing or "SP reason".
    const auto digit = [&](qsizetype i) { return line[i] >= '0' && line[i] <= '9'; };
    if (!line.startsWith("HTTP/")) {
        fail(QStringLiteral("invalid status line"));
        return false;
    }
    if (line.size() < 9 || !line.startsWith("HTTP/1.") || !digit(7) || line[8] != ' ') {
        fail(QStringLiteral("unsupported or invalid HTTP version (only HTTP/1.x is spoken here)"));
        return false;
    }
    if (line.size() < 12 || !digit(9) || !digit(10) || !digit(11) ||
        (line.size() > 12 && (line[12] != ' ' || !isFieldValue(line.sliced(13))))) {
        fail(QStringLiteral("invalid status line"));
        return false;
    }
    m_http10 = line[7] == '0';
    m_status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    if (m_status < 100 || m_status > 599) {
        fail(QStringLiteral("status code outside 100 to 599"));
        return false;
    }
    if (m_status == 101) {
        fail(QStringLiteral("unexpected 101 Switching Protocols (no upgrade was asked for)"));
        return false;
    }
    if (m_headers.capacity() < 16)
        m_headers.reserve(16);
    const QString error = parseFieldLines(head.sliced(nl ? lineLength + 1 : lineLength),
                                          m_limits.maxHeaderCount, &m_headers);
    if (!error.isEmpty()) {
        fail(error);
        return false;
    }
    return true;
}

bool HttpResponseParser::decideFraming()
{
    bool closeToken = false;
    bool keepAliveToken = false;
    bool transferEncoding = false;
    bool chunkedLast = false;
    bool chunkedEarlier = false;
    bool sawLength = false;
    qint64 length = -1; // or parseContentLength's error
    for (const auto &field : std::as_const(m_headers)) {
        const QByteArray &name = field.first;
        if (name == "connection") {
            forEachListItem(field.second, [&](QByteArrayView option) {
                if (equalsIgnoreCase(option, "close"))
                    closeToken = true;
                else if (equalsIgnoreCase(option, "keep-alive"))
                    keepAliveToken = true;
            });
        } else if (name == "transfer-encoding") {
            transferEncoding = true;
            forEachListItem(field.second, [&](QByteArrayView coding) {
                chunkedEarlier = chunkedEarlier || chunkedLast;
                chunkedLast = equalsIgnoreCase(coding, "chunked");
            });
        } else if (name == "content-length") {
            if (!sawLength || length >= 0)
                length = parseContentLength(field.second, MaxBodyLength, length);
            sawLength = true;
        }
    }
    m_keepAlive = m_http10 ? keepAliveToken && !closeToken : !closeToken;
    // Transfer-Encoding together with Content-Length, or in HTTP/1.0, hints at smuggling
    // (RFC 9112 section 6.1): the connection is not used again.
    if (transferEncoding && (sawLength || m_http10))
        m_keepAlive = false;

    // RFC 9112 section 6.3, in its order.
    if (m_noBody || m_status == 204 || m_status == 304) {
        m_framing = Framing::None;
        m_state = State::Done;
        return true;
    }
    if (transferEncoding) {
        if (chunkedEarlier) {
            fail(QStringLiteral("chunked is not the last transfer coding"));
            return false;
        }
        // Transfer-Encoding overrides Content-Length.
        m_state = State::Body;
        if (chunkedLast) {
            m_framing = Framing::Chunked;
            m_chunkStep = ChunkStep::SizeLine;
        } else {
            m_framing = Framing::UntilClose;
            m_keepAlive = false;
        }
        return true;
    }
    if (sawLength) {
        if (length == -1) {
            fail(QStringLiteral("invalid Content-Length"));
            return false;
        }
        if (length == -2) {
            fail(QStringLiteral("Content-Length larger than %1 bytes").arg(MaxBodyLength));
            return false;
        }
        if (length == -3) {
            fail(QStringLiteral("conflicting Content-Length values"));
            return false;
        }
        m_framing = Framing::Length;
        m_remaining = length;
        m_state = length == 0 ? State::Done : State::Body;
        return true;
    }
    m_framing = Framing::UntilClose;
    m_keepAlive = false;
    m_state = State::Body;
    return true;
}

// Body bytes counted by m_remaining (a Content-Length or a chunk): takes what is there of them.
qsizetype HttpResponseParser::takeCounted(QByteArrayView data, QByteArray *body)
{
    const qsizetype take = qsizetype(qMin<qint64>(m_remaining, data.size()));
    if (body)
        body->append(data.data(), take);
    m_remaining -= take;
    return take;
}

qsizetype HttpResponseParser::feedBody(QByteArrayView data, QByteArray *body)
{
    switch (m_framing) {
    case Framing::Length: {
        const qsizetype take = takeCounted(data, body);
        if (m_remaining == 0)
            m_state = State::Done;
        return take;
    }
    case Framing::UntilClose:
        if (body)
            body->append(data.data(), data.size());
        return data.size();
    case Framing::Chunked:
        return feedChunked(data, body);
    case Framing::None:
        break;
    }
    m_state = State::Done; // not reached: no body is Done right after the head
    return 0;
}

qsizetype HttpResponseParser::feedChunked(QByteArrayView data, QByteArray *body)
{
    switch (m_chunkStep) {
    case ChunkStep::SizeLine: {
        QByteArrayView line;
        bool complete = false;
        const qsizetype used = readLine(data, MaxChunkLineBytes, &line, &complete);
        if (complete) {
            parseChunkSize(line);
            m_pending.clear();
        }
        return used;
    }
    case ChunkStep::Data: {
        const qsizetype take = takeCounted(data, body);
        if (m_remaining == 0)
            m_chunkStep = ChunkStep::DataEnd;
        return take;
    }
    case ChunkStep::DataEnd: {
        // Exactly CRLF or LF; a CR may have arrived alone at the end of the last piece.
        const bool sawCr = !m_pending.isEmpty();
        const char c = data.front();
        if (c == '\n') {
            m_pending.clear();
            m_chunkStep = ChunkStep::SizeLine;
            return 1;
        }
        if (c == '\r' && !sawCr) {
            if (data.size() == 1) {
                m_pending.append('\r');
                return 1;
            }
            if (data[1] == '\n') {
                m_chunkStep = ChunkStep::SizeLine;
                return 2;
            }
        }
        fail(QStringLiteral("chunk data not followed by CRLF"));
        return 0;
    }
    case ChunkStep::Trailers: {
        QByteArrayView trailers;
        bool complete = false;
        const qsizetype used = readSection(data, &trailers, &complete);
        if (!complete)
            return used;
        // Trailer fields are checked like header fields, then dropped.
        const QString error = parseFieldLines(trailers, m_limits.maxHeaderCount, nullptr);
        m_pending.clear();
        m_lineStart = 0;
        if (!error.isEmpty()) {
            fail(QStringLiteral("invalid trailer section: %1").arg(error));
            return used;
        }
        m_state = State::Done;
        return used;
    }
    }
    return 0;
}

bool HttpResponseParser::parseChunkSize(QByteArrayView line)
{
    line = chopCr(line);
    qint64 size = 0;
    qsizetype i = 0;
    for (; i < line.size() && kBytes.hex[static_cast<unsigned char>(line[i])]; ++i) {
        const char c = line[i];
        const int d = c <= '9' ? c - '0' : lowerAscii(c) - 'a' + 10;
        if (size > (MaxBodyLength - d) / 16) {
            fail(QStringLiteral("chunk size larger than %1 bytes").arg(MaxBodyLength));
            return false;
        }
        size = size * 16 + d;
    }
    if (i == 0) {
        fail(QStringLiteral("invalid chunk size"));
        return false;
    }
    // Chunk extensions: BWS ";" ..., ignored, but they may not hide control characters.
    QByteArrayView rest = line.sliced(i);
    if (!rest.isEmpty()) {
        while (!rest.isEmpty() && isOws(rest.front()))
            rest = rest.sliced(1);
        if (rest.isEmpty() || rest.front() != ';' || !isFieldValue(rest)) {
            fail(QStringLiteral("invalid chunk size or chunk extension"));
            return false;
        }
    }
    if (size == 0) {
        m_chunkStep = ChunkStep::Trailers;
        m_lineStart = 0;
        return true;
    }
    m_remaining = size;
    m_chunkStep = ChunkStep::Data;
    return true;
}
