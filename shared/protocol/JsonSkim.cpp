// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/JsonSkim.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QVarLengthArray>

#include <cstdio>

namespace {

// Deeper than QJsonDocument allows (1024 levels, the outer object included), so that the skimmer
// reads whatever Qt reads.
constexpr int MaxDepth = 1024;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class Cursor
{
public:
    explicit Cursor(const QByteArray &text) : m_p(text.constData()), m_end(m_p + text.size())
    {
        if (text.startsWith("\xEF\xBB\xBF"))
            m_p += 3; // a UTF-8 byte order mark, which QJsonDocument accepts too
    }

    void skipSpace()
    {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
    }
    bool atEnd() const { return m_p >= m_end; }
    char peek() const { return m_p < m_end ? *m_p : '\0'; }
    bool take(char c)
    {
        skipSpace();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    const char *position() const { return m_p; }

    // At a '"': steps past the closing quote; `*escaped` says whether the text had escapes.
    bool skipString(bool *escaped)
    {
        *escaped = false;
        ++m_p; // the opening quote
        while (m_p < m_end) {
            const char c = *m_p++;
            if (c == '"')
                return true;
            if (c == '\\') {
                *escaped = true;
                if (m_p >= m_end)
                    return false;
                ++m_p;
            }
            // Raw control characters are let through, as QJsonDocument does.
        }
        return false;
    }

    // Steps over one value of any kind, checking only its structure.
    bool skipValue()
    {
        skipSpace();
        int depth = 0;
        // Brackets seen, innermost last; only their kind matters for matching.
        char stack[MaxDepth];
        do {
            skipSpace();
            if (m_p >= m_end)
                return false;
            const char c = *m_p;
            if (c == '"') {
                bool escaped = false;
                if (!skipString(&escaped))
                    return false;
            } else if (c == '{' || c == '[') {
                if (depth == MaxDepth)
                    return false;
                stack[depth++] = c == '{' ? '}' : ']';
                ++m_p;
                continue;
            } else if (c == '}' || c == ']') {
                if (depth == 0 || stack[depth - 1] != c)
                    return false;
                --depth;
                ++m_p;
            } else if (c == ',' || c == ':') {
                if (depth == 0)
                    return false;
                ++m_p;
                continue;
            } else {
                // A number, true, false or null: up to the next delimiter.
                const char *start = m_p;
                while (m_p < m_end && !isSpace(*m_p) && *m_p != ',' && *m_p != '}' && *m_p != ']' &&
                       *m_p != ':')
                    ++m_p;
                if (m_p == start)
                    return false;
            }
        } while (depth > 0);
        return true;
    }

private:
    const char *m_p;
    const char *m_end;
};

// A value taken from its text: strings without escapes and literals directly, objects and
// arrays as documents, numbers and other strings inside an array.
bool decode(const char *begin, const char *end, QJsonValue *out)
{
    const QByteArray text = QByteArray::fromRawData(begin, end - begin);
    if (*begin == '"' && !QByteArrayView(begin, end - begin).contains('\\')) {
        *out = QString::fromUtf8(begin + 1, end - begin - 2);
        return true;
    }
    if (text == "true" || text == "false") {
        *out = text == "true";
        return true;
    }
    if (text == "null") {
        *out = QJsonValue(QJsonValue::Null);
        return true;
    }
    QJsonParseError error{};
    if (*begin == '{' || *begin == '[') {
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError)
            return false;
        *out = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        return true;
    }
    const QJsonDocument doc = QJsonDocument::fromJson('[' + text + ']', &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return false;
    *out = doc.array().at(0);
    return true;
}

// A member name as a JSON string (names are Latin-1).
void appendName(QByteArray &out, QLatin1String name)
{
    out.append('"');
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out.append('\\').append(c);
        } else if (u < 0x20 || u >= 0x80) {
            char escape[7];
            std::snprintf(escape, sizeof escape, "\\u%04x", unsigned(u));
            out.append(escape, 6);
        } else {
            out.append(c);
        }
    }
    out.append('"');
}

} // namespace

QJsonObject JsonSkim::members(const QByteArray &json, std::initializer_list<QLatin1String> names,
                              bool *ok)
{
    *ok = false;
    // Qt leaves a QVarLengthArray of a primitive type uninitialised: filled explicitly.
    QVarLengthArray<QByteArrayView, 8> found;
    for (qsizetype i = 0; i < qsizetype(names.size()); ++i)
        found.append(QByteArrayView());
    Cursor c(json);
    if (!c.take('{'))
        return {};
    c.skipSpace();
    if (c.take('}')) {
        c.skipSpace();
        *ok = c.atEnd();
        return {};
    }
    for (;;) {
        c.skipSpace();
        if (c.peek() != '"')
            return {};
        const char *keyBegin = c.position();
        bool escaped = false;
        if (!c.skipString(&escaped))
            return {};
        const char *keyEnd = c.position();
        QString key;
        if (escaped) {
            QJsonValue decoded;
            if (!decode(keyBegin, keyEnd, &decoded) || !decoded.isString())
                return {};
            key = decoded.toString();
        }
        const QLatin1String plainKey(keyBegin + 1, keyEnd - keyBegin - 2);
        if (!c.take(':'))
            return {};
        c.skipSpace();
        const char *valueBegin = c.position();
        if (!c.skipValue())
            return {};
        const char *valueEnd = c.position();
        qsizetype index = 0;
        for (const QLatin1String &name : names) {
            if (escaped ? key == name : plainKey == name) {
                found[index] = QByteArrayView(valueBegin, valueEnd - valueBegin);
                break;
            }
            ++index;
        }
        if (c.take(','))
            continue;
        if (!c.take('}'))
            return {};
        c.skipSpace();
        if (!c.atEnd())
            return {};
        // The members found (the last of a repeated name), read in one document: decoding
        // each value apart and inserting it cost a deep copy of every nested object.
        QByteArray text = "{";
        qsizetype at = 0;
        for (const QLatin1String &name : names) {
            const QByteArrayView value = found[at++];
            if (value.isNull())
                continue;
            if (text.size() > 1)
                text.append(',');
            appendName(text, name);
            text.append(':');
            text.append(value.data(), value.size());
        }
        text.append('}');
        if (text.size() == 2) {
            *ok = true;
            return {};
        }
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError)
            return {};
        *ok = true;
        return doc.object();
    }
}
