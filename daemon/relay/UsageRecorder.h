// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/TokenUsage.h"

#include <QByteArray>
#include <QString>

#include <functional>

class Ledger;
class Metrics;
class PriceTable;

// Everything known about a relayed call when it ends, whether it reached an upstream or not.
struct RelayCallSummary
{
    QString requestId;
    qint64 startedAtMs = 0;
    qint64 latencyMs = 0;
    qint64 ttfbMs = -1;
    qint64 keyId = 0;
    qint64 userId = 0;
    qint64 enterpriseId = 0; // the key's, when the call was made
    qint64 departmentId = 0;
    qint64 groupId = 0;
    qint64 accountId = 0; // 0: no account was tried
    QString provider;     // the account's, or the client protocol's when none was tried
    QString endpoint;
    QString routeName; // the route template: the metrics label (bounded, unlike paths)
    bool stream = false;
    bool countTokens = false; // priced at zero
    int status = 0;
    QString errorType;
    bool clientAborted = false;
    QString model;                 // as the client asked
    QString routedModel;           // sent upstream after the account's model map; empty if none
    QString upstreamReportedModel; // as the upstream answered; may be empty
    TokenUsage usage;
    // One JSON object per upstream attempt, comma-separated (the ledger row stores them in an
    // array); `attempts` counts them.
    QByteArray attemptLog;
    int attempts = 0;
};

// The one place that turns the end of a call into its ledger row (priced) and its metrics.
class UsageRecorder
{
public:
    UsageRecorder(Ledger *ledger, Metrics *metrics, const PriceTable *prices);

    // Returns the cost of the call in USD (0 for count_tokens and unpriced models). `then` (the
    // answer to the client) runs once the row is in the ledger's spool: see Ledger::record().
    double record(const RelayCallSummary &call, std::function<void()> then = {}) const;

private:
    Ledger *m_ledger;
    Metrics *m_metrics;
    const PriceTable *m_prices;
};
