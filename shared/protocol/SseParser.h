// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

// One event block of a text/event-stream.
struct SseEvent
{
    QByteArray event; // the "event:" field, empty when absent
    QByteArray data;  // all "data:" lines joined with "\n"
    QByteArray id;    // the "id:" field of this block, empty when absent
    // The exact bytes of the block, from the end of the previous block up to and including the
    // terminating blank line. Concatenating the raw bytes of every event and pending() gives back
    // the input byte for byte, so a relay can forward or drop events exactly.
    QByteArray raw;
    bool hasData = false; // at least one "data" field was present (possibly empty)

    // A block made only of comment lines (":" ...), e.g. a keep-alive.
    bool isComment() const { return !hasData && event.isEmpty() && id.isEmpty(); }
};

// Incremental parser for Server-Sent Events (WHATWG HTML "event stream" interpretation).
// Accepts LF, CRLF and CR line endings, an initial UTF-8 BOM, and chunks split at any byte.
//
// Unlike a browser, every non-empty block yields an event (comment-only blocks included, so
// keep-alives can be forwarded). A CR line ending is acted on at once; an LF that then follows
// it (the second half of a CRLF split across chunks) is skipped and ends up at the start of the
// next block's raw bytes.
class SseParser
{
public:
    QList<SseEvent> feed(const QByteArray &chunk);

    // The bytes received after the last complete block (an incomplete event).
    QByteArray pending() const { return m_buffer; }
    qsizetype pendingSize() const { return m_buffer.size(); }

    void reset();

private:
    void processLine(const char *line, qsizetype length);
    void resetBlock();

    QByteArray m_buffer;     // bytes of the current, incomplete block
    qsizetype m_pos = 0;     // next byte of m_buffer not yet split into lines
    qsizetype m_scanned = 0; // bytes of m_buffer known to hold no further line end
    bool m_streamStart = true;
    bool m_skipLf = false;

    bool m_blockHasLines = false;
    bool m_hasData = false;
    QByteArray m_event;
    QByteArray m_data;
    QByteArray m_id;
};
