// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/TokenUsage.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <optional>

// One ledger row: one relayed request, failures included. Ids are 0 when unknown.
struct UsageRecord
{
    QString requestId;      // unique; the ledger writes each request id at most once
    qint64 createdAtMs = 0; // UTC epoch ms
    qint64 keyId = 0;
    qint64 userId = 0;
    qint64 accountId = 0;
    QString provider;
    QString model;
    QString endpoint;
    bool stream = false;
    int status = 0;
    TokenUsage usage;
    double cost = 0;
    qint64 latencyMs = 0;
    qint64 ttfbMs = -1; // -1 = no first byte
    QString errorType;
    bool clientAborted = false;
    int attempts = 1;      // upstream attempts (failover); 1 without a retry
    QByteArray attemptLog; // compact JSON array, one object per attempt; may be empty
    QString upstreamModel; // the model sent upstream after the account's model map; may be empty
    // Where the key stood when the call was made (its owner's enterprise and department, the
    // key's group), so reports roll up by them; 0 = none.
    qint64 enterpriseId = 0;
    qint64 departmentId = 0;
    qint64 groupId = 0;

    // The admin API shape (camelCase; createdAt as ISO 8601 UTC with milliseconds; attemptLog as
    // a parsed array, [] when empty).
    QJsonObject toJson() const;

    // One spool line, without the trailing newline: 8 hex digits of the CRC-32 of the JSON, a
    // space, then compact JSON. fromSpoolLine() rejects a line whose checksum does not match (a
    // torn or corrupted write) and tolerates a trailing "\n" / "\r\n". Lines written before
    // attempts/attemptLog/upstreamModel, the enterprise/department/group or the cost split
    // (usage.cacheWrite1hTokens, usage.reasoningTokens) existed parse with their defaults.
    QByteArray toSpoolLine() const;
    static std::optional<UsageRecord> fromSpoolLine(const QByteArray &line);

    // A new request id: a UUID version 7 (48-bit Unix milliseconds, then random bits). Ids
    // that grow with time are appended at the end of the unique index instead of landing on a
    // random page of it, which keeps the ledger's inserts cheap as the table grows.
    static QString newRequestId(qint64 nowMs);

    friend bool operator==(const UsageRecord &a, const UsageRecord &b);
    friend bool operator!=(const UsageRecord &a, const UsageRecord &b) { return !(a == b); }
};
