// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/HealthBoard.h"

#include <QJsonObject>
#include <QTest>

namespace {
const qint64 kNow = 1750000000000;

CooldownDecision cooldown(qint64 ms, const QString &reason, bool attention = false)
{
    CooldownDecision decision;
    decision.durationMs = ms;
    decision.reason = reason;
    decision.needsAttention = attention;
    decision.failover = true;
    decision.errorType = QStringLiteral("server_error");
    return decision;
}
} // namespace

class TestRoutingHealthBoard : public QObject
{
    Q_OBJECT

private slots:
    void unknownAccountIsHealthyAndIdle()
    {
        HealthBoard board;
        QCOMPARE(board.get(99).inFlight, 0);
        QVERIFY(!board.get(99).ttfbEwmaMs.has_value());
        QVERIFY(!board.isCoolingDown(99, kNow));
        QVERIFY(!board.contains(99));
    }

    void inFlightCountsAndNeverGoesNegative()
    {
        HealthBoard board;
        board.started(1, kNow);
        board.started(1, kNow + 5);
        QCOMPARE(board.get(1).inFlight, 2);
        QCOMPARE(board.get(1).lastUsedMs, kNow + 5);
        board.finished(1, kNow + 10, -1, true);
        board.finished(1, kNow + 11, -1, true);
        board.finished(1, kNow + 12, -1, true);
        QCOMPARE(board.get(1).inFlight, 0);
    }

    void useSequenceOrdersStartsWithinOneMillisecond()
    {
        HealthBoard board;
        board.started(1, kNow);
        board.started(2, kNow);
        QVERIFY(board.get(2).useSequence > board.get(1).useSequence);
        QCOMPARE(board.get(3).useSequence, quint64(0));
    }

    void ttfbMovingAverage()
    {
        HealthBoard board;
        board.started(1, kNow);
        board.finished(1, kNow, -1, true);
        QVERIFY(!board.get(1).ttfbEwmaMs.has_value());
        board.started(1, kNow);
        board.finished(1, kNow, 1000, true);
        QCOMPARE(*board.get(1).ttfbEwmaMs, 1000.0);
        board.started(1, kNow);
        board.finished(1, kNow, 500, true);
        QCOMPARE(*board.get(1).ttfbEwmaMs, 900.0); // 0.2 * 500 + 0.8 * 1000
        // A fast failure does not make the account look fast.
        board.started(1, kNow);
        board.finished(1, kNow, 5, false);
        QCOMPARE(*board.get(1).ttfbEwmaMs, 900.0);
        QCOMPARE(board.get(1).consecutiveFailures, 1);
    }

    void longerCooldownIsKept()
    {
        HealthBoard board;
        board.applyCooldown(1, cooldown(60000, QStringLiteral("long")), kNow);
        board.applyCooldown(1, cooldown(5000, QStringLiteral("short")), kNow + 1000);
        QCOMPARE(board.get(1).cooldownUntilMs, kNow + 60000);
        QCOMPARE(board.get(1).cooldownReason, QStringLiteral("long"));
        board.applyCooldown(1, cooldown(120000, QStringLiteral("longer")), kNow + 1000);
        QCOMPARE(board.get(1).cooldownUntilMs, kNow + 121000);
        QCOMPARE(board.get(1).cooldownReason, QStringLiteral("longer"));
        QVERIFY(board.isCoolingDown(1, kNow + 120999));
        QVERIFY(!board.isCoolingDown(1, kNow + 121000));
        // Once expired, a shorter one applies again.
        board.applyCooldown(1, cooldown(1000, QStringLiteral("again")), kNow + 200000);
        QCOMPARE(board.get(1).cooldownUntilMs, kNow + 201000);
    }

    void clearCooldownBringsBack()
    {
        HealthBoard board;
        board.applyCooldown(1, cooldown(60000, QStringLiteral("auth"), true), kNow);
        QVERIFY(board.get(1).needsAttention);
        board.clearCooldown(1);
        QVERIFY(!board.isCoolingDown(1, kNow));
        QVERIFY(!board.get(1).needsAttention);
        QVERIFY(board.get(1).cooldownReason.isEmpty());
    }

    void soonestAvailable()
    {
        HealthBoard board;
        board.applyCooldown(1, cooldown(60000, QStringLiteral("a")), kNow);
        board.applyCooldown(2, cooldown(20000, QStringLiteral("b")), kNow);
        board.applyCooldown(3, cooldown(90000, QStringLiteral("c")), kNow);
        QCOMPARE(board.soonestAvailableMs({1, 2, 3}, kNow), kNow + 20000);
        QCOMPARE(board.soonestAvailableMs({1, 3}, kNow), kNow + 60000);
        QCOMPARE(board.soonestAvailableMs({1, 4}, kNow), kNow); // 4 is not cooling down
        QCOMPARE(board.soonestAvailableMs({}, kNow), kNow);
    }

    void jsonExport()
    {
        HealthBoard board;
        board.started(5, kNow);
        board.finished(5, kNow + 10, 250, true);
        board.started(5, kNow + 20);
        board.applyCooldown(5, cooldown(30000, QStringLiteral("503 unavailable")), kNow + 30);
        QJsonObject json = board.toJson(5, kNow + 1030);
        QCOMPARE(json.value("accountId").toInteger(), 5);
        QCOMPARE(json.value("inFlight").toInt(), 1);
        QCOMPARE(json.value("lastUsedMs").toInteger(), kNow + 20);
        QCOMPARE(json.value("ttfbEwmaMs").toDouble(), 250.0);
        QCOMPARE(json.value("coolingDown").toBool(), true);
        QCOMPARE(json.value("cooldownUntilMs").toInteger(), kNow + 30030);
        QCOMPARE(json.value("cooldownRemainingMs").toInteger(), 29000);
        QCOMPARE(json.value("cooldownReason").toString(), QStringLiteral("503 unavailable"));
        QCOMPARE(json.value("lastErrorType").toString(), QStringLiteral("server_error"));
        QCOMPARE(json.value("needsAttention").toBool(), false);

        json = board.toJson(6, kNow);
        QVERIFY(json.value("ttfbEwmaMs").isNull());
        QCOMPARE(json.value("coolingDown").toBool(), false);
        QCOMPARE(json.value("cooldownRemainingMs").toInteger(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRoutingHealthBoard)
#include "TestRoutingHealthBoard.moc"
