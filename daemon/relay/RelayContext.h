// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/RelaySnapshot.h"

#include <atomic>
#include <functional>

class UpstreamClient;
class Ledger;
class PriceTable;
class Metrics;
class OAuthService;
class RoutingService;
class Governor;

// What a relay exchange needs from the daemon; owned by RelayService.
struct RelayContext
{
    UpstreamClient *upstream = nullptr; // the client of the thread serving the request
    std::atomic<int> *activeCalls = nullptr;
    Ledger *ledger = nullptr;
    const PriceTable *prices = nullptr;
    Metrics *metrics = nullptr;
    RoutingService *routing = nullptr;
    OAuthService *oauth = nullptr; // lives on the main thread
    int maxAttempts = 3;           // upstream attempts per request (failover)
    QByteArray sessionHeader = "x-session-id";
    // Records (true) or clears (false) an account's "needs attention" flag; any thread.
    std::function<void(qint64 accountId, bool needsAttention)> flagAttention;
    int connectTimeoutMs = 10000;
    int timeoutMs = 600000;
    qint64 maxResponseBytes = 64LL * 1024 * 1024;
    // Quotas and budgets: every call is admitted before it starts and settled when it ends.
    Governor *governor = nullptr;
    qint64 defaultOutputTokens = 4096; // the output estimate of a call that sets no limit
};
