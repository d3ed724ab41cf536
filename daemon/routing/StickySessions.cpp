// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/StickySessions.h"

#include "crypto/Crypto.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <charconv>

namespace {

// The conversation's stable prefix is written in one canonical text and hashed; nothing of the
// body is copied into new JSON values first (system prompts run to tens of KB). Objects are
// written in key order (QJsonObject keeps its keys sorted), strings escaped so that no two
// values share a text, and `cache_control` is left out everywhere: clients move cache
// breakpoints as a conversation grows.
class CanonicalText
{
public:
    explicit CanonicalText(QString &out) : m_out(out) {}

    void value(const QJsonValue &v)
    {
        switch (v.type()) {
        case QJsonValue::Object: {
            const QJsonObject object = v.toObject();
            m_out.append(QLatin1Char('{'));
            bool first = true;
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                if (it.key() == QLatin1String("cache_control"))
                    continue;
                if (!first)
                    m_out.append(QLatin1Char(','));
                first = false;
                string(it.key());
                m_out.append(QLatin1Char(':'));
                value(it.value());
            }
            m_out.append(QLatin1Char('}'));
            break;
        }
        case QJsonValue::Array: {
            const QJsonArray array = v.toArray();
            m_out.append(QLatin1Char('['));
            for (qsizetype i = 0; i < array.size(); ++i) {
                if (i)
                    m_out.append(QLatin1Char(','));
                value(array.at(i));
            }
            m_out.append(QLatin1Char(']'));
            break;
        }
        case QJsonValue::String:
            string(v.toString());
            break;
        case QJsonValue::Double: {
            char buf[32];
            const auto r = std::to_chars(buf, buf + sizeof buf, v.toDouble());
            m_out.append(QLatin1String(buf, r.ec == std::errc() ? r.ptr - buf : 0));
            break;
        }
        case QJsonValue::Bool:
            m_out.append(v.toBool() ? QLatin1String("true") : QLatin1String("false"));
            break;
        default:
            m_out.append(QLatin1String("null"));
            break;
        }
    }

    // Plain string content and a single text block mean the same prompt.
    void content(const QJsonValue &v)
    {
        if (!v.isString()) {
            value(v);
            return;
        }
        m_out.append(QLatin1String("[{\"text\":"));
        string(v.toString());
        m_out.append(QLatin1String(",\"type\":\"text\"}]"));
    }

    void separator() { m_out.append(QLatin1Char(',')); }

private:
    void string(const QString &text)
    {
        m_out.append(QLatin1Char('"'));
        const QChar *data = text.constData();
        qsizetype run = 0;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const char16_t c = data[i].unicode();
            if (c != u'"' && c != u'\\')
                continue;
            m_out.append(data + run, i - run);
            m_out.append(QLatin1Char('\\'));
            run = i;
        }
        m_out.append(data + run, text.size() - run);
        m_out.append(QLatin1Char('"'));
    }

    QString &m_out;
};

// 128 bits of the canonical text, as 32 hex digits: two runs of Qt's hash with fixed seeds (AES
// based where the CPU has it; SHA-256 took about 7 % of the CPU time of a call with a 12 KB
// system prompt). The key only has to tell one personal key's conversations apart
// inside this process: the prefix already separates personal keys, and a collision would only
// route two conversations of one key to the same account.
QString prefixDigest(const QString &text)
{
    const auto bytes = size_t(text.size()) * sizeof(QChar);
    const quint64 a = qHashBits(text.constData(), bytes, size_t(0x9e3779b97f4a7c15ULL));
    const quint64 b = qHashBits(text.constData(), bytes, size_t(0xc2b2ae3d27d4eb4fULL));
    return QStringLiteral("%1%2").arg(a, 16, 16, QLatin1Char('0')).arg(b, 16, 16, QLatin1Char('0'));
}

// Each writes "[part,part]" and answers true, or answers false when the body has no first user
// turn to key on.
bool anthropicPrefix(const QJsonObject &body, CanonicalText &out)
{
    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &message : messages) {
        const QJsonObject object = message.toObject();
        if (object.value(QStringLiteral("role")).toString() != QLatin1String("user"))
            continue;
        const auto system = body.constFind(QStringLiteral("system"));
        if (system != body.constEnd()) {
            out.content(system.value());
            out.separator();
        }
        out.content(object.value(QStringLiteral("content")));
        return true;
    }
    return false;
}

bool openAiPrefix(const QJsonObject &body, CanonicalText &out)
{
    if (body.contains(QStringLiteral("messages"))) {
        const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
        qsizetype userAt = -1;
        for (qsizetype i = 0; i < messages.size() && userAt < 0; ++i) {
            if (messages.at(i).toObject().value(QStringLiteral("role")).toString() ==
                QLatin1String("user"))
                userAt = i;
        }
        if (userAt < 0)
            return false;
        for (qsizetype i = 0; i <= userAt; ++i) {
            const QJsonObject object = messages.at(i).toObject();
            const QString role = object.value(QStringLiteral("role")).toString();
            if (role == QLatin1String("system") || role == QLatin1String("developer") ||
                i == userAt) {
                out.content(object.value(QStringLiteral("content")));
                if (i != userAt)
                    out.separator();
            }
        }
        return true;
    }
    // Responses API: instructions + the first input item.
    const QJsonValue input = body.value(QStringLiteral("input"));
    QJsonValue first;
    bool found = input.isString();
    if (found) {
        first = input;
    } else {
        const QJsonArray items = input.toArray();
        for (const QJsonValue &item : items) {
            const QJsonObject object = item.toObject();
            if (object.value(QStringLiteral("role")).toString() == QLatin1String("user")) {
                first = object.value(QStringLiteral("content"));
                found = true;
                break;
            }
        }
    }
    if (!found)
        return false;
    const auto instructions = body.constFind(QStringLiteral("instructions"));
    if (instructions != body.constEnd()) {
        out.content(instructions.value());
        out.separator();
    }
    out.content(first);
    return true;
}

bool geminiPrefix(const QJsonObject &body, CanonicalText &out)
{
    const QJsonArray contents = body.value(QStringLiteral("contents")).toArray();
    if (contents.isEmpty())
        return false;
    QJsonValue system = body.value(QStringLiteral("systemInstruction"));
    if (system.isUndefined())
        system = body.value(QStringLiteral("system_instruction"));
    if (!system.isUndefined()) {
        out.value(system);
        out.separator();
    }
    out.value(contents.first());
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

QString bodySessionKey(const QString &prefix, const QJsonObject &body, const QString &protocol)
{
    if (body.isEmpty())
        return QString();

    if (protocol == QLatin1String("anthropic")) {
        const QString userId = body.value(QStringLiteral("metadata"))
                                   .toObject()
                                   .value(QStringLiteral("user_id"))
                                   .toString();
        if (!userId.isEmpty())
            return prefix + QStringLiteral("u:") +
                   QString::fromLatin1(Crypto::sha256Hex(userId.toUtf8()));
    }

    QString text;
    text.reserve(4096);
    text.append(protocol).append(QLatin1String("\n["));
    CanonicalText canonical(text);
    bool found = false;
    if (protocol == QLatin1String("anthropic"))
        found = anthropicPrefix(body, canonical);
    else if (protocol == QLatin1String("openai"))
        found = openAiPrefix(body, canonical);
    else if (protocol == QLatin1String("gemini"))
        found = geminiPrefix(body, canonical);
    if (!found)
        return QString();
    text.append(QLatin1Char(']'));
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
    return bodySessionKey(prefix, QJsonDocument::fromJson(requestBody).object(), protocol);
}

QString StickySessions::sessionKey(qint64 keyId, const QJsonObject &requestBody,
                                   const HttpHeaderList &headers, const QString &protocol,
                                   const QByteArray &sessionHeaderName)
{
    const QString prefix = QString::number(keyId) + QLatin1Char(':');
    const QString fromHeader = headerSessionKey(prefix, headers, sessionHeaderName);
    if (!fromHeader.isEmpty())
        return fromHeader;
    return bodySessionKey(prefix, requestBody, protocol);
}
