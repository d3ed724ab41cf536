// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/RoutingStrategy.h"

namespace {
const RoutingStrategy::Kind kAllKinds[] = {
    RoutingStrategy::Kind::Priority,      RoutingStrategy::Kind::Weighted,
    RoutingStrategy::Kind::RoundRobin,    RoutingStrategy::Kind::LeastBusy,
    RoutingStrategy::Kind::LowestLatency, RoutingStrategy::Kind::LowestCost,
};
} // namespace

std::optional<RoutingStrategy::Kind> RoutingStrategy::parse(const QString &text)
{
    const QString normalized = text.trimmed().toLower().replace(QLatin1Char('-'), QLatin1Char('_'));
    for (Kind kind : kAllKinds) {
        if (name(kind) == normalized)
            return kind;
    }
    return std::nullopt;
}

QString RoutingStrategy::name(Kind kind)
{
    switch (kind) {
    case Kind::Priority:
        return QStringLiteral("priority");
    case Kind::Weighted:
        return QStringLiteral("weighted");
    case Kind::RoundRobin:
        return QStringLiteral("round_robin");
    case Kind::LeastBusy:
        return QStringLiteral("least_busy");
    case Kind::LowestLatency:
        return QStringLiteral("lowest_latency");
    case Kind::LowestCost:
        return QStringLiteral("lowest_cost");
    }
    return QString();
}

QStringList RoutingStrategy::names()
{
    QStringList result;
    for (Kind kind : kAllKinds)
        result << name(kind);
    return result;
}
