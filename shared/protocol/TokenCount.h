// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "protocol/JsonView.h"

#include <QJsonValue>
#include <QtGlobal>

#include <charconv>
#include <cmath>
#include <limits>

// Token counts come from upstream JSON and are added up in totals: read them without undefined
// behaviour (a double like 1e300 is never converted to an integer) and add them without
// overflow (sums saturate at the largest qint64).
namespace TokenCount {

// No real call comes near this; a larger count from upstream is clamped to it.
inline constexpr qint64 Max = qint64(1) << 50;

// A non-negative count from a JSON value: 0 when it is not a finite number, clamped to
// [0, Max], fractions dropped.
inline qint64 fromDouble(double d)
{
    if (!std::isfinite(d) || d <= 0)
        return 0;
    if (d >= double(Max))
        return Max;
    return qint64(d);
}

inline qint64 fromJson(const QJsonValue &value)
{
    return value.isDouble() ? fromDouble(value.toDouble()) : 0;
}

// The same for a value read in place; JsonView::of() has checked that a number reads as a
// double, and QJsonDocument reads it as the same double.
inline qint64 fromJson(const JsonView &value)
{
    if (!value.isNumber())
        return 0;
    double d = 0;
    const QByteArrayView text = value.text();
    std::from_chars(text.data(), text.data() + text.size(), d);
    return fromDouble(d);
}

inline qint64 add(qint64 a, qint64 b)
{
    qint64 sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
    return sum;
}

} // namespace TokenCount
