// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Writes one JSON object, compact, straight into a buffer: for what is written on every call
// (the spool line, the attempt log), where building a QJsonObject cost more than the rest of
// the work around it. Members are written in the order added; strings are escaped as JSON
// requires (quotes, backslashes, control characters), other UTF-8 is copied as it is.
class CompactJsonWriter
{
public:
    explicit CompactJsonWriter(QByteArray &out) : m_out(out) { m_out.append('{'); }

    void add(const char *name, qint64 v);
    void add(const char *name, bool v);
    void add(const char *name, double v); // the shortest text that reads back; 0 if not finite
    void add(const char *name, const QString &v);
    void add(const char *name, QByteArrayView utf8);
    void close() { m_out.append('}'); }

private:
    void key(const char *name);

    QByteArray &m_out;
    bool m_first = true;
};
