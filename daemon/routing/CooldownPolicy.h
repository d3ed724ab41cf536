// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/HeaderList.h"
#include "routing/AccountHealth.h"

#include <QString>

// The outcome of one upstream attempt, as far as routing cares.
struct AttemptOutcome
{
    int status = 0;         // HTTP status, 0 when no response arrived
    QString errorKind;      // "connect", "tls", "timeout", "transfer" or "" (got a response)
    HttpHeaderList headers; // response headers, lower-case names
};

// Durations used by CooldownPolicy, all in milliseconds.
struct CooldownSettings
{
    qint64 maxRateLimitMs = 5LL * 3600 * 1000; // cap on a reset announced by the upstream
    qint64 transient429FirstMs = 5 * 1000;     // 429 without reset header: first one
    qint64 transient429MaxMs = 5 * 60 * 1000;  // ... doubling per consecutive 429 up to this
    qint64 overloadedMs = 60 * 1000;           // 529
    qint64 unavailableMs = 30 * 1000;          // 503
    qint64 serverErrorMs = 30 * 1000;          // other 5xx
    qint64 connectErrorMs = 30 * 1000;         // connect, TLS and transfer errors
    qint64 timeoutMs = 60 * 1000;              // upstream timeout
    qint64 authErrorMs = 30 * 60 * 1000;       // 401/403, the account also needs attention
};

struct CooldownDecision
{
    qint64 durationMs = 0;       // 0 = no cooldown
    QString reason;              // human-readable, e.g. "429 rate limited (retry-after)"
    bool needsAttention = false; // 401/403
    bool failover = false;       // try another account for this request
    // "rate_limit", "overloaded", "unavailable", "server_error", "connect", "tls", "timeout",
    // "transfer", "auth", "client_error" or "" (success)
    QString errorType;
    // The rate limit reset announced by the upstream that was honoured (after capping),
    // 0 when none was.
    qint64 resetAtMs = 0;
};

// Decides, from one attempt's outcome, whether the request moves to another account and how
// long the account rests. Pure function of its arguments.
//
// - 2xx/3xx: no failover, no cooldown.
// - 429: failover; cooldown until the latest relevant reset announced in `retry-after`
//   (seconds or HTTP-date), `anthropic-ratelimit-unified-reset` (epoch seconds; ignored when
//   `anthropic-ratelimit-unified-status` says the window is not exhausted),
//   `anthropic-ratelimit-unified-<window>-reset` (only when its `-status` is "rejected") or
//   `anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-reset` (RFC 3339; ignored
//   when the matching `-remaining` is above zero), capped at maxRateLimitMs. Without any such
//   reset the 429 is transient: transient429FirstMs doubled per consecutive 429, at most
//   transient429MaxMs.
// - 529, 503, other 5xx, connect/TLS/transfer errors, timeouts: failover and their cooldown.
// - 401/403: failover, authErrorMs, needsAttention.
// - other 4xx: returned to the client as they are (no failover, no cooldown).
class CooldownPolicy
{
public:
    static CooldownDecision decide(const AttemptOutcome &outcome, const AccountHealth &health,
                                   qint64 nowMs, const CooldownSettings &settings);

    // Parses a `retry-after` value (delay-seconds or HTTP-date) into an absolute time;
    // nullopt when it does not parse.
    // Go-style durations as OpenAI's x-ratelimit-reset-* headers use them: "6m0s", "20ms".
    static std::optional<qint64> parseGoDuration(const QByteArray &value);
    static std::optional<qint64> parseRetryAfter(const QByteArray &value, qint64 nowMs);
    // RFC 3339 / ISO 8601 date-time with offset, to epoch milliseconds.
    static std::optional<qint64> parseRfc3339(const QByteArray &value);
    // HTTP-date (IMF-fixdate, RFC 850 or asctime form) to epoch milliseconds.
    static std::optional<qint64> parseHttpDate(const QByteArray &value);
};
