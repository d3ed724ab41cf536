// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/JsonNumbers.h"

#include "api/admin/ApiError.h"

#include <cmath>

std::optional<qint64> JsonNumbers::wholeNumber(const QJsonValue &value, qint64 min, qint64 max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    // Compared as doubles first: only a value known to be in range is converted.
    if (!std::isfinite(d) || d != std::trunc(d) || d < double(min) || d > double(max))
        return std::nullopt;
    const qint64 n = qint64(d);
    if (n < min || n > max) // bounds that a double rounds (near 2^63)
        return std::nullopt;
    return n;
}

qint64 JsonNumbers::read(const QJsonValue &value, const QString &field, qint64 min, qint64 max,
                         const QString &message)
{
    const auto n = wholeNumber(value, min, max);
    if (!n)
        throw ApiError::badRequest(message.isEmpty()
                                       ? QStringLiteral("\"%1\" must be a whole number from %2 "
                                                        "to %3.")
                                             .arg(field)
                                             .arg(min)
                                             .arg(max)
                                       : message);
    return *n;
}
