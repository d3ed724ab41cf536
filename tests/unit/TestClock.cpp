// SPDX-License-Identifier: GPL-3.0-or-later
#include "base/Clock.h"

#include <QDateTime>
#include <QtTest>

namespace {

// A clock that stands still until the test moves it.
class ManualClock : public Clock
{
public:
    explicit ManualClock(qint64 ms) : m_ms(ms) {}
    void advance(qint64 ms) { m_ms += ms; }

protected:
    qint64 currentMs() const override { return m_ms; }

private:
    qint64 m_ms;
};

} // namespace

class TestClock : public QObject
{
    Q_OBJECT
private slots:
    void cleanup() { Clock::setInstance(nullptr); }

    void systemClockIsTheDefault()
    {
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const qint64 now = Clock::nowMs();
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(before <= now && now <= after);
    }

    void anInstalledClockIsUsedUntilRemoved()
    {
        ManualClock manual(1'000'000);
        Clock::setInstance(&manual);
        QCOMPARE(Clock::nowMs(), qint64(1'000'000));
        QCOMPARE(&Clock::instance(), static_cast<const Clock *>(&manual));
        manual.advance(2500);
        QCOMPARE(Clock::nowMs(), qint64(1'002'500));

        Clock::setInstance(nullptr);
        QVERIFY(Clock::nowMs() > qint64(1'600'000'000'000)); // back to the real time
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "TestClock.moc"
