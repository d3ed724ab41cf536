// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/StickySessions.h"

#include "crypto/Crypto.h"
#include "protocol/JsonView.h"

#include <QHash>
#include <QVarLengthArray>

#include <algorithm>

namespace {

// The conversation's stable prefix is hashed as JSON values (JsonView::canonicalHash()), straight
// from the request's bytes: whatever whitespace, member order and escapes the client chose, and
// in one pass however deep the content nests. Nothing of the body is decoded into JSON values
// (system prompts run to tens of KB, whole bodies to hundreds). `cache_control` is left out
// everywhere: clients move cache breakpoints as a conversation grows.
class PrefixHash
{
public:
    explicit PrefixHash(const QString &protocol)
    {
        m_parts.add(JsonHash::string(protocol.toUtf8()));
    }

    // An absent value counts as null.
    void value(const JsonView &v) { m_parts.add(v.canonicalHash(QLatin1String("cache_control"))); }

    // Plain string content and a single text block mean the same prompt.
    void content(const JsonView &v)
    {
        if (!v.isString()) {
            value(v);
            return;
        }
        JsonHash::Object block;
        block.add(JsonHash::string("text"), JsonHash::string(v.string()));
        block.add(JsonHash::string("type"), JsonHash::string("text"));
        JsonHash::Array blocks;
        blocks.add(block.finish());
        m_parts.add(blocks.finish());
    }

    // 128 bits, as 32 hex digits. The key only has to tell one personal key's conversations
    // apart inside this process: the prefix already separates personal keys, and a collision
    // would only route two conversations of one key to the same account.
    QString digest() const { return m_parts.finish().toHex(); }

private:
    JsonHash::Array m_parts;
};

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
bool anthropicPrefix(const JsonView &system, const JsonView &messages, PrefixHash &out)
{
    bool found = false;
    messages.forEachElement([&](const JsonView &element) {
        const Message message = messageOf(element);
        if (!message.role.stringEquals(QLatin1String("user")))
            return true;
        if (system.isValid())
            out.content(system);
        out.content(message.content);
        found = true;
        return false;
    });
    return found;
}

bool openAiPrefix(const JsonView &body, const JsonView &messages, PrefixHash &out)
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
        for (const JsonView &part : parts)
            out.content(part);
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
    if (top[1].isValid())
        out.content(top[1]);
    out.content(first);
    return true;
}

bool geminiPrefix(const JsonView &body, PrefixHash &out)
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
    if (system.isValid())
        out.value(system);
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

QString bodySessionKey(const QString &prefix, const JsonView &body, const QString &protocol)
{
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

    PrefixHash canonical(protocol);
    bool found = false;
    if (protocol == QLatin1String("anthropic"))
        found = anthropicPrefix(top[2], messages, canonical);
    else if (protocol == QLatin1String("openai"))
        found = openAiPrefix(body, messages, canonical);
    else if (protocol == QLatin1String("gemini"))
        found = geminiPrefix(body, canonical);
    if (!found)
        return QString();
    return prefix + QStringLiteral("p:") + canonical.digest();
}

} // namespace

QString StickySessions::sessionKey(qint64 keyId, const QByteArray &requestBody,
                                   const HttpHeaderList &headers, const QString &protocol,
                                   const QByteArray &sessionHeaderName)
{
    return sessionKey(keyId, JsonView::of(requestBody), headers, protocol, sessionHeaderName);
}

QString StickySessions::sessionKey(qint64 keyId, const JsonView &requestBody,
                                   const HttpHeaderList &headers, const QString &protocol,
                                   const QByteArray &sessionHeaderName)
{
    const QString prefix = QString::number(keyId) + QLatin1Char(':');
    const QString fromHeader = headerSessionKey(prefix, headers, sessionHeaderName);
    if (!fromHeader.isEmpty())
        return fromHeader;
    return bodySessionKey(prefix, requestBody, protocol);
}
