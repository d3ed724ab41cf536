// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTimeZone>

// Where the periods of quotas and budgets begin and end: days, weeks (from Monday) and months
// begin at midnight in the configured time zone (quota_timezone, an IANA name; UTC by default).
// Daylight-saving days are 23 or 25 hours long. Rate windows (rpm, tpm) are fixed minutes of UTC.
class PeriodMath
{
public:
    enum class Unit
    {
        Minute,
        Day,
        Week,
        Month
    };
    struct Window
    {
        qint64 startMs = 0;
        qint64 endMs = 0; // exclusive: the instant the next window begins
    };

    PeriodMath(); // UTC
    // False (and UTC kept) when the name is not a time zone this system knows.
    bool setTimeZone(const QString &ianaName);
    QString timeZoneName() const;

    Window window(Unit unit, qint64 nowMs) const;

    // "2026-12-01T00:00:00Z": an instant in ISO 8601 UTC, for messages and headers.
    static QString isoUtc(qint64 ms);

private:
    QTimeZone m_zone;
};
