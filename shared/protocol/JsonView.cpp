// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/JsonView.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QVarLengthArray>
#include <QtAlgorithms>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The strict grammar, checked once by JsonView::of(); everything else walks text it accepted.
class Validator
{
public:
    Validator(const char *p, const char *end) : m_p(p), m_end(end) {}

    bool document()
    {
        skipSpace();
        if (!value(0))
            return false;
        skipSpace();
        return m_p == m_end;
    }
    const char *valueBegin = nullptr;
    const char *valueEnd = nullptr;

private:
    void skipSpace()
    {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
    }

    bool take(char c)
    {
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }

    bool value(int depth)
    {
        if (m_p == m_end)
            return false;
        if (depth == 0)
            valueBegin = m_p;
        bool ok = false;
        switch (*m_p) {
        case '{':
            ok = container('}', depth + 1);
            break;
        case '[':
            ok = container(']', depth + 1);
            break;
        case '"':
            ok = string();
            break;
        case 't':
            ok = literal("true", 4);
            break;
        case 'f':
            ok = literal("false", 5);
            break;
        case 'n':
            ok = literal("null", 4);
            break;
        default:
            ok = number();
            break;
        }
        if (depth == 0)
            valueEnd = m_p;
        return ok;
    }

    // An object (close '}': each element is a name, ':' and a value) or an array (close ']').
    bool container(char close, int depth)
    {
        if (depth > JsonView::MaxDepth)
            return false;
        ++m_p; // '{' or '['
        skipSpace();
        if (take(close))
            return true;
        for (;;) {
            skipSpace();
            if (close == '}') {
                if (m_p == m_end || *m_p != '"' || !string())
                    return false;
                skipSpace();
                if (!take(':'))
                    return false;
                skipSpace();
            }
            if (!value(depth))
                return false;
            skipSpace();
            if (take(','))
                continue;
            return take(close);
        }
    }

    bool literal(const char *word, int length)
    {
        if (m_end - m_p < length || memcmp(m_p, word, size_t(length)) != 0)
            return false;
        m_p += length;
        return true;
    }

    bool number()
    {
        const char *start = m_p;
        take('-');
        if (take('0')) {
            // no leading zeros
        } else if (m_p < m_end && *m_p >= '1' && *m_p <= '9') {
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        } else {
            return false;
        }
        bool integer = true;
        if (take('.')) {
            integer = false;
            if (m_p == m_end || !isDigit(*m_p))
                return false;
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        }
        if (take('e') || take('E')) {
            integer = false;
            if (!take('+'))
                take('-');
            if (m_p == m_end || !isDigit(*m_p))
                return false;
            while (m_p < m_end && isDigit(*m_p))
                ++m_p;
        }
        // QJsonDocument refuses a number beyond a double's range; so does this. An integer of
        // up to 300 digits is below 1e300, well inside it: token counts need no conversion.
        if (integer && m_p - start <= 300)
            return true;
        double d = 0;
        const auto parsed = std::from_chars(start, m_p, d);
        return parsed.ec == std::errc() && parsed.ptr == m_p;
    }

    // Steps over plain ASCII string content (no quote, backslash, control character or byte
    // of a multi-byte sequence) many bytes at a time: prompts are mostly that.
    void skipPlain()
    {
#ifdef __SSE2__
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i space = _mm_set1_epi8(0x20);
        while (m_end - m_p >= 16) {
            const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i *>(m_p));
            // Signed: bytes from 0x80 up compare below 0x20 too.
            const __m128i special = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)),
                _mm_cmplt_epi8(chunk, space));
            const int mask = _mm_movemask_epi8(special);
            if (mask != 0) {
                m_p += qCountTrailingZeroBits(quint32(mask));
                return;
            }
            m_p += 16;
        }
#endif
        constexpr quint64 ones = 0x0101010101010101ULL;
        constexpr quint64 highs = 0x8080808080808080ULL;
        while (m_end - m_p >= 8) {
            quint64 x;
            memcpy(&x, m_p, sizeof x);
            const quint64 quoteBytes = x ^ (ones * '"');
            const quint64 backslashBytes = x ^ (ones * '\\');
            const quint64 special = ((quoteBytes - ones) & ~quoteBytes) |
                                    ((backslashBytes - ones) & ~backslashBytes) |
                                    (x - ones * 0x20) | x;
            if ((special & highs) != 0)
                return;
            m_p += 8;
        }
    }

    bool string()
    {
        ++m_p; // '"'
        while (m_p < m_end) {
            skipPlain();
            if (m_p == m_end)
                break;
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c == '\\') {
                if (m_end - m_p < 2)
                    return false;
                switch (m_p[1]) {
                case '"':
                case '\\':
                case '/':
                case 'b':
                case 'f':
                case 'n':
                case 'r':
                case 't':
                    m_p += 2;
                    continue;
                case 'u':
                    if (m_end - m_p < 6)
                        return false;
                    for (int i = 2; i < 6; ++i) {
                        if (hexValue(m_p[i]) < 0)
                            return false;
                    }
                    m_p += 6;
                    continue;
                default:
                    return false;
                }
            }
            if (c < 0x80) {
                ++m_p;
                continue;
            }
            if (!utf8Sequence())
                return false;
        }
        return false;
    }

    // One multi-byte UTF-8 sequence: shortest form, no surrogates, at most U+10FFFF.
    bool utf8Sequence()
    {
        const auto *u = reinterpret_cast<const unsigned char *>(m_p);
        const qsizetype left = m_end - m_p;
        auto cont = [&](qsizetype i) { return i < left && (u[i] & 0xC0) == 0x80; };
        if (u[0] >= 0xC2 && u[0] <= 0xDF) {
            if (!cont(1))
                return false;
            m_p += 2;
            return true;
        }
        if (u[0] >= 0xE0 && u[0] <= 0xEF) {
            if (!cont(1) || !cont(2))
                return false;
            if (u[0] == 0xE0 && u[1] < 0xA0)
                return false; // overlong
            if (u[0] == 0xED && u[1] >= 0xA0)
                return false; // surrogate
            m_p += 3;
            return true;
        }
        if (u[0] >= 0xF0 && u[0] <= 0xF4) {
            if (!cont(1) || !cont(2) || !cont(3))
                return false;
            if (u[0] == 0xF0 && u[1] < 0x90)
                return false; // overlong
            if (u[0] == 0xF4 && u[1] >= 0x90)
                return false; // beyond U+10FFFF
            m_p += 4;
            return true;
        }
        return false;
    }

    const char *m_p;
    const char *m_end;
};

// Whitespace inside valid text, which always ends in a bracket or the buffer's terminating 0.
const char *skipSpaceIn(const char *p)
{
    while (isSpace(*p))
        ++p;
    return p;
}

// Where the valid string whose opening quote is at `p` ends (past its closing quote).
const char *stringEnd(const char *p, const char *end)
{
    // The closing quote is the first '"' not escaped: found with memchr, which steps over
    // prompt text many bytes at a time.
    for (++p;;) {
        const auto *quote = static_cast<const char *>(memchr(p, '"', size_t(end - p)));
        const char *q = quote;
        while (q > p && q[-1] == '\\')
            --q;
        if ((quote - q) % 2 == 0)
            return quote + 1;
        p = quote + 1;
    }
}

void appendUtf8(QByteArray &out, char32_t c)
{
    if (c < 0x80) {
        out.append(char(c));
    } else if (c < 0x800) {
        out.append(char(0xC0 | (c >> 6)));
        out.append(char(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.append(char(0xE0 | (c >> 12)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    } else {
        out.append(char(0xF0 | (c >> 18)));
        out.append(char(0x80 | ((c >> 12) & 0x3F)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    }
}

char32_t hex4(const char *p)
{
    return char32_t(hexValue(p[0]) << 12 | hexValue(p[1]) << 8 | hexValue(p[2]) << 4 |
                    hexValue(p[3]));
}

// The unescaped UTF-8 text of a valid string's contents (between the quotes).
void unescape(const char *p, const char *end, QByteArray &out)
{
    out.reserve(out.size() + (end - p));
    const char *run = p;
    while (p < end) {
        if (*p != '\\') {
            ++p;
            continue;
        }
        out.append(run, p - run);
        const char e = p[1];
        p += 2;
        switch (e) {
        case 'b':
            out.append('\b');
            break;
        case 'f':
            out.append('\f');
            break;
        case 'n':
            out.append('\n');
            break;
        case 'r':
            out.append('\r');
            break;
        case 't':
            out.append('\t');
            break;
        case 'u': {
            char32_t c = hex4(p);
            p += 4;
            if (c >= 0xD800 && c <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                const char32_t low = hex4(p + 2);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                    p += 6;
                }
            }
            if (c >= 0xD800 && c <= 0xDFFF)
                c = 0xFFFD; // a lone surrogate, as QString::toUtf8() writes it
            appendUtf8(out, c);
            break;
        }
        default: // '"', '\\', '/'
            out.append(e);
            break;
        }
        run = p;
    }
    out.append(run, end - run);
}

} // namespace

JsonView JsonView::of(QByteArrayView text)
{
    Validator v(text.data(), text.data() + text.size());
    if (text.isEmpty() || !v.document())
        return {};
    return JsonView(v.valueBegin, v.valueEnd);
}

JsonView JsonView::read(const QByteArray &json, QByteArray *storage)
{
    *storage = json;
    const JsonView strict = of(*storage);
    if (strict.isValid())
        return strict;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return {};
    *storage = doc.toJson(QJsonDocument::Compact);
    return of(*storage);
}

const char *JsonView::skipSpace(const char *p)
{
    return skipSpaceIn(p);
}

const char *JsonView::skipValue(const char *p, const char *end)
{
    switch (*p) {
    case '"':
        return stringEnd(p, end);
    case '{':
    case '[': {
        int depth = 0;
        do {
            const char c = *p;
            if (c == '"') {
                p = skipValue(p, end);
                continue;
            }
            if (c == '{' || c == '[')
                ++depth;
            else if (c == '}' || c == ']')
                --depth;
            ++p;
        } while (depth > 0);
        return p;
    }
    default: // number or literal: up to the next delimiter
        while (p < end && !isSpace(*p) && *p != ',' && *p != ']' && *p != '}')
            ++p;
        return p;
    }
}

JsonView JsonView::member(QLatin1String name) const
{
    JsonView found;
    forEachMember([&](const JsonView &key, const JsonView &value) {
        const QByteArrayView raw(key.m_begin + 1, key.m_end - key.m_begin - 2);
        if (raw.contains('\\') ? key.string() == QByteArrayView(name.data(), name.size())
                               : raw == QByteArrayView(name.data(), name.size()))
            found = value;
        return true;
    });
    return found;
}

void JsonView::members(std::initializer_list<QLatin1String> names, JsonView *out) const
{
    for (qsizetype i = 0; i < qsizetype(names.size()); ++i)
        out[i] = JsonView();
    forEachMember([&](const JsonView &key, const JsonView &value) {
        QByteArrayView raw(key.m_begin + 1, key.m_end - key.m_begin - 2);
        QByteArray unescaped;
        if (std::memchr(raw.data(), '\\', size_t(raw.size()))) {
            unescaped = key.string();
            raw = unescaped;
        }
        qsizetype i = 0;
        for (const QLatin1String &name : names) {
            if (name.size() == raw.size() &&
                std::memcmp(name.data(), raw.data(), size_t(raw.size())) == 0)
                out[i] = value;
            ++i;
        }
        return true;
    });
}

QByteArray JsonView::string() const
{
    if (!isString())
        return {};
    QByteArray out;
    unescape(m_begin + 1, m_end - 1, out);
    return out;
}

bool JsonView::stringEquals(QLatin1String text) const
{
    if (!isString())
        return false;
    const QByteArrayView raw(m_begin + 1, m_end - m_begin - 2);
    const QByteArrayView wanted(text.data(), text.size());
    return raw.contains('\\') ? string() == wanted : raw == wanted;
}

qint64 JsonView::toInteger() const
{
    if (!isNumber())
        return 0;
    qint64 whole = 0;
    const auto exact = std::from_chars(m_begin, m_end, whole);
    if (exact.ec == std::errc() && exact.ptr == m_end)
        return whole;
    double d = 0;
    std::from_chars(m_begin, m_end, d);
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && std::trunc(d) == d)
        return qint64(d);
    return 0;
}

namespace {

// One value of valid text from `p`: its hash into *out, and where it ends. Every byte is read
// once, however deep the value nests: a container's hash is built from its children's as they
// are read, never by reading them again.
const char *hashValue(const char *p, const char *end, QByteArrayView skip, JsonHash *out);

// A valid string from its opening quote: its end, and its unescaped text in *text (pointing
// into the input when there is nothing to unescape, else into *storage).
const char *stringAt(const char *p, const char *end, QByteArrayView *text, QByteArray *storage)
{
    const char *begin = p + 1;
    const char *close = stringEnd(p, end) - 1;
    if (!memchr(begin, '\\', size_t(close - begin))) {
        *text = QByteArrayView(begin, close - begin);
    } else {
        storage->clear();
        unescape(begin, close, *storage);
        *text = *storage;
    }
    return close + 1;
}

struct MemberHash
{
    JsonHash name;
    JsonHash value;
    qsizetype order = 0;
    bool skipped = false;
};

const char *hashValue(const char *p, const char *end, QByteArrayView skip, JsonHash *out)
{
    switch (*p) {
    case '"': {
        QByteArrayView text;
        QByteArray storage;
        p = stringAt(p, end, &text, &storage);
        *out = JsonHash::string(text);
        return p;
    }
    case '[': {
        JsonHash::Array array;
        p = skipSpaceIn(p + 1);
        if (*p == ']')
            return (*out = array.finish(), p + 1);
        for (;;) {
            JsonHash element;
            p = skipSpaceIn(hashValue(p, end, skip, &element));
            array.add(element);
            if (*p == ']')
                break;
            p = skipSpaceIn(p + 1); // ','
        }
        *out = array.finish();
        return p + 1;
    }
    case '{': {
        QVarLengthArray<MemberHash, 8> members;
        p = skipSpaceIn(p + 1);
        while (*p != '}') {
            QByteArrayView name;
            QByteArray storage;
            p = skipSpaceIn(stringAt(p, end, &name, &storage));
            MemberHash m;
            m.name = JsonHash::string(name);
            m.skipped = !skip.isEmpty() && name == skip;
            m.order = members.size();
            p = skipSpaceIn(hashValue(skipSpaceIn(p + 1), end, skip, &m.value)); // past ':'
            members.append(m);
            if (*p == ',')
                p = skipSpaceIn(p + 1);
        }
        // A repeated name counts once, its last value (as QJsonDocument reads it).
        std::sort(members.begin(), members.end(), [](const MemberHash &x, const MemberHash &y) {
            return x.name != y.name ? x.name < y.name : x.order > y.order;
        });
        JsonHash::Object object;
        for (qsizetype i = 0; i < members.size(); ++i) {
            if ((i > 0 && members[i - 1].name == members[i].name) || members[i].skipped)
                continue;
            object.add(members[i].name, members[i].value);
        }
        *out = object.finish();
        return p + 1;
    }
    case 't':
    case 'f':
    case 'n': {
        const char *begin = p;
        while (p < end && *p >= 'a' && *p <= 'z')
            ++p;
        *out = JsonHash::literal(QByteArrayView(begin, p - begin));
        return p;
    }
    default: {
        const char *begin = p;
        while (p < end && !isSpace(*p) && *p != ',' && *p != ']' && *p != '}')
            ++p;
        double d = 0;
        std::from_chars(begin, p, d); // of() checked that it reads
        *out = JsonHash::number(d);
        return p;
    }
    }
}

} // namespace

JsonHash JsonView::canonicalHash(QLatin1String skipName) const
{
    if (!isValid())
        return JsonHash::literal("null");
    JsonHash h;
    hashValue(m_begin, m_end, QByteArrayView(skipName.data(), skipName.size()), &h);
    return h;
}
