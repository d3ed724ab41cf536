// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/UsageRow.h"

#include <QDateTime>

UsageRow UsageRow::fromJson(const QJsonObject &o)
{
    UsageRow r;
    r.createdAtMs =
        QDateTime::fromString(o.value(QLatin1String("createdAt")).toString(), Qt::ISODateWithMs)
            .toMSecsSinceEpoch();
    r.keyId = o.value(QLatin1String("keyId")).toInteger();
    r.userId = o.value(QLatin1String("userId")).toInteger();
    r.accountId = o.value(QLatin1String("accountId")).toInteger();
    r.inputTokens = o.value(QLatin1String("inputTokens")).toInteger();
    r.outputTokens = o.value(QLatin1String("outputTokens")).toInteger();
    r.cacheWriteTokens = o.value(QLatin1String("cacheWriteTokens")).toInteger();
    r.cacheReadTokens = o.value(QLatin1String("cacheReadTokens")).toInteger();
    r.latencyMs = o.value(QLatin1String("latencyMs")).toInteger();
    r.ttfbMs = o.value(QLatin1String("ttfbMs")).toInteger(-1);
    r.cost = o.value(QLatin1String("cost")).toDouble();
    r.status = o.value(QLatin1String("status")).toInt();
    r.attempts = o.value(QLatin1String("attempts")).toInt(1);
    r.stream = o.value(QLatin1String("stream")).toBool();
    r.clientAborted = o.value(QLatin1String("clientAborted")).toBool();
    r.requestId = o.value(QLatin1String("requestId")).toString();
    r.provider = o.value(QLatin1String("provider")).toString();
    r.model = o.value(QLatin1String("model")).toString();
    r.upstreamModel = o.value(QLatin1String("upstreamModel")).toString();
    r.endpoint = o.value(QLatin1String("endpoint")).toString();
    r.errorType = o.value(QLatin1String("errorType")).toString();
    return r;
}
