// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/JsonHash.h"

#include <QHash>

#include <charconv>

namespace {

// splitmix64's finaliser: every input bit reaches every output bit.
quint64 mix(quint64 x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

// Each kind of value has its own tag, so a string never hashes as a number or a container.
constexpr quint64 StringTag = 0x5354524e47000001ULL;
constexpr quint64 NumberTag = 0x4e554d4245520002ULL;
constexpr quint64 LiteralTag = 0x4c49544552410003ULL;
constexpr quint64 ArrayTag = 0x4152524159000004ULL;
constexpr quint64 ObjectTag = 0x4f424a4543540005ULL;

JsonHash bytes(QByteArrayView data, quint64 tag)
{
    const auto length = size_t(data.size());
    return JsonHash{mix(qHashBits(data.data(), length, size_t(0x9e3779b97f4a7c15ULL)) ^ tag),
                    mix(qHashBits(data.data(), length, size_t(0xc2b2ae3d27d4eb4fULL)) + tag)};
}

} // namespace

JsonHash JsonHash::string(QByteArrayView utf8)
{
    return bytes(utf8, StringTag);
}

JsonHash JsonHash::number(double value)
{
    if (value == 0)
        value = 0; // -0
    char buffer[32];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    return bytes(QByteArrayView(buffer, written.ptr - buffer), NumberTag);
}

JsonHash JsonHash::literal(QByteArrayView text)
{
    return bytes(text, LiteralTag);
}

// In order: each element moves the state through mix(), so the order counts.
void JsonHash::Array::add(const JsonHash &element)
{
    m_a = mix(m_a ^ element.a) + 0x9e3779b97f4a7c15ULL;
    m_b = mix(m_b + element.b) ^ 0xc2b2ae3d27d4eb4fULL;
    ++m_count;
}

JsonHash JsonHash::Array::finish() const
{
    return JsonHash{mix(m_a ^ m_count ^ ArrayTag), mix(m_b + m_count + ArrayTag)};
}

// In any order: each member's hash is mixed on its own and the results are added up.
void JsonHash::Object::add(const JsonHash &name, const JsonHash &value)
{
    m_a += mix(name.a ^ mix(value.a + 0x85ebca6b));
    m_b += mix(name.b + mix(value.b ^ 0xc2b2ae35));
    ++m_count;
}

JsonHash JsonHash::Object::finish() const
{
    return JsonHash{mix(m_a ^ m_count ^ ObjectTag), mix(m_b + m_count + ObjectTag)};
}

QString JsonHash::toHex() const
{
    static const char16_t digits[] = u"0123456789abcdef";
    QString out(32, Qt::Uninitialized);
    QChar *o = out.data();
    for (int i = 15; i >= 0; --i) {
        o[15 - i] = QChar(digits[(a >> (4 * i)) & 0xf]);
        o[31 - i] = QChar(digits[(b >> (4 * i)) & 0xf]);
    }
    return out;
}
