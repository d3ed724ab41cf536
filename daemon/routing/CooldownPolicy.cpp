// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/CooldownPolicy.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QTime>

#include <algorithm>

namespace {

QByteArray headerValue(const HttpHeaderList &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second.trimmed();
    }
    return QByteArray();
}

bool hasHeader(const HttpHeaderList &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// Seconds (integer or decimal) to milliseconds; nullopt unless the whole value is a number.
std::optional<double> parseNumber(const QByteArray &value)
{
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double number = value.toDouble(&ok);
    if (!ok || !(number >= 0))
        return std::nullopt;
    return number;
}

// Epoch seconds, or an RFC 3339 date-time when it is not a number.
std::optional<qint64> parseEpochOrDate(const QByteArray &value)
{
    if (const auto seconds = parseNumber(value))
        return qint64(*seconds * 1000.0);
    return CooldownPolicy::parseRfc3339(value);
}

int monthNumber(const QByteArray &name)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    const QByteArray lower = name.toLower();
    for (int i = 0; i < 12; ++i) {
        if (lower == months[i])
            return i + 1;
    }
    return 0;
}

struct ResetCandidate
{
    qint64 atMs = 0;
    QString source;
};

} // namespace

std::optional<qint64> CooldownPolicy::parseRfc3339(const QByteArray &value)
{
    QString text = QString::fromLatin1(value.trimmed());
    const int timeStart = text.indexOf(QLatin1Char('T'), 0, Qt::CaseInsensitive);
    if (timeStart < 0)
        return std::nullopt;
    const QString timePart = text.mid(timeStart);
    if (!timePart.contains(QLatin1Char('Z'), Qt::CaseInsensitive) &&
        !timePart.contains(QLatin1Char('+')) && !timePart.contains(QLatin1Char('-')))
        text += QLatin1Char('Z'); // no offset given: UTC, never the local zone
    const QDateTime dateTime = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dateTime.isValid())
        return std::nullopt;
    return dateTime.toMSecsSinceEpoch();
}

std::optional<qint64> CooldownPolicy::parseHttpDate(const QByteArray &value)
{
    QByteArray normalized = value.trimmed();
    normalized.replace(',', ' ').replace('-', ' ');
    const QList<QByteArray> tokens = normalized.simplified().split(' ');
    int day = 0;
    int month = 0;
    int year = 0;
    QByteArray clock;
    bool ok = true;
    if (tokens.size() == 6 && tokens.at(5).toUpper() == "GMT") {
        // IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT" or RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT"
        day = tokens.at(1).toInt(&ok);
        month = monthNumber(tokens.at(2));
        if (ok)
            year = tokens.at(3).toInt(&ok);
        if (ok && tokens.at(3).size() == 2)
            year += year < 70 ? 2000 : 1900;
        clock = tokens.at(4);
    } else if (tokens.size() == 5) {
        // asctime "Sun Nov  6 08:49:37 1994"
        month = monthNumber(tokens.at(1));
        day = tokens.at(2).toInt(&ok);
        if (ok)
            year = tokens.at(4).toInt(&ok);
        clock = tokens.at(3);
    } else {
        return std::nullopt;
    }
    if (!ok || month == 0)
        return std::nullopt;
    const QTime time = QTime::fromString(QString::fromLatin1(clock), QStringLiteral("HH:mm:ss"));
    const QDate date(year, month, day);
    if (!time.isValid() || !date.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch();
}

std::optional<qint64> CooldownPolicy::parseGoDuration(const QByteArray &value)
{
    // "1s", "6m0s", "1h2m3.5s", "20ms": a sequence of number+unit pairs.
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return std::nullopt;
    double totalMs = 0;
    qsizetype i = 0;
    while (i < v.size()) {
        const qsizetype start = i;
        while (i < v.size() && ((v.at(i) >= '0' && v.at(i) <= '9') || v.at(i) == '.'))
            ++i;
        if (i == start)
            return std::nullopt;
        bool ok = false;
        const double number = v.mid(start, i - start).toDouble(&ok);
        if (!ok)
            return std::nullopt;
        const qsizetype unitStart = i;
        while (i < v.size() && v.at(i) >= 'a' && v.at(i) <= 'z')
            ++i;
        const QByteArray unit = v.mid(unitStart, i - unitStart);
        if (unit == "h")
            totalMs += number * 3600000.0;
        else if (unit == "m")
            totalMs += number * 60000.0;
        else if (unit == "s")
            totalMs += number * 1000.0;
        else if (unit == "ms")
            totalMs += number;
        else
            return std::nullopt;
    }
    return qint64(totalMs);
}

std::optional<qint64> CooldownPolicy::parseRetryAfter(const QByteArray &value, qint64 nowMs)
{
    if (const auto seconds = parseNumber(value.trimmed()))
        return nowMs + qint64(*seconds * 1000.0);
    return parseHttpDate(value);
}

CooldownDecision CooldownPolicy::decide(const AttemptOutcome &outcome, const AccountHealth &health,
                                        qint64 nowMs, const CooldownSettings &settings)
{
    CooldownDecision decision;
    const int status = outcome.status;

    if (!outcome.errorKind.isEmpty() || status == 0) {
        const QString kind =
            outcome.errorKind.isEmpty() ? QStringLiteral("transfer") : outcome.errorKind;
        decision.failover = true;
        decision.errorType = kind;
        if (kind == QLatin1String("timeout")) {
            decision.durationMs = settings.timeoutMs;
            decision.reason = QStringLiteral("upstream timeout");
        } else {
            decision.durationMs = settings.connectErrorMs;
            decision.reason = QStringLiteral("%1 error").arg(kind);
        }
        return decision;
    }

    if (status < 400)
        return decision; // success: nothing to do

    if (status == 401 || status == 403) {
        decision.failover = true;
        decision.needsAttention = true;
        decision.durationMs = settings.authErrorMs;
        decision.errorType = QStringLiteral("auth");
        decision.reason = QStringLiteral("%1: credentials refused").arg(status);
        return decision;
    }

    if (status == 429) {
        decision.failover = true;
        decision.errorType = QStringLiteral("rate_limit");
        const HttpHeaderList &headers = outcome.headers;
        QList<ResetCandidate> resets;

        const QByteArray retryAfter = headerValue(headers, "retry-after");
        if (!retryAfter.isEmpty()) {
            if (const auto at = parseRetryAfter(retryAfter, nowMs))
                resets.append({*at, QStringLiteral("retry-after")});
        }

        // Unified (subscription) windows count only when the upstream says they are exhausted:
        // a 429 with "allowed" status is a short throttle, not the 5-hour window running out.
        const QByteArray unifiedPrefix = "anthropic-ratelimit-unified-";
        const QByteArray unifiedStatus = headerValue(headers, unifiedPrefix + "status").toLower();
        const QByteArray unifiedReset = headerValue(headers, unifiedPrefix + "reset");
        if (!unifiedReset.isEmpty() && (unifiedStatus.isEmpty() || unifiedStatus == "rejected")) {
            if (const auto at = parseEpochOrDate(unifiedReset))
                resets.append({*at, QStringLiteral("anthropic-ratelimit-unified-reset")});
        }
        for (const auto &header : headers) {
            const QByteArray name = header.first.toLower();
            if (!name.startsWith(unifiedPrefix) || !name.endsWith("-reset"))
                continue;
            const QByteArray window =
                name.mid(unifiedPrefix.size(), name.size() - unifiedPrefix.size() - 6);
            if (window.isEmpty())
                continue;
            const QByteArray windowStatus =
                headerValue(headers, unifiedPrefix + window + "-status").toLower();
            if (windowStatus != "rejected")
                continue;
            if (const auto at = parseEpochOrDate(header.second.trimmed()))
                resets.append({*at, QString::fromLatin1(name)});
        }

        // Per-bucket limits: a bucket with requests/tokens left did not cause this 429.
        static const char *const buckets[] = {"requests", "tokens", "input-tokens",
                                              "output-tokens"};
        for (const char *bucket : buckets) {
            const QByteArray base = QByteArray("anthropic-ratelimit-") + bucket;
            const QByteArray reset = headerValue(headers, base + "-reset");
            if (reset.isEmpty())
                continue;
            if (hasHeader(headers, base + "-remaining")) {
                bool ok = false;
                const qint64 remaining = headerValue(headers, base + "-remaining").toLongLong(&ok);
                if (ok && remaining > 0)
                    continue;
            }
            if (const auto at = parseRfc3339(reset))
                resets.append({*at, QString::fromLatin1(base + "-reset")});
        }

        // OpenAI-compatible limits: "x-ratelimit-reset-requests: 6m0s" for an exhausted bucket.
        for (const char *bucket : {"requests", "tokens"}) {
            const QByteArray reset =
                headerValue(headers, QByteArray("x-ratelimit-reset-") + bucket);
            if (reset.isEmpty())
                continue;
            bool ok = false;
            const qint64 remaining =
                headerValue(headers, QByteArray("x-ratelimit-remaining-") + bucket).toLongLong(&ok);
            if (ok && remaining > 0)
                continue;
            if (const auto ms = parseGoDuration(reset))
                resets.append({nowMs + *ms,
                               QStringLiteral("x-ratelimit-reset-") + QString::fromLatin1(bucket)});
        }

        const ResetCandidate *latest = nullptr;
        for (const ResetCandidate &candidate : resets) {
            if (candidate.atMs > nowMs && (!latest || candidate.atMs > latest->atMs))
                latest = &candidate;
        }
        if (latest) {
            const qint64 until = std::min(latest->atMs, nowMs + settings.maxRateLimitMs);
            decision.durationMs = until - nowMs;
            decision.resetAtMs = until;
            decision.reason =
                QStringLiteral("429 rate limited until reset (%1)").arg(latest->source);
            return decision;
        }

        // Transient: short and escalating, never hours.
        qint64 duration = settings.transient429FirstMs;
        for (int i = 0; i < health.consecutive429s && duration < settings.transient429MaxMs; ++i)
            duration *= 2;
        decision.durationMs = std::min(duration, settings.transient429MaxMs);
        decision.reason = QStringLiteral("429 without reset header (transient, %1 in a row)")
                              .arg(health.consecutive429s + 1);
        return decision;
    }

    if (status >= 500) {
        decision.failover = true;
        if (status == 529) {
            decision.durationMs = settings.overloadedMs;
            decision.errorType = QStringLiteral("overloaded");
            decision.reason = QStringLiteral("529 overloaded");
        } else if (status == 503) {
            decision.durationMs = settings.unavailableMs;
            decision.errorType = QStringLiteral("unavailable");
            decision.reason = QStringLiteral("503 unavailable");
        } else {
            decision.durationMs = settings.serverErrorMs;
            decision.errorType = QStringLiteral("server_error");
            decision.reason = QStringLiteral("%1 server error").arg(status);
        }
        return decision;
    }

    // 400-class client errors go back to the client unchanged; the account is fine.
    decision.errorType = QStringLiteral("client_error");
    decision.reason = QStringLiteral("%1 client error").arg(status);
    return decision;
}
