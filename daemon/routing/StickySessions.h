// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/HeaderList.h"
#include "protocol/JsonView.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <list>
#include <optional>

// Session -> account bindings so a conversation stays on one account (and its prompt cache)
// while that account is healthy. Entries expire after the TTL (renewed on every lookup and
// bind); beyond maxEntries the least recently used binding is dropped. Main-thread only.
class StickySessions
{
public:
    explicit StickySessions(int maxEntries = 100000);

    // The bound account, renewing the binding; nullopt when unknown or expired.
    std::optional<qint64> lookup(const QString &key, qint64 nowMs);
    // Binds (or rebinds) the session to an account.
    void bind(const QString &key, qint64 accountId, qint64 nowMs);
    void forget(const QString &key);
    // Drops every binding to an account (e.g. the account was deleted).
    void forgetAccount(qint64 accountId);

    void setTtlMs(qint64 ttlMs) { m_ttlMs = ttlMs; }
    qint64 ttlMs() const { return m_ttlMs; }
    int maxEntries() const { return m_maxEntries; }
    int size() const { return int(m_entries.size()); }

    // The session of a request, always prefixed by the personal key's id so two keys never share
    // a session. In order: the session header (`sessionHeaderName`, case-insensitive), Anthropic
    // `metadata.user_id`, else a 128-bit hash of the stable prompt prefix — Anthropic: `system` +
    // first user message; OpenAI: system/developer messages before the first user message + that
    // message (Responses API: `instructions` + first input); Gemini: `systemInstruction` + first
    // content. `cache_control` markers are ignored, so a conversation keeps its key as it grows;
    // neither whitespace, member order nor escapes change it. Read from the body's bytes without
    // decoding it: empty when the request carries nothing to key on or the body is not strict
    // JSON (JsonView::of()).
    // `protocol` is "anthropic", "openai" or "gemini".
    static QString sessionKey(qint64 keyId, const QByteArray &requestBody,
                              const HttpHeaderList &headers, const QString &protocol,
                              const QByteArray &sessionHeaderName = "x-session-id");
    // The same for a body the caller has already read (the relay reads it once).
    static QString sessionKey(qint64 keyId, const JsonView &requestBody,
                              const HttpHeaderList &headers, const QString &protocol,
                              const QByteArray &sessionHeaderName = "x-session-id");

    static constexpr qint64 kDefaultTtlMs = 3600 * 1000;

private:
    struct Entry
    {
        qint64 accountId = 0;
        qint64 lastUsedMs = 0;
        std::list<QString>::iterator order;
    };

    void touch(Entry &entry, qint64 nowMs);
    void dropExpired(qint64 nowMs);

    int m_maxEntries;
    qint64 m_ttlMs = kDefaultTtlMs;
    QHash<QString, Entry> m_entries;
    std::list<QString> m_order; // most recently used first
};
