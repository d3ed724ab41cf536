// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/CompactJsonWriter.h"

#include <charconv>
#include <cstdio>
#include <cstring>

CompactJsonWriter::CompactJsonWriter(QByteArray &out) : m_out(out), m_size(out.size())
{
    put('{');
}

CompactJsonWriter::~CompactJsonWriter()
{
    if (!m_closed)
        m_out.resize(m_size);
}

char *CompactJsonWriter::room(qsizetype bytes)
{
    if (m_size + bytes > m_out.size()) // what the caller reserved first, then doubling
        m_out.resize(qMax(qMax(m_out.capacity(), m_out.size() * 2), m_size + bytes + 256));
    return m_out.data() + m_size;
}

void CompactJsonWriter::put(const char *data, qsizetype bytes)
{
    std::memcpy(room(bytes), data, size_t(bytes));
    m_size += bytes;
}

void CompactJsonWriter::close()
{
    put('}');
    m_out.resize(m_size);
    m_closed = true;
}

void CompactJsonWriter::key(const char *name)
{
    const qsizetype length = qsizetype(std::strlen(name));
    char *at = room(length + 4);
    if (m_first)
        m_first = false;
    else
        *at++ = ',';
    *at++ = '"';
    std::memcpy(at, name, size_t(length));
    at += length;
    *at++ = '"';
    *at++ = ':';
    m_size = at - m_out.constData();
}

void CompactJsonWriter::add(const char *name, qint64 v)
{
    key(name);
    char *at = room(24);
    m_size += std::to_chars(at, at + 24, v).ptr - at;
}

void CompactJsonWriter::add(const char *name, bool v)
{
    key(name);
    if (v)
        put("true", 4);
    else
        put("false", 5);
}

void CompactJsonWriter::add(const char *name, double v)
{
    key(name);
    char *at = room(32);
    const auto r = qIsFinite(v) ? std::to_chars(at, at + 32, v)
                                : std::to_chars_result{nullptr, std::errc::value_too_large};
    if (r.ec == std::errc())
        m_size += r.ptr - at;
    else
        put('0');
}

static bool needsEscape(char16_t c)
{
    return c == u'"' || c == u'\\' || c < 0x20;
}

void CompactJsonWriter::add(const char *name, const QString &v)
{
    // Names, ids and models are ASCII with nothing to escape: copied as they are, without
    // converting the whole string first.
    const qsizetype n = v.size();
    const char16_t *text = reinterpret_cast<const char16_t *>(v.constData());
    qsizetype i = 0;
    while (i < n && text[i] < 0x80 && !needsEscape(text[i]))
        ++i;
    if (i < n) {
        add(name, QByteArrayView(v.toUtf8()));
        return;
    }
    key(name);
    char *at = room(n + 2);
    *at++ = '"';
    for (qsizetype k = 0; k < n; ++k)
        *at++ = char(text[k]);
    *at++ = '"';
    m_size = at - m_out.constData();
}

// Runs without characters to escape are copied in one piece.
void CompactJsonWriter::add(const char *name, QByteArrayView utf8)
{
    key(name);
    put('"');
    qsizetype run = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20)
            continue;
        put(utf8.data() + run, i - run);
        run = i + 1;
        switch (c) {
        case '"':
            put("\\\"", 2);
            break;
        case '\\':
            put("\\\\", 2);
            break;
        case '\n':
            put("\\n", 2);
            break;
        case '\r':
            put("\\r", 2);
            break;
        case '\t':
            put("\\t", 2);
            break;
        default: {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned char>(c));
            put(escape, 6);
            break;
        }
        }
    }
    put(utf8.data() + run, utf8.size() - run);
    put('"');
}
