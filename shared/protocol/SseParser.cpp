// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/SseParser.h"

#include <cstring>

namespace {
const char Bom[] = "\xEF\xBB\xBF";
constexpr qsizetype BomLength = 3;
} // namespace

void SseParser::reset()
{
    m_buffer.clear();
    m_pos = 0;
    m_scanned = 0;
    m_streamStart = true;
    m_skipLf = false;
    resetBlock();
}

void SseParser::resetBlock()
{
    m_blockHasLines = false;
    m_hasData = false;
    m_event.clear();
    m_data.clear();
    m_id.clear();
}

QList<SseEvent> SseParser::feed(const QByteArray &chunk)
{
    QList<SseEvent> events;
    m_buffer.append(chunk);

    if (m_streamStart) {
        const qsizetype n = qMin(m_buffer.size(), BomLength);
        if (std::memcmp(m_buffer.constData(), Bom, size_t(n)) == 0) {
            if (n < BomLength)
                return events; // could still become a BOM
            m_pos = BomLength; // skipped for parsing, kept in the raw bytes
        }
        m_streamStart = m_buffer.isEmpty();
    }

    qsizetype blockStart = 0; // start of the current block in m_buffer
    for (;;) {
        const qsizetype size = m_buffer.size();
        const char *data = m_buffer.constData();
        if (m_skipLf) {
            if (m_pos >= size)
                break;
            if (data[m_pos] == '\n')
                ++m_pos;
            m_skipLf = false;
        }
        // Bytes before m_scanned hold no line end: do not scan them again.
        qsizetype eol = qMax(m_pos, m_scanned);
        while (eol < size && data[eol] != '\n' && data[eol] != '\r')
            ++eol;
        if (eol >= size) {
            m_scanned = size;
            break;
        }
        const qsizetype lineStart = m_pos;
        const qsizetype lineLength = eol - lineStart;
        if (data[eol] == '\r') {
            if (eol + 1 < size) {
                m_pos = data[eol + 1] == '\n' ? eol + 2 : eol + 1;
            } else {
                m_pos = eol + 1;
                m_skipLf = true;
            }
        } else {
            m_pos = eol + 1;
        }

        if (lineLength > 0) {
            processLine(data + lineStart, lineLength);
            continue;
        }
        if (!m_blockHasLines)
            continue; // a stray blank line: it stays in the next block's raw bytes

        SseEvent e;
        e.event = m_event;
        e.data = m_data;
        if (e.data.endsWith('\n'))
            e.data.chop(1);
        e.id = m_id;
        e.hasData = m_hasData;
        e.raw = m_buffer.mid(blockStart, m_pos - blockStart);
        events.append(std::move(e));
        blockStart = m_pos;
        resetBlock();
    }
    // Drop the consumed blocks once per call, not once per event.
    if (blockStart > 0) {
        m_buffer.remove(0, blockStart);
        m_pos -= blockStart;
        m_scanned = qMax<qsizetype>(0, m_scanned - blockStart);
    }
    return events;
}

void SseParser::processLine(const char *line, qsizetype length)
{
    m_blockHasLines = true;
    if (line[0] == ':')
        return; // comment
    const char *colon = static_cast<const char *>(std::memchr(line, ':', size_t(length)));
    QByteArray field;
    QByteArray value;
    if (colon) {
        field = QByteArray(line, colon - line);
        const char *v = colon + 1;
        const char *end = line + length;
        if (v < end && *v == ' ')
            ++v;
        value = QByteArray(v, end - v);
    } else {
        field = QByteArray(line, length);
    }
    if (field == "data") {
        m_hasData = true;
        m_data.append(value);
        m_data.append('\n');
    } else if (field == "event") {
        m_event = value;
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_id = value;
    }
    // "retry" and unknown fields are ignored.
}
