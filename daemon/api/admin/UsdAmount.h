// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/GovernanceRules.h"

#include <QJsonValue>

#include <optional>

// Money on the admin API: USD as JSON numbers with at most 6 decimals, held as micro-USD.
class UsdAmount
{
public:
    // One billion USD: far above any budget, and exact in a double at micro-USD precision.
    static constexpr MicroUsd MaxMicros = MicroUsd(1000000000) * 1000000;

    // The micro-USD of a JSON number from 0 to MaxMicros with at most 6 decimals; nullopt
    // otherwise (strings, negative numbers, 0.0000001, ...).
    static std::optional<MicroUsd> parse(const QJsonValue &value);
    // USD as a JSON number (12.5 for 12500000).
    static QJsonValue toJson(MicroUsd micros);
};
