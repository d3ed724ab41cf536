// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/UsdAmount.h"

#include <algorithm>
#include <cmath>

std::optional<MicroUsd> UsdAmount::parse(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double usd = value.toDouble();
    if (!std::isfinite(usd) || usd < 0 || usd > double(MaxMicros) / 1e6)
        return std::nullopt;
    const double scaled = usd * 1e6;
    const double whole = std::round(scaled);
    // 0.1 USD is 100000.00000000001 micro-USD in binary: allow the rounding of the decimal
    // text, not a seventh decimal.
    if (std::abs(scaled - whole) > std::max(1e-3, scaled * 1e-12))
        return std::nullopt;
    return MicroUsd(whole);
}

QJsonValue UsdAmount::toJson(MicroUsd micros)
{
    return QJsonValue(double(micros) / 1e6);
}
