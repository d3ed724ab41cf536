// SPDX-License-Identifier: GPL-3.0-or-later
#include "routing/CooldownPolicy.h"
#include "routing/HealthBoard.h"

#include <QDateTime>
#include <QLocale>
#include <QTest>

namespace {
const qint64 kNow = 1750000000000; // whole seconds, so header round trips are exact
const qint64 kSecond = 1000;
const qint64 kMinute = 60 * kSecond;
const qint64 kHour = 60 * kMinute;

AttemptOutcome response(int status, HttpHeaderList headers = {})
{
    AttemptOutcome outcome;
    outcome.status = status;
    outcome.headers = std::move(headers);
    return outcome;
}

AttemptOutcome transportError(const QString &kind)
{
    AttemptOutcome outcome;
    outcome.errorKind = kind;
    return outcome;
}

QByteArray httpDate(qint64 ms)
{
    return QLocale::c()
        .toString(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC),
                  QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
        .toLatin1();
}

QByteArray rfc3339(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate).toLatin1();
}

QByteArray epochSeconds(qint64 ms)
{
    return QByteArray::number(ms / 1000);
}
} // namespace

class TestCooldownPolicy : public QObject
{
    Q_OBJECT

private slots:
    void successNeedsNothing()
    {
        const CooldownDecision d =
            CooldownPolicy::decide(response(200), AccountHealth(), kNow, CooldownSettings());
        QVERIFY(!d.failover);
        QCOMPARE(d.durationMs, 0);
        QVERIFY(!d.needsAttention);
        QVERIFY(d.errorType.isEmpty());
    }

    void clientErrorsAreReturnedAsTheyAre_data()
    {
        QTest::addColumn<int>("status");
        for (int status : {400, 404, 405, 408, 413, 422})
            QTest::newRow(QByteArray::number(status).constData()) << status;
    }
    void clientErrorsAreReturnedAsTheyAre()
    {
        QFETCH(int, status);
        const CooldownDecision d =
            CooldownPolicy::decide(response(status), AccountHealth(), kNow, CooldownSettings());
        QVERIFY(!d.failover);
        QCOMPARE(d.durationMs, 0);
        QVERIFY(!d.needsAttention);
        QCOMPARE(d.errorType, QStringLiteral("client_error"));
    }

    void authErrorsBenchLongAndNeedAttention_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("401") << 401;
        QTest::newRow("403") << 403;
    }
    void authErrorsBenchLongAndNeedAttention()
    {
        QFETCH(int, status);
        const CooldownDecision d =
            CooldownPolicy::decide(response(status), AccountHealth(), kNow, CooldownSettings());
        QVERIFY(d.failover);
        QVERIFY(d.needsAttention);
        QCOMPARE(d.durationMs, 30 * kMinute);
        QCOMPARE(d.errorType, QStringLiteral("auth"));
    }

    void defaultsPerErrorClass_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("errorKind");
        QTest::addColumn<qint64>("expectedMs");
        QTest::addColumn<QString>("errorType");
        QTest::newRow("529") << 529 << QString() << 60 * kSecond << "overloaded";
        QTest::newRow("503") << 503 << QString() << 30 * kSecond << "unavailable";
        QTest::newRow("500") << 500 << QString() << 30 * kSecond << "server_error";
        QTest::newRow("502") << 502 << QString() << 30 * kSecond << "server_error";
        QTest::newRow("connect") << 0 << "connect" << 30 * kSecond << "connect";
        QTest::newRow("tls") << 0 << "tls" << 30 * kSecond << "tls";
        QTest::newRow("timeout") << 0 << "timeout" << 60 * kSecond << "timeout";
        QTest::newRow("transfer") << 0 << "transfer" << 30 * kSecond << "transfer";
    }
    void defaultsPerErrorClass()
    {
        QFETCH(int, status);
        QFETCH(QString, errorKind);
        QFETCH(qint64, expectedMs);
        QFETCH(QString, errorType);
        AttemptOutcome outcome = response(status);
        outcome.errorKind = errorKind;
        const CooldownDecision d =
            CooldownPolicy::decide(outcome, AccountHealth(), kNow, CooldownSettings());
        QVERIFY(d.failover);
        QVERIFY(!d.needsAttention);
        QCOMPARE(d.durationMs, expectedMs);
        QCOMPARE(d.errorType, errorType);
        QVERIFY(!d.reason.isEmpty());
    }

    void settingsAreHonoured()
    {
        CooldownSettings s;
        s.overloadedMs = 7 * kSecond;
        s.unavailableMs = 8 * kSecond;
        s.serverErrorMs = 9 * kSecond;
        s.connectErrorMs = 10 * kSecond;
        s.timeoutMs = 11 * kSecond;
        s.authErrorMs = 12 * kSecond;
        s.transient429FirstMs = 13 * kSecond;
        const AccountHealth h;
        QCOMPARE(CooldownPolicy::decide(response(529), h, kNow, s).durationMs, 7 * kSecond);
        QCOMPARE(CooldownPolicy::decide(response(503), h, kNow, s).durationMs, 8 * kSecond);
        QCOMPARE(CooldownPolicy::decide(response(504), h, kNow, s).durationMs, 9 * kSecond);
        QCOMPARE(CooldownPolicy::decide(transportError("tls"), h, kNow, s).durationMs,
                 10 * kSecond);
        QCOMPARE(CooldownPolicy::decide(transportError("timeout"), h, kNow, s).durationMs,
                 11 * kSecond);
        QCOMPARE(CooldownPolicy::decide(response(403), h, kNow, s).durationMs, 12 * kSecond);
        QCOMPARE(CooldownPolicy::decide(response(429), h, kNow, s).durationMs, 13 * kSecond);
    }

    void retryAfterSeconds()
    {
        const CooldownDecision d = CooldownPolicy::decide(
            response(429, {{"retry-after", "42"}}), AccountHealth(), kNow, CooldownSettings());
        QVERIFY(d.failover);
        QCOMPARE(d.durationMs, 42 * kSecond);
        QCOMPARE(d.resetAtMs, kNow + 42 * kSecond);
        QVERIFY(d.reason.contains(QStringLiteral("retry-after")));
    }

    void openAiResetHeaders()
    {
        // The exhausted bucket's reset counts; a bucket with room left does not.
        const CooldownDecision d =
            CooldownPolicy::decide(response(429, {{"x-ratelimit-remaining-requests", "0"},
                                                  {"x-ratelimit-reset-requests", "6m0s"},
                                                  {"x-ratelimit-remaining-tokens", "5000"},
                                                  {"x-ratelimit-reset-tokens", "1h"}}),
                                   AccountHealth(), kNow, CooldownSettings());
        QCOMPARE(d.durationMs, 6 * 60 * kSecond);
        QVERIFY(d.reason.contains(QStringLiteral("x-ratelimit-reset-requests")));
        QCOMPARE(CooldownPolicy::parseGoDuration("1h2m3.5s").value_or(-1), qint64(3723500));
        QCOMPARE(CooldownPolicy::parseGoDuration("20ms").value_or(-1), qint64(20));
        QVERIFY(!CooldownPolicy::parseGoDuration("soon"));
        QVERIFY(!CooldownPolicy::parseGoDuration("5x"));
    }

    void retryAfterHttpDate()
    {
        const QByteArray date = httpDate(kNow + 90 * kSecond);
        QVERIFY(date.endsWith(" GMT"));
        const CooldownDecision d = CooldownPolicy::decide(
            response(429, {{"retry-after", date}}), AccountHealth(), kNow, CooldownSettings());
        QCOMPARE(d.durationMs, 90 * kSecond);
    }

    void httpDateForms()
    {
        const qint64 expected =
            QDateTime(QDate(1994, 11, 6), QTime(8, 49, 37), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(CooldownPolicy::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), expected);
        QCOMPARE(CooldownPolicy::parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), expected);
        QCOMPARE(CooldownPolicy::parseHttpDate("Sun Nov  6 08:49:37 1994"), expected);
        QVERIFY(!CooldownPolicy::parseHttpDate("Sun, 06 Foo 1994 08:49:37 GMT"));
        QVERIFY(!CooldownPolicy::parseHttpDate("soon"));
        QCOMPARE(CooldownPolicy::parseRetryAfter("1.5", kNow), kNow + 1500);
    }

    void rfc3339Forms()
    {
        const qint64 expected =
            QDateTime(QDate(2025, 6, 15), QTime(12, 0, 30), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(CooldownPolicy::parseRfc3339("2025-06-15T12:00:30Z"), expected);
        QCOMPARE(CooldownPolicy::parseRfc3339("2025-06-15T14:00:30+02:00"), expected);
        QCOMPARE(CooldownPolicy::parseRfc3339("2025-06-15T07:00:30-05:00"), expected);
        QCOMPARE(CooldownPolicy::parseRfc3339("2025-06-15T12:00:30.250Z"), expected + 250);
        QCOMPARE(CooldownPolicy::parseRfc3339("2025-06-15T12:00:30"), expected);
        QVERIFY(!CooldownPolicy::parseRfc3339("tomorrow"));
    }

    void unifiedResetWhenRejected()
    {
        const qint64 reset = kNow + 2 * kHour;
        const CooldownDecision d = CooldownPolicy::decide(
            response(429, {{"anthropic-ratelimit-unified-status", "rejected"},
                           {"anthropic-ratelimit-unified-reset", epochSeconds(reset)}}),
            AccountHealth(), kNow, CooldownSettings());
        QVERIFY(d.failover);
        QCOMPARE(d.durationMs, 2 * kHour);
        QCOMPARE(d.resetAtMs, reset);
        QVERIFY(d.reason.contains(QStringLiteral("unified-reset")));
    }

    void unifiedResetWithoutStatusCounts()
    {
        const CooldownDecision d = CooldownPolicy::decide(
            response(429, {{"anthropic-ratelimit-unified-reset", epochSeconds(kNow + kHour)}}),
            AccountHealth(), kNow, CooldownSettings());
        QCOMPARE(d.durationMs, kHour);
    }

    // CRS PR #1189: a short throttle arrives with the window's reset header but "allowed"
    // status; treating it as the 5-hour window running out locks the account for hours.
    void transientThrottleWithAllowedWindowIsShort()
    {
        const CooldownDecision d = CooldownPolicy::decide(
            response(429,
                     {{"anthropic-ratelimit-unified-status", "allowed"},
                      {"anthropic-ratelimit-unified-5h-status", "allowed"},
                      {"anthropic-ratelimit-unified-5h-reset", epochSeconds(kNow + 293 * kMinute)},
                      {"anthropic-ratelimit-unified-reset", epochSeconds(kNow + 293 * kMinute)}}),
            AccountHealth(), kNow, CooldownSettings());
        QVERIFY(d.failover);
        QCOMPARE(d.durationMs, 5 * kSecond);
        QCOMPARE(d.resetAtMs, 0);
    }

    void unifiedWindowResetWhenThatWindowIsRejected()
    {
        const CooldownDecision d = CooldownPolicy::decide(
            response(429,
                     {{"anthropic-ratelimit-unified-5h-status", "allowed"},
                      {"anthropic-ratelimit-unified-5h-reset", epochSeconds(kNow + kHour)},
                      {"anthropic-ratelimit-unified-7d-status", "rejected"},
                      {"anthropic-ratelimit-unified-7d-reset", epochSeconds(kNow + 3 * kHour)}}),
            AccountHealth(), kNow, CooldownSettings());
        QCOMPARE(d.durationMs, 3 * kHour);
    }

    void bucketResetsTakeTheLatestExhausted()
    {
        const CooldownDecision d = CooldownPolicy::decide(
            response(429,
                     {{"anthropic-ratelimit-requests-remaining", "0"},
                      {"anthropic-ratelimit-requests-reset", rfc3339(kNow + 20 * kSecond)},
                      {"anthropic-ratelimit-tokens-reset", rfc3339(kNow + 45 * kSecond)},
                      {"anthropic-ratelimit-input-tokens-remaining", "1000"},
                      {"anthropic-ratelimit-input-tokens-reset", rfc3339(kNow + 600 * kSecond)},
                      {"anthropic-ratelimit-output-tokens-remaining", "0"},
                      {"anthropic-ratelimit-output-tokens-reset", rfc3339(kNow + 30 * kSecond)}}),
            AccountHealth(), kNow, CooldownSettings());
        // input-tokens had tokens left, so its 10-minute reset is not the cause.
        QCOMPARE(d.durationMs, 45 * kSecond);
        QVERIFY(d.reason.contains(QStringLiteral("anthropic-ratelimit-tokens-reset")));
    }

    void latestAcrossHeaderKinds()
    {
        const CooldownDecision d = CooldownPolicy::decide(
            response(429,
                     {{"retry-after", "30"},
                      {"anthropic-ratelimit-requests-reset", rfc3339(kNow + 50 * kSecond)},
                      {"anthropic-ratelimit-unified-reset", epochSeconds(kNow + 40 * kSecond)}}),
            AccountHealth(), kNow, CooldownSettings());
        QCOMPARE(d.durationMs, 50 * kSecond);
    }

    void resetsAreCapped()
    {
        const HttpHeaderList headers = {
            {"anthropic-ratelimit-unified-status", "rejected"},
            {"anthropic-ratelimit-unified-reset", epochSeconds(kNow + 30 * kHour)}};
        CooldownDecision d = CooldownPolicy::decide(response(429, headers), AccountHealth(), kNow,
                                                    CooldownSettings());
        QCOMPARE(d.durationMs, 5 * kHour);
        QCOMPARE(d.resetAtMs, kNow + 5 * kHour);

        CooldownSettings s;
        s.maxRateLimitMs = 30 * kMinute;
        d = CooldownPolicy::decide(response(429, {{"retry-after", "86400"}}), AccountHealth(), kNow,
                                   s);
        QCOMPARE(d.durationMs, 30 * kMinute);
    }

    void pastOrBrokenResetsAreTransient()
    {
        const CooldownDecision d =
            CooldownPolicy::decide(response(429, {{"retry-after", httpDate(kNow - kHour)},
                                                  {"anthropic-ratelimit-tokens-reset", "garbage"}}),
                                   AccountHealth(), kNow, CooldownSettings());
        QCOMPARE(d.durationMs, 5 * kSecond);
    }

    // CRS PR #1189: a 429 without a reset header must never bench an account for hours.
    void transient429EscalatesAndResetsAfterSuccess()
    {
        HealthBoard board;
        const CooldownSettings s;
        const qint64 id = 7;
        const QList<qint64> expected = {5 * kSecond,   10 * kSecond,  20 * kSecond,
                                        40 * kSecond,  80 * kSecond,  160 * kSecond,
                                        300 * kSecond, 300 * kSecond, 300 * kSecond};
        qint64 now = kNow;
        for (int i = 0; i < expected.size(); ++i) {
            board.started(id, now);
            const CooldownDecision d = board.finishedWith(id, now, -1, response(429), s);
            QVERIFY(d.failover);
            QCOMPARE(d.durationMs, expected.at(i));
            QCOMPARE(board.get(id).consecutive429s, i + 1);
            QVERIFY(board.isCoolingDown(id, now));
            QCOMPARE(board.get(id).cooldownUntilMs, now + expected.at(i));
            now += d.durationMs;
            QVERIFY(!board.isCoolingDown(id, now));
        }
        for (int i = 0; i < 1000; ++i) {
            const CooldownDecision d = CooldownPolicy::decide(response(429), board.get(id), now, s);
            QVERIFY(d.durationMs <= 5 * kMinute);
            board.applyCooldown(id, d, now);
        }

        board.started(id, now);
        board.finishedWith(id, now, 200, response(200), s);
        QCOMPARE(board.get(id).consecutive429s, 0);
        QCOMPARE(board.get(id).consecutiveFailures, 0);
        const CooldownDecision again = CooldownPolicy::decide(response(429), board.get(id), now, s);
        QCOMPARE(again.durationMs, 5 * kSecond);
    }

    void authFailureFlagsTheAccount()
    {
        HealthBoard board;
        board.started(3, kNow);
        const CooldownDecision d =
            board.finishedWith(3, kNow, -1, response(401), CooldownSettings());
        QVERIFY(d.failover);
        QVERIFY(board.get(3).needsAttention);
        QCOMPARE(board.get(3).lastErrorType, QStringLiteral("auth"));
        QCOMPARE(board.get(3).cooldownUntilMs, kNow + 30 * kMinute);
        QCOMPARE(board.get(3).inFlight, 0);
        QCOMPARE(board.get(3).consecutiveFailures, 1);
    }

    void clientErrorDoesNotCountAgainstTheAccount()
    {
        HealthBoard board;
        board.started(4, kNow);
        board.finishedWith(4, kNow, -1, response(503), CooldownSettings());
        QCOMPARE(board.get(4).consecutiveFailures, 1);
        board.clearCooldown(4);
        board.started(4, kNow);
        const CooldownDecision d =
            board.finishedWith(4, kNow, 120, response(400), CooldownSettings());
        QVERIFY(!d.failover);
        QVERIFY(!board.isCoolingDown(4, kNow));
        QCOMPARE(board.get(4).consecutiveFailures, 0);
    }
};

QTEST_GUILESS_MAIN(TestCooldownPolicy)
#include "TestCooldownPolicy.moc"
