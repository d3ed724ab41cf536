// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

// Reading integers from JSON, which carries only doubles: a value is accepted when it is a
// finite whole number inside [min, max], checked before any conversion (converting 1e300 to an
// integer is undefined behaviour). Every admin handler reads numbers through here.
class JsonNumbers
{
public:
    // The largest integer a double holds exactly: ids and counts stay below it.
    static constexpr qint64 MaxExact = (qint64(1) << 53);
    // 9999-12-31T23:59:59.999Z: the last instant ISO 8601 dates express.
    static constexpr qint64 MaxTimeMs = 253402300799999;

    static std::optional<qint64> wholeNumber(const QJsonValue &value, qint64 min, qint64 max);
    // The same, or ApiError 400: "\"<field>\" must be a whole number from <min> to <max>."
    // (or `message` when given).
    static qint64 read(const QJsonValue &value, const QString &field, qint64 min, qint64 max,
                       const QString &message = QString());
};
