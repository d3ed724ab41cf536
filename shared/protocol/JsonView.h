// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/JsonHash.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QLatin1String>

#include <initializer_list>

// A read-only view of one JSON value inside a buffer, walked without building values: request
// bodies run to hundreds of KB, and most callers want a few members and one canonical hash.
// Pure functions over bytes.
//
// of() accepts strict JSON (RFC 8259) only: UTF-8 checked, no control characters inside
// strings, no byte order mark, numbers inside a double's range, nesting at most MaxDepth levels.
// That is a subset of what QJsonDocument accepts, so a text valid here reads the same there. A view
// is valid or empty (isValid() false); every accessor of an empty view answers empty. The buffer
// must outlive the views taken from it.
class JsonView
{
public:
    static constexpr int MaxDepth = 1024; // as QJsonDocument

    JsonView() = default;
    // The one value of `text` (whitespace around it allowed), or an empty view.
    static JsonView of(QByteArrayView text);
    // The document of `json` as QJsonDocument reads it: in place when it is strict JSON, else
    // in QJsonDocument's strict rewriting of it, which `*storage` keeps. Empty when Qt does not
    // read it either.
    static JsonView read(const QByteArray &json, QByteArray *storage);

    bool isValid() const { return m_begin != nullptr; }
    bool isObject() const { return isValid() && *m_begin == '{'; }
    bool isArray() const { return isValid() && *m_begin == '['; }
    bool isString() const { return isValid() && *m_begin == '"'; }
    bool isNumber() const
    {
        return isValid() && (*m_begin == '-' || (*m_begin >= '0' && *m_begin <= '9'));
    }

    // The member's value; when the name repeats, the last one (as QJsonDocument reads it).
    // Empty when this is not an object or has no such member.
    JsonView member(QLatin1String name) const;
    // Several members in one pass: out[i] is member(names[i]). `out` holds names.size() views.
    void members(std::initializer_list<QLatin1String> names, JsonView *out) const;
    // Calls fn(JsonView) for each element of an array, in order, until fn returns false.
    template <typename F> void forEachElement(F fn) const;
    // A string's text, unescaped, as UTF-8 (a lone surrogate escape becomes U+FFFD). Empty for
    // other values.
    QByteArray string() const;
    bool stringEquals(QLatin1String text) const;
    // As QJsonValue::toInteger(): an integer, or a number with an integral value that fits in
    // a qint64; 0 otherwise.
    qint64 toInteger() const;

    // The value's JsonHash: two texts that QJsonDocument reads as equal values hash the same.
    // Members named `skipName` are left out at every depth. One pass over the bytes. An empty
    // view hashes as null.
    JsonHash canonicalHash(QLatin1String skipName = QLatin1String()) const;

    QByteArrayView text() const { return QByteArrayView(m_begin, m_end - m_begin); }

private:
    JsonView(const char *begin, const char *end) : m_begin(begin), m_end(end) {}
    // Steps over one element starting at `p` inside a valid container; answers its end.
    // `end` bounds the search: the end of an enclosing valid value.
    static const char *skipValue(const char *p, const char *end);

    static const char *skipSpace(const char *p);
    // Calls fn(key, value) for each member of a valid object until fn returns false.
    template <typename F> void forEachMember(F fn) const;

    const char *m_begin = nullptr;
    const char *m_end = nullptr;
};

template <typename F> void JsonView::forEachElement(F fn) const
{
    if (!isArray())
        return;
    const char *p = skipSpace(m_begin + 1);
    if (*p == ']')
        return;
    for (;;) {
        const char *end = skipValue(p, m_end);
        if (!fn(JsonView(p, end)))
            return;
        p = skipSpace(end);
        if (*p != ',')
            return;
        p = skipSpace(p + 1);
    }
}

template <typename F> void JsonView::forEachMember(F fn) const
{
    if (!isObject())
        return;
    const char *p = skipSpace(m_begin + 1);
    if (*p == '}')
        return;
    for (;;) {
        const char *keyEnd = skipValue(p, m_end);
        const JsonView key(p, keyEnd);
        const char *value = skipSpace(skipSpace(keyEnd) + 1); // past ':'
        const char *valueEnd = skipValue(value, m_end);
        if (!fn(key, JsonView(value, valueEnd)))
            return;
        p = skipSpace(valueEnd);
        if (*p != ',')
            return;
        p = skipSpace(p + 1);
    }
}
