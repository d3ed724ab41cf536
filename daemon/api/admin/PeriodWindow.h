// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/GovernanceRules.h"

#include <QTimeZone>
#include <QtGlobal>

// The calendar period that contains an instant, in a time zone: a day from midnight, a week
// from Monday midnight, a month from the 1st at midnight. Used by the admin API to show a
// budget's period (and a quota's daily and monthly resets) before the governance engine has
// counted anything for it.
struct PeriodWindow
{
    qint64 startMs = 0; // inclusive, UTC epoch ms
    qint64 endMs = 0;   // exclusive: the start of the next period

    static PeriodWindow of(BudgetPeriod period, qint64 nowMs, const QTimeZone &zone);
    // The zone for an IANA name; UTC for an empty or unknown name.
    static QTimeZone zone(const QString &ianaName);
};
