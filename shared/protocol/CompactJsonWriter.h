// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Writes one JSON object, compact, straight into a buffer: for what is written on every call
// (the spool line, the attempt log), where building a QJsonObject cost more than the rest of
// the work around it. Members are written in the order added; strings are escaped as JSON
// requires (quotes, backslashes, control characters), other UTF-8 is copied as it is.
//
// While it writes, `out` is longer than what was written (the writer grows it ahead and writes
// through a cursor, not one append per piece); close() or the destructor cuts it to size.
class CompactJsonWriter
{
public:
    explicit CompactJsonWriter(QByteArray &out);
    ~CompactJsonWriter(); // cuts `out` to what was written if close() was not called
    CompactJsonWriter(const CompactJsonWriter &) = delete;
    CompactJsonWriter &operator=(const CompactJsonWriter &) = delete;

    void add(const char *name, qint64 v);
    void add(const char *name, bool v);
    void add(const char *name, double v); // the shortest text that reads back; 0 if not finite
    void add(const char *name, const QString &v);
    void add(const char *name, QByteArrayView utf8);
    void close(); // writes the closing brace; `out` then holds exactly what was written

private:
    char *room(qsizetype bytes); // where the next `bytes` bytes go (grows `out` when needed)
    void put(const char *data, qsizetype bytes);
    void put(char c) { *room(1) = c, ++m_size; }
    void key(const char *name);

    QByteArray &m_out;
    qsizetype m_size; // bytes of `out` written so far
    bool m_first = true;
    bool m_closed = false;
};
