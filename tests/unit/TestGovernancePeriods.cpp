// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/PeriodMath.h"

#include <QDateTime>
#include <QtTest>

namespace {

qint64 utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

} // namespace

class TestGovernancePeriods : public QObject
{
    Q_OBJECT
private slots:
    void utcDayWeekMonthAndMinute()
    {
        PeriodMath m;
        QCOMPARE(m.timeZoneName(), QStringLiteral("UTC"));
        const qint64 now = utc("2026-11-18T15:42:07.250Z"); // a Wednesday
        auto day = m.window(PeriodMath::Unit::Day, now);
        QCOMPARE(PeriodMath::isoUtc(day.startMs), QStringLiteral("2026-11-18T00:00:00Z"));
        QCOMPARE(PeriodMath::isoUtc(day.endMs), QStringLiteral("2026-11-19T00:00:00Z"));
        auto week = m.window(PeriodMath::Unit::Week, now);
        QCOMPARE(PeriodMath::isoUtc(week.startMs), QStringLiteral("2026-11-16T00:00:00Z"));
        QCOMPARE(PeriodMath::isoUtc(week.endMs), QStringLiteral("2026-11-23T00:00:00Z"));
        auto month = m.window(PeriodMath::Unit::Month, now);
        QCOMPARE(PeriodMath::isoUtc(month.startMs), QStringLiteral("2026-11-01T00:00:00Z"));
        QCOMPARE(PeriodMath::isoUtc(month.endMs), QStringLiteral("2026-12-01T00:00:00Z"));
        auto minute = m.window(PeriodMath::Unit::Minute, now);
        QCOMPARE(PeriodMath::isoUtc(minute.startMs), QStringLiteral("2026-11-18T15:42:00Z"));
        QCOMPARE(minute.endMs - minute.startMs, 60000);
    }

    void aMondayStartsItsOwnWeekAndDecemberEndsInJanuary()
    {
        PeriodMath m;
        const qint64 monday = utc("2026-11-16T00:00:00Z");
        QCOMPARE(m.window(PeriodMath::Unit::Week, monday).startMs, monday);
        QCOMPARE(m.window(PeriodMath::Unit::Week, monday - 1).startMs, utc("2026-11-09T00:00:00Z"));
        const auto dec = m.window(PeriodMath::Unit::Month, utc("2026-12-31T23:59:59Z"));
        QCOMPARE(PeriodMath::isoUtc(dec.endMs), QStringLiteral("2027-01-01T00:00:00Z"));
        // The last instant of a period belongs to it, the end to the next one.
        QCOMPARE(m.window(PeriodMath::Unit::Month, dec.endMs).startMs, dec.endMs);
    }

    void periodsFollowTheConfiguredZone()
    {
        PeriodMath m;
        QVERIFY(m.setTimeZone(QStringLiteral("Asia/Shanghai")));
        // 20:00 UTC on the 30th is already 04:00 on 1 December in Shanghai (UTC+8).
        const qint64 now = utc("2026-11-30T20:00:00Z");
        const auto month = m.window(PeriodMath::Unit::Month, now);
        QCOMPARE(PeriodMath::isoUtc(month.startMs), QStringLiteral("2026-11-30T16:00:00Z"));
        QCOMPARE(PeriodMath::isoUtc(month.endMs), QStringLiteral("2026-12-31T16:00:00Z"));
        const auto day = m.window(PeriodMath::Unit::Day, now);
        QCOMPARE(PeriodMath::isoUtc(day.startMs), QStringLiteral("2026-11-30T16:00:00Z"));
    }

    void daylightSavingDaysHaveTheirRealLength()
    {
        PeriodMath m;
        QVERIFY(m.setTimeZone(QStringLiteral("Europe/Berlin")));
        // 29 March 2026: clocks go from 02:00 to 03:00, the day has 23 hours.
        const auto spring = m.window(PeriodMath::Unit::Day, utc("2026-03-29T12:00:00Z"));
        QCOMPARE(PeriodMath::isoUtc(spring.startMs), QStringLiteral("2026-03-28T23:00:00Z"));
        QCOMPARE(spring.endMs - spring.startMs, 23 * 3600 * 1000LL);
        // 25 October 2026: back from 03:00 to 02:00, 25 hours.
        const auto autumn = m.window(PeriodMath::Unit::Day, utc("2026-10-25T12:00:00Z"));
        QCOMPARE(autumn.endMs - autumn.startMs, 25 * 3600 * 1000LL);
    }

    void anUnknownZoneIsRejectedAndUtcKept()
    {
        PeriodMath m;
        QVERIFY(!m.setTimeZone(QStringLiteral("Mars/Olympus_Mons")));
        QCOMPARE(m.timeZoneName(), QStringLiteral("UTC"));
        QVERIFY(m.setTimeZone(QStringLiteral("UTC")));
    }
};

QTEST_GUILESS_MAIN(TestGovernancePeriods)
#include "TestGovernancePeriods.moc"
