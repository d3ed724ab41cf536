// SPDX-License-Identifier: GPL-3.0-or-later
#include "api/admin/PeriodWindow.h"

#include <QDateTime>

namespace {

// Midnight at the start of `date` in `zone`. Where a time-zone change skips midnight (a few
// zones move their clocks at 00:00), the day starts at the first instant that exists.
qint64 startOfDay(const QDate &date, const QTimeZone &zone)
{
    const QDateTime midnight(date, QTime(0, 0), zone);
    if (midnight.isValid() && midnight.date() == date)
        return midnight.toMSecsSinceEpoch();
    for (int minutes = 15; minutes <= 180; minutes += 15) {
        const QDateTime later(date, QTime(0, 0).addSecs(minutes * 60), zone);
        if (later.isValid() && later.date() == date)
            return later.toMSecsSinceEpoch();
    }
    return QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

} // namespace

PeriodWindow PeriodWindow::of(BudgetPeriod period, qint64 nowMs, const QTimeZone &zone)
{
    const QTimeZone tz = zone.isValid() ? zone : QTimeZone::utc();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, tz).date();
    QDate first = today;
    QDate next = today.addDays(1);
    switch (period) {
    case BudgetPeriod::Day:
        break;
    case BudgetPeriod::Week:
        first = today.addDays(1 - today.dayOfWeek()); // Monday is 1
        next = first.addDays(7);
        break;
    case BudgetPeriod::Month:
        first = QDate(today.year(), today.month(), 1);
        next = first.addMonths(1);
        break;
    }
    return PeriodWindow{startOfDay(first, tz), startOfDay(next, tz)};
}

QTimeZone PeriodWindow::zone(const QString &ianaName)
{
    if (ianaName.isEmpty())
        return QTimeZone::utc();
    const QTimeZone tz(ianaName.toUtf8());
    return tz.isValid() ? tz : QTimeZone::utc();
}
