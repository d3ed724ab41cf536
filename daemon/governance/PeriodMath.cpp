// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/PeriodMath.h"

#include <QDateTime>

PeriodMath::PeriodMath() : m_zone(QTimeZone::utc()) {}

bool PeriodMath::setTimeZone(const QString &ianaName)
{
    if (ianaName.isEmpty() || ianaName == QLatin1String("UTC")) {
        m_zone = QTimeZone::utc();
        return true;
    }
    const QByteArray id = ianaName.toUtf8();
    if (!QTimeZone::isTimeZoneIdAvailable(id))
        return false;
    m_zone = QTimeZone(id);
    return m_zone.isValid();
}

QString PeriodMath::timeZoneName() const
{
    return QString::fromUtf8(m_zone.id());
}

PeriodMath::Window PeriodMath::window(Unit unit, qint64 nowMs) const
{
    if (unit == Unit::Minute) {
        const qint64 start = nowMs - (((nowMs % 60000) + 60000) % 60000);
        return {start, start + 60000};
    }
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, m_zone).date();
    QDate first;
    QDate next;
    switch (unit) {
    case Unit::Day:
        first = today;
        next = today.addDays(1);
        break;
    case Unit::Week:
        first = today.addDays(1 - today.dayOfWeek()); // Monday is 1
        next = first.addDays(7);
        break;
    case Unit::Month:
    case Unit::Minute:
        first = QDate(today.year(), today.month(), 1);
        next = first.addMonths(1);
        break;
    }
    // Midnight exists in nearly every zone; where a transition skips it, QDateTime moves to
    // the first valid instant after it.
    const qint64 start = QDateTime(first, QTime(0, 0), m_zone).toMSecsSinceEpoch();
    const qint64 end = QDateTime(next, QTime(0, 0), m_zone).toMSecsSinceEpoch();
    return {start, end};
}

QString PeriodMath::isoUtc(qint64 ms)
{
    // The same few instants (the ends of the current minute, day and month) are formatted for
    // every admitted call's headers: the last ones are remembered per thread.
    constexpr int kSlots = 4;
    thread_local qint64 keys[kSlots] = {-1, -1, -1, -1};
    thread_local QString values[kSlots];
    thread_local int next = 0;
    for (int i = 0; i < kSlots; ++i) {
        if (keys[i] == ms)
            return values[i];
    }
    const QString text = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
    keys[next] = ms;
    values[next] = text;
    next = (next + 1) % kSlots;
    return text;
}
