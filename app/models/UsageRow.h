// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

// One ledger row as the usage table holds it: compact (100,000 of them stay small) and read
// once from the API's JSON.
struct UsageRow
{
    qint64 createdAtMs = 0;
    qint64 keyId = 0;
    qint64 userId = 0;
    qint64 accountId = 0;
    qint64 inputTokens = 0;
    qint64 outputTokens = 0;
    qint64 cacheWriteTokens = 0;
    qint64 cacheReadTokens = 0;
    qint64 latencyMs = 0;
    qint64 ttfbMs = -1;
    double cost = 0;
    int status = 0;
    int attempts = 1;
    bool stream = false;
    bool clientAborted = false;
    QString requestId;
    QString provider;
    QString model;
    QString upstreamModel;
    QString endpoint;
    QString errorType;

    static UsageRow fromJson(const QJsonObject &o);
    bool isError() const { return status < 100 || status >= 400 || !errorType.isEmpty(); }
};
