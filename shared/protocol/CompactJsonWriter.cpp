// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/CompactJsonWriter.h"

#include <charconv>
#include <cstdio>

void CompactJsonWriter::key(const char *name)
{
    if (m_first)
        m_first = false;
    else
        m_out.append(',');
    m_out.append('"').append(name).append("\":");
}

void CompactJsonWriter::add(const char *name, qint64 v)
{
    key(name);
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    m_out.append(buf, end - buf);
}

void CompactJsonWriter::add(const char *name, bool v)
{
    key(name);
    m_out.append(v ? "true" : "false");
}

void CompactJsonWriter::add(const char *name, double v)
{
    key(name);
    char buf[32];
    const auto r = qIsFinite(v) ? std::to_chars(buf, buf + sizeof buf, v)
                                : std::to_chars_result{nullptr, std::errc::value_too_large};
    if (r.ec == std::errc())
        m_out.append(buf, r.ptr - buf);
    else
        m_out.append('0');
}

void CompactJsonWriter::add(const char *name, const QString &v)
{
    // Names, ids and models are ASCII: copied without converting the whole string.
    char buf[128];
    const qsizetype n = v.size();
    if (n <= qsizetype(sizeof buf)) {
        const QChar *text = v.constData();
        qsizetype i = 0;
        for (; i < n && text[i].unicode() < 0x80; ++i)
            buf[i] = char(text[i].unicode());
        if (i == n) {
            add(name, QByteArrayView(buf, n));
            return;
        }
    }
    add(name, QByteArrayView(v.toUtf8()));
}

// Runs without characters to escape are copied in one piece.
void CompactJsonWriter::add(const char *name, QByteArrayView utf8)
{
    key(name);
    m_out.append('"');
    qsizetype run = 0;
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const char c = utf8[i];
        if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20)
            continue;
        m_out.append(utf8.sliced(run, i - run));
        run = i + 1;
        switch (c) {
        case '"':
            m_out.append("\\\"");
            break;
        case '\\':
            m_out.append("\\\\");
            break;
        case '\n':
            m_out.append("\\n");
            break;
        case '\r':
            m_out.append("\\r");
            break;
        case '\t':
            m_out.append("\\t");
            break;
        default: {
            char escape[8];
            std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned char>(c));
            m_out.append(escape);
            break;
        }
        }
    }
    m_out.append(utf8.sliced(run));
    m_out.append('"');
}
