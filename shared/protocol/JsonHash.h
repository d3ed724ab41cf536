// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QString>
#include <QtGlobal>

// A 128-bit hash of a JSON value's meaning: texts that QJsonDocument reads as equal values
// (whatever their whitespace, member order, escapes or number spelling) hash the same. Built
// from the leaves up, so hashing a document is one pass over its bytes however deep it nests
// (JsonView::canonicalHash()). Not a cryptographic hash: it tells values apart, it does not
// resist someone who wants two values to collide.
struct JsonHash
{
    quint64 a = 0;
    quint64 b = 0;

    static JsonHash string(QByteArrayView utf8);  // a string value with this (unescaped) text
    static JsonHash number(double value);         // -0 hashes as 0
    static JsonHash literal(QByteArrayView text); // true, false or null

    // A sequence of hashes in order (array elements).
    class Array
    {
    public:
        void add(const JsonHash &element);
        JsonHash finish() const;

    private:
        quint64 m_a = 0x243f6a8885a308d3ULL;
        quint64 m_b = 0x13198a2e03707344ULL;
        quint64 m_count = 0;
    };
    // Members in any order; each name once (the caller resolves repeats).
    class Object
    {
    public:
        void add(const JsonHash &name, const JsonHash &value);
        JsonHash finish() const;

    private:
        quint64 m_a = 0xa4093822299f31d0ULL;
        quint64 m_b = 0x082efa98ec4e6c89ULL;
        quint64 m_count = 0;
    };

    QString toHex() const; // 32 hex digits
    friend bool operator==(const JsonHash &x, const JsonHash &y)
    {
        return x.a == y.a && x.b == y.b;
    }
    friend bool operator!=(const JsonHash &x, const JsonHash &y) { return !(x == y); }
    friend bool operator<(const JsonHash &x, const JsonHash &y)
    {
        return x.a != y.a ? x.a < y.a : x.b < y.b;
    }
};
