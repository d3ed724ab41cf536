// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/UsageRecorder.h"

#include "base/Metrics.h"
#include "domain/UsageRecord.h"
#include "ledger/Ledger.h"
#include "pricing/PriceTable.h"

#include <QDateTime>

UsageRecorder::UsageRecorder(Ledger *ledger, Metrics *metrics, const PriceTable *prices)
    : m_ledger(ledger), m_metrics(metrics), m_prices(prices)
{
}

double UsageRecorder::record(const RelayCallSummary &call, std::function<void()> then) const
{
    UsageRecord r;
    r.requestId = call.requestId.isEmpty()
                      ? UsageRecord::newRequestId(QDateTime::currentMSecsSinceEpoch())
                      : call.requestId;
    r.createdAtMs = call.startedAtMs;
    r.keyId = call.keyId;
    r.userId = call.userId;
    r.accountId = call.accountId;
    r.enterpriseId = call.enterpriseId;
    r.departmentId = call.departmentId;
    r.groupId = call.groupId;
    r.provider = call.provider;
    r.endpoint = call.endpoint;
    r.stream = call.stream;
    r.status = call.status;
    r.usage = call.usage;
    r.model = call.model;
    r.upstreamModel =
        call.upstreamReportedModel.isEmpty() ? call.routedModel : call.upstreamReportedModel;
    if (!call.countTokens) {
        // Priced by what ran upstream; fall back to the requested name for unknown dated
        // variants. Each name is looked up once (a miss runs a regular expression).
        std::optional<ModelPrice> price = m_prices->find(r.upstreamModel);
        if (!price)
            price = m_prices->find(call.routedModel);
        if (!price)
            price = m_prices->find(call.model);
        r.cost = price ? PriceTable::cost(*price, r.usage) : 0.0;
    }
    r.latencyMs = call.latencyMs;
    r.ttfbMs = call.ttfbMs;
    r.errorType = call.errorType;
    r.clientAborted = call.clientAborted;
    r.attempts = qMax(1, call.attempts);
    if (call.attempts > 0)
        r.attemptLog = '[' + call.attemptLog + ']';
    const double cost = r.cost;
    m_metrics->countRequest(call.routeName.isEmpty() ? r.endpoint : call.routeName, call.status);
    m_ledger->record(std::move(r), std::move(then));
    return cost;
}
