// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/StickySessions.h"

#include "crypto/Crypto.h"

#include "protocol/JsonView.h"

#include <QHash>
#include <QVarLengthArray>

#include <algorithm>

namespace {

// The conversation's stable prefix is written in one canonical text (JsonView::appendCanonical:
// whatever whitespace, member order and escapes the client chose) and hashed, straight from the
// request's bytes: nothing of the body is decoded into JSON values (system prompts run to tens
// of KB, whole bodies to hundreds). `cache_control` is left out everywhere: clients move cache
// breakpoints as a conversation grows.
class CanonicalText
{
public:
    explicit CanonicalText(QByteArray &out) : m_out(out) {}

    // An absent value writes null, as before a value was looked up.
    void value(const JsonView &v)
    {
        if (!v.isValid())
            m_out.append("null");
        else if (!v.appendCanonical(m_out, QLatin1String("cache_control")))
            m_ok = false;
    }

    // Plain string content and a single text block mean the same prompt.
    void content(const JsonView &v)
    {
        if (!v.isString()) {
            value(v);
            return;
        }
        m_out.append("[{\"text\":");
        v.appendCanonical(m_out);
        m_out.append(",\"type\":\"text\"}]");
    }

    void separator() { m_out.append(','); }
    // False when a number in the prefix is outside a double's range.
    bool ok() const { return m_ok; }

private:
    QByteArray &m_out;
    bool m_ok = true;
};

// 128 bits of the canonical text, as 32 hex digits: two runs of Qt's hash with fixed seeds (AES
// based where the CPU has it; SHA-256 took about 7 % of the CPU time of a call with a 12 KB
// system prompt). The key only has to tell one personal key's conversations apart
// inside this process: the prefix already separates personal keys, and a collision would only
// route two conversations of one key to the same account.
QString prefixDigest(const QByteArray &text)
{
    const quint64 a =
        qHashBits(text.constData(), size_t(text.size()), size_t(0x9e3779b97f4a7c15ULL));
    const quint64 b =
        qHashBits(text.constData(), size_t(text.size()), size_t(0xc2b2ae3d27d4eb4fULL));
    return QStringLiteral("%1%2").arg(a, 16, 16, QLatin1Char('0')).arg(b, 16, 16, QLatin1Char('0'));
}

// A message's role and content, read in one pass.
struct Message
{
    JsonView role;
    JsonView content;
};

Message messageOf(const JsonView &message)
{
    JsonView parts[2];
    message.members({QLatin1String("role"), QLatin1String("content")}, parts);
    return Message{parts[0], parts[1]};
}

// Each writes "[part,part]" and answers true, or answers false when the body has no first user
// turn to key on. `system` and `messages` are the body's members of those names.
bool anthropicPrefix(const JsonView &system, const JsonView &messages, CanonicalText &out)
{
    bool found = false;
    messages.forEachElement([&](const JsonView &element) {
        const Message message = messageOf(element);
        if (!message.role.stringEquals(QLatin1String("user")))
            return true;
        if (system.isValid()) {
            out.content(system);
            out.separator();
        }
        out.content(message.content);
        found = true;
        return false;
    });
    return found;
}

bool openAiPrefix(const JsonView &body, const JsonView &messages, CanonicalText &out)
{
    if (messages.isValid()) {
        // System and developer messages before the first user message, then that message.
        QVarLengthArray<JsonView, 8> parts;
        bool found = false;
        messages.forEachElement([&](const JsonView &element) {
            const Message message = messageOf(element);
            if (message.role.stringEquals(QLatin1String("user"))) {
                parts.append(message.content);
                found = true;
                return false;
            }
            if (message.role.stringEquals(QLatin1String("system")) ||
                message.role.stringEquals(QLatin1String("developer")))
                parts.append(message.content);
            return true;
        });
        if (!found)
            return false;
        for (qsizetype i = 0; i < parts.size(); ++i) {
            if (i)
                out.separator();
            out.content(parts[i]);
        }
        return true;
    }
    // Responses API: instructions + the first input item.
    JsonView top[2];
    body.members({QLatin1String("input"), QLatin1String("instructions")}, top);
    const JsonView &input = top[0];
    JsonView first;
    bool found = input.isString();
    if (found) {
        first = input;
    } else {
        input.forEachElement([&](const JsonView &item) {
            const Message message = messageOf(item);
            if (!message.role.stringEquals(QLatin1String("user")))
                return true;
            first = message.content;
            found = true;
            return false;
        });
    }
    if (!found)
        return false;
    if (top[1].isValid()) {
        out.content(top[1]);
        out.separator();
    }
    out.content(first);
    return true;
}

bool geminiPrefix(const JsonView &body, CanonicalText &out)
{
    JsonView first;
    body.member(QLatin1String("contents")).forEachElement([&](const JsonView &content) {
        first = content;
        return false;
    });
    if (!first.isValid())
        return false;
    JsonView system = body.member(QLatin1String("systemInstruction"));
    if (!system.isValid())
        system = body.member(QLatin1String("system_instruction"));
    if (system.isValid()) {
        out.value(system);
        out.separator();
    }
    out.value(first);
    return true;
}

} // namespace

StickySessions::StickySessions(int maxEntries) : m_maxEntries(std::max(1, maxEntries)) {}

std::optional<qint64> StickySessions::lookup(const QString &key, qint64 nowMs)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return std::nullopt;
    if (nowMs - it->lastUsedMs >= m_ttlMs) {
        m_order.erase(it->order);
        m_entries.erase(it);
        return std::nullopt;
    }
    touch(*it, nowMs);
    return it->accountId;
}

void StickySessions::bind(const QString &key, qint64 accountId, qint64 nowMs)
{
    dropExpired(nowMs);
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        m_order.push_front(key);
        Entry entry;
        entry.order = m_order.begin();
        it = m_entries.insert(key, entry);
    }
    it->accountId = accountId;
    touch(*it, nowMs);
    while (m_entries.size() > m_maxEntries) {
        m_entries.remove(m_order.back());
        m_order.pop_back();
    }
}

void StickySessions::forget(const QString &key)
{
    auto it = m_entries.find(key);
    if (it == m_entries.end())
        return;
    m_order.erase(it->order);
    m_entries.erase(it);
}

void StickySessions::forgetAccount(qint64 accountId)
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->accountId == accountId) {
            m_order.erase(it->order);
            it = m_entries.erase(it);
        } else {
            ++it;
        }
    }
}

void StickySessions::touch(Entry &entry, qint64 nowMs)
{
    entry.lastUsedMs = nowMs;
    m_order.splice(m_order.begin(), m_order, entry.order);
}

void StickySessions::dropExpired(qint64 nowMs)
{
    // Least recently used last, so expired bindings sit at the back.
    while (!m_order.empty()) {
        auto it = m_entries.find(m_order.back());
        if (it != m_entries.end() && nowMs - it->lastUsedMs < m_ttlMs)
            break;
        if (it != m_entries.end())
            m_entries.erase(it);
        m_order.pop_back();
    }
}

namespace {

QString headerSessionKey(const QString &prefix, const HttpHeaderList &headers,
                         const QByteArray &sessionHeaderName)
{
    if (sessionHeaderName.isEmpty())
        return QString();
    for (const auto &header : headers) {
        if (header.first.compare(sessionHeaderName, Qt::CaseInsensitive) == 0 &&
            !header.second.trimmed().isEmpty()) {
            return prefix + QStringLiteral("h:") +
                   QString::fromLatin1(Crypto::sha256Hex(header.second.trimmed()));
        }
    }
    return QString();
}

QString bodySessionKey(const QString &prefix, const QByteArray &requestBody,
                       const QString &protocol)
{
    const JsonView body = JsonView::of(requestBody);
    if (!body.isObject())
        return QString();

    JsonView top[3];
    body.members({QLatin1String("metadata"), QLatin1String("messages"), QLatin1String("system")},
                 top);
    const JsonView &messages = top[1];
    if (protocol == QLatin1String("anthropic")) {
        const QByteArray userId = top[0].member(QLatin1String("user_id")).string();
        if (!userId.isEmpty())
            return prefix + QStringLiteral("u:") + QString::fromLatin1(Crypto::sha256Hex(userId));
    }

    QByteArray text;
    text.reserve(qMin<qsizetype>(requestBody.size(), 64 * 1024) + 64);
    text.append(protocol.toLatin1()).append("\n[");
    CanonicalText canonical(text);
    bool found = false;
    if (protocol == QLatin1String("anthropic"))
        found = anthropicPrefix(top[2], messages, canonical);
    else if (protocol == QLatin1String("openai"))
        found = openAiPrefix(body, messages, canonical);
    else if (protocol == QLatin1String("gemini"))
        found = geminiPrefix(body, canonical);
    if (!found || !canonical.ok())
        return QString();
    text.append(']');
    return prefix + QStringLiteral("p:") + prefixDigest(text);
}

} // namespace

QString StickySessions::sessionKey(qint64 keyId, const QByteArray &requestBody,
                                   const HttpHeaderList &headers, const QString &protocol,
                                   const QByteArray &sessionHeaderName)
{
    const QString prefix = QString::number(keyId) + QLatin1Char(':');
    const QString fromHeader = headerSessionKey(prefix, headers, sessionHeaderName);
    if (!fromHeader.isEmpty())
        return fromHeader;
    return bodySessionKey(prefix, requestBody, protocol);
}
