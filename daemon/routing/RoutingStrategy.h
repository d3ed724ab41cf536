// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

// How a pool picks one of its eligible accounts.
class RoutingStrategy
{
public:
    enum class Kind
    {
        Priority,      // lowest priority number tier first, least recently used inside the tier
        Weighted,      // random by weight across every eligible account
        RoundRobin,    // strict rotation per pool and model
        LeastBusy,     // fewest requests in flight
        LowestLatency, // smallest moving average of time to first byte
        LowestCost     // cheapest upstream model price
    };

    // Accepts the names returned by name() (case-insensitive, '-' accepted for '_').
    static std::optional<Kind> parse(const QString &text);
    static QString name(Kind kind);
    // Every strategy name, in declaration order.
    static QStringList names();
};
