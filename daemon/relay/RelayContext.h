// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RelaySnapshot.h"

#include <functional>

class UpstreamClient;
class Ledger;
class PriceTable;
class Metrics;

// What a relay exchange needs from the daemon; owned by RelayService.
struct RelayContext
{
    UpstreamClient *upstream = nullptr;
    Ledger *ledger = nullptr;
    const PriceTable *prices = nullptr;
    Metrics *metrics = nullptr;
    int connectTimeoutMs = 10000;
    int timeoutMs = 600000;
    qint64 maxResponseBytes = 64LL * 1024 * 1024;
};
