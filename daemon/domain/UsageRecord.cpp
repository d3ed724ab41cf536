// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/UsageRecord.h"

#include "protocol/CompactJsonWriter.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <charconv>
#include <cstdio>

#include <zlib.h>

static quint32 crc32(QByteArrayView data)
{
    return quint32(::crc32_z(::crc32_z(0L, Z_NULL, 0), reinterpret_cast<const Bytef *>(data.data()),
                             size_t(data.size())));
}

QJsonObject UsageRecord::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("requestId"), requestId);
    o.insert(QLatin1String("createdAt"),
             QDateTime::fromMSecsSinceEpoch(createdAtMs, Qt::UTC).toString(Qt::ISODateWithMs));
    o.insert(QLatin1String("keyId"), keyId);
    o.insert(QLatin1String("userId"), userId);
    o.insert(QLatin1String("accountId"), accountId);
    o.insert(QLatin1String("provider"), provider);
    o.insert(QLatin1String("model"), model);
    o.insert(QLatin1String("endpoint"), endpoint);
    o.insert(QLatin1String("stream"), stream);
    o.insert(QLatin1String("status"), status);
    o.insert(QLatin1String("inputTokens"), usage.inputTokens);
    o.insert(QLatin1String("outputTokens"), usage.outputTokens);
    o.insert(QLatin1String("cacheWriteTokens"), usage.cacheWriteTokens);
    o.insert(QLatin1String("cacheReadTokens"), usage.cacheReadTokens);
    o.insert(QLatin1String("cacheWrite1hTokens"), usage.cacheWrite1hTokens);
    o.insert(QLatin1String("reasoningTokens"), usage.reasoningTokens);
    o.insert(QLatin1String("cost"), cost);
    o.insert(QLatin1String("latencyMs"), latencyMs);
    o.insert(QLatin1String("ttfbMs"), ttfbMs);
    o.insert(QLatin1String("errorType"), errorType);
    o.insert(QLatin1String("clientAborted"), clientAborted);
    o.insert(QLatin1String("attempts"), attempts);
    o.insert(QLatin1String("attemptLog"), QJsonDocument::fromJson(attemptLog).array());
    o.insert(QLatin1String("upstreamModel"), upstreamModel);
    o.insert(QLatin1String("enterpriseId"),
             enterpriseId > 0 ? QJsonValue(enterpriseId) : QJsonValue::Null);
    o.insert(QLatin1String("departmentId"),
             departmentId > 0 ? QJsonValue(departmentId) : QJsonValue::Null);
    o.insert(QLatin1String("groupId"), groupId > 0 ? QJsonValue(groupId) : QJsonValue::Null);
    return o;
}

QByteArray UsageRecord::toSpoolLine() const
{
    // Short keys keep the spool small; createdAt stays an exact integer. The line is
    // "<crc32 of the JSON, 8 hex digits> <JSON>", built in place.
    QByteArray line;
    line.reserve(400 + attemptLog.size());
    line.append("00000000 ");
    CompactJsonWriter w(line);
    w.add("r", requestId);
    w.add("t", createdAtMs);
    w.add("k", keyId);
    w.add("u", userId);
    w.add("a", accountId);
    w.add("p", provider);
    w.add("m", model);
    w.add("e", endpoint);
    w.add("s", stream);
    w.add("st", qint64(status));
    w.add("in", usage.inputTokens);
    w.add("out", usage.outputTokens);
    w.add("cw", usage.cacheWriteTokens);
    w.add("cr", usage.cacheReadTokens);
    w.add("c", cost);
    w.add("l", latencyMs);
    w.add("f", ttfbMs);
    w.add("et", errorType);
    w.add("ca", clientAborted);
    // Written only when set, so lines stay short and older readers see what they know.
    if (attempts != 1)
        w.add("at", qint64(attempts));
    if (!attemptLog.isEmpty())
        w.add("al", QByteArrayView(attemptLog)); // compact JSON text, UTF-8
    if (!upstreamModel.isEmpty())
        w.add("um", upstreamModel);
    if (enterpriseId > 0)
        w.add("en", enterpriseId);
    if (departmentId > 0)
        w.add("dp", departmentId);
    if (groupId > 0)
        w.add("gr", groupId);
    if (usage.cacheWrite1hTokens > 0)
        w.add("cw1h", usage.cacheWrite1hTokens);
    if (usage.reasoningTokens > 0)
        w.add("rs", usage.reasoningTokens);
    w.close();
    const quint32 crc = crc32(QByteArrayView(line).sliced(9));
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 8; ++i)
        line[i] = hex[(crc >> (28 - 4 * i)) & 0xFu];
    return line;
}

std::optional<UsageRecord> UsageRecord::fromSpoolLine(const QByteArray &line)
{
    QByteArray text = line;
    while (text.endsWith('\n') || text.endsWith('\r'))
        text.chop(1);
    if (text.size() < 11 || text.at(8) != ' ')
        return std::nullopt;
    bool ok = false;
    const quint32 expected = text.left(8).toUInt(&ok, 16);
    if (!ok)
        return std::nullopt;
    const QByteArray json = text.mid(9);
    if (crc32(json) != expected)
        return std::nullopt;
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    UsageRecord r;
    r.requestId = o.value(QLatin1String("r")).toString();
    if (r.requestId.isEmpty())
        return std::nullopt;
    r.createdAtMs = o.value(QLatin1String("t")).toInteger();
    r.keyId = o.value(QLatin1String("k")).toInteger();
    r.userId = o.value(QLatin1String("u")).toInteger();
    r.accountId = o.value(QLatin1String("a")).toInteger();
    r.provider = o.value(QLatin1String("p")).toString();
    r.model = o.value(QLatin1String("m")).toString();
    r.endpoint = o.value(QLatin1String("e")).toString();
    r.stream = o.value(QLatin1String("s")).toBool();
    r.status = static_cast<int>(o.value(QLatin1String("st")).toInteger());
    r.usage.inputTokens = o.value(QLatin1String("in")).toInteger();
    r.usage.outputTokens = o.value(QLatin1String("out")).toInteger();
    r.usage.cacheWriteTokens = o.value(QLatin1String("cw")).toInteger();
    r.usage.cacheReadTokens = o.value(QLatin1String("cr")).toInteger();
    r.usage.cacheWrite1hTokens = o.value(QLatin1String("cw1h")).toInteger();
    r.usage.reasoningTokens = o.value(QLatin1String("rs")).toInteger();
    r.cost = o.value(QLatin1String("c")).toDouble();
    r.latencyMs = o.value(QLatin1String("l")).toInteger();
    r.ttfbMs = o.value(QLatin1String("f")).toInteger(-1);
    r.errorType = o.value(QLatin1String("et")).toString();
    r.clientAborted = o.value(QLatin1String("ca")).toBool();
    r.attempts = int(o.value(QLatin1String("at")).toInteger(1));
    r.attemptLog = o.value(QLatin1String("al")).toString().toUtf8();
    r.upstreamModel = o.value(QLatin1String("um")).toString();
    r.enterpriseId = o.value(QLatin1String("en")).toInteger();
    r.departmentId = o.value(QLatin1String("dp")).toInteger();
    r.groupId = o.value(QLatin1String("gr")).toInteger();
    return r;
}

bool operator==(const UsageRecord &a, const UsageRecord &b)
{
    return a.requestId == b.requestId && a.createdAtMs == b.createdAtMs && a.keyId == b.keyId &&
           a.userId == b.userId && a.accountId == b.accountId && a.provider == b.provider &&
           a.model == b.model && a.endpoint == b.endpoint && a.stream == b.stream &&
           a.status == b.status && a.usage == b.usage && a.cost == b.cost &&
           a.latencyMs == b.latencyMs && a.ttfbMs == b.ttfbMs && a.errorType == b.errorType &&
           a.clientAborted == b.clientAborted && a.attempts == b.attempts &&
           a.attemptLog == b.attemptLog && a.upstreamModel == b.upstreamModel &&
           a.enterpriseId == b.enterpriseId && a.departmentId == b.departmentId &&
           a.groupId == b.groupId;
}

QString UsageRecord::newRequestId(qint64 nowMs)
{
    quint8 b[16];
    const quint64 ms = quint64(nowMs) & 0xFFFFFFFFFFFFULL;
    for (int i = 0; i < 6; ++i)
        b[i] = quint8(ms >> (8 * (5 - i)));
    const quint64 r1 = QRandomGenerator::global()->generate64();
    const quint64 r2 = QRandomGenerator::global()->generate64();
    for (int i = 0; i < 8; ++i)
        b[6 + i] = quint8(r1 >> (8 * i));
    b[14] = quint8(r2);
    b[15] = quint8(r2 >> 8);
    b[6] = quint8(0x70 | (b[6] & 0x0F)); // version 7
    b[8] = quint8(0x80 | (b[8] & 0x3F)); // RFC 4122 variant
    // 8-4-4-4-12 hex digits, written in one buffer (one allocation per call, not eight).
    static constexpr char digits[] = "0123456789abcdef";
    char text[36];
    int at = 0;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            text[at++] = '-';
        text[at++] = digits[b[i] >> 4];
        text[at++] = digits[b[i] & 0x0F];
    }
    return QString::fromLatin1(text, sizeof text);
}
