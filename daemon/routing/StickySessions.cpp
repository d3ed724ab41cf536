// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/StickySessions.h"

#include "crypto/Crypto.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace {

// Removes `cache_control` everywhere: clients move cache breakpoints as a conversation grows.
QJsonValue withoutCacheMarkers(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        object.remove(QStringLiteral("cache_control"));
        for (auto it = object.begin(); it != object.end(); ++it)
            it.value() = withoutCacheMarkers(it.value());
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i)
            array[i] = withoutCacheMarkers(array.at(i));
        return array;
    }
    return value;
}

// Plain string content and a single text block mean the same prompt.
QJsonValue normalizedContent(const QJsonValue &content)
{
    if (content.isString()) {
        QJsonObject block;
        block.insert(QStringLiteral("type"), QStringLiteral("text"));
        block.insert(QStringLiteral("text"), content.toString());
        return QJsonArray{block};
    }
    return withoutCacheMarkers(content);
}

QJsonArray anthropicPrefix(const QJsonObject &body)
{
    QJsonArray prefix;
    if (body.contains(QStringLiteral("system")))
        prefix.append(normalizedContent(body.value(QStringLiteral("system"))));
    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &message : messages) {
        const QJsonObject object = message.toObject();
        if (object.value(QStringLiteral("role")).toString() == QLatin1String("user")) {
            prefix.append(normalizedContent(object.value(QStringLiteral("content"))));
            return prefix;
        }
    }
    return QJsonArray();
}

QJsonArray openAiPrefix(const QJsonObject &body)
{
    QJsonArray prefix;
    if (body.contains(QStringLiteral("messages"))) {
        const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
        for (const QJsonValue &message : messages) {
            const QJsonObject object = message.toObject();
            const QString role = object.value(QStringLiteral("role")).toString();
            if (role == QLatin1String("system") || role == QLatin1String("developer")) {
                prefix.append(normalizedContent(object.value(QStringLiteral("content"))));
            } else if (role == QLatin1String("user")) {
                prefix.append(normalizedContent(object.value(QStringLiteral("content"))));
                return prefix;
            }
        }
        return QJsonArray();
    }
    // Responses API: instructions + the first input item.
    if (body.contains(QStringLiteral("instructions")))
        prefix.append(normalizedContent(body.value(QStringLiteral("instructions"))));
    const QJsonValue input = body.value(QStringLiteral("input"));
    if (input.isString()) {
        prefix.append(normalizedContent(input));
        return prefix;
    }
    const QJsonArray items = input.toArray();
    for (const QJsonValue &item : items) {
        const QJsonObject object = item.toObject();
        if (object.value(QStringLiteral("role")).toString() == QLatin1String("user")) {
            prefix.append(normalizedContent(object.value(QStringLiteral("content"))));
            return prefix;
        }
    }
    return QJsonArray();
}

QJsonArray geminiPrefix(const QJsonObject &body)
{
    QJsonArray prefix;
    QJsonValue system = body.value(QStringLiteral("systemInstruction"));
    if (system.isUndefined())
        system = body.value(QStringLiteral("system_instruction"));
    if (!system.isUndefined())
        prefix.append(withoutCacheMarkers(system));
    const QJsonArray contents = body.value(QStringLiteral("contents")).toArray();
    if (contents.isEmpty())
        return QJsonArray();
    prefix.append(withoutCacheMarkers(contents.first()));
    return prefix;
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

    QJsonArray stable;
    if (protocol == QLatin1String("anthropic"))
        stable = anthropicPrefix(body);
    else if (protocol == QLatin1String("openai"))
        stable = openAiPrefix(body);
    else if (protocol == QLatin1String("gemini"))
        stable = geminiPrefix(body);
    if (stable.isEmpty())
        return QString();
    const QByteArray text =
        protocol.toUtf8() + '\n' + QJsonDocument(stable).toJson(QJsonDocument::Compact);
    return prefix + QStringLiteral("p:") + QString::fromLatin1(Crypto::sha256Hex(text));
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
