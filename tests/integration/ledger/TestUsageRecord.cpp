// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/UsageRecord.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <limits>

class TestUsageRecord : public QObject
{
    Q_OBJECT
private:
    static UsageRecord sample()
    {
        UsageRecord r;
        r.requestId = QStringLiteral("req_01HXYZ");
        r.createdAtMs = 1735689600123; // 2025-01-01T00:00:00.123Z
        r.keyId = 7;
        r.userId = 3;
        r.accountId = 11;
        r.provider = QStringLiteral("anthropic");
        r.model = QStringLiteral("claude-sonnet-4 \"\u00e9\"\n");
        r.endpoint = QStringLiteral("/v1/messages");
        r.stream = true;
        r.status = 200;
        r.usage.inputTokens = 1200;
        r.usage.outputTokens = 345;
        r.usage.cacheWriteTokens = 10000;
        r.usage.cacheReadTokens = 50000;
        r.usage.cacheWrite1hTokens = 4000;
        r.cost = 0.0123456789012345;
        r.latencyMs = 2345;
        r.ttfbMs = -1;
        r.errorType = QString();
        r.clientAborted = true;
        return r;
    }

private slots:
    void jsonHasTheApiShape()
    {
        const QJsonObject o = sample().toJson();
        QCOMPARE(o.value("requestId").toString(), QStringLiteral("req_01HXYZ"));
        QCOMPARE(o.value("createdAt").toString(), QStringLiteral("2025-01-01T00:00:00.123Z"));
        QCOMPARE(o.value("keyId").toInteger(), 7);
        QCOMPARE(o.value("userId").toInteger(), 3);
        QCOMPARE(o.value("accountId").toInteger(), 11);
        QCOMPARE(o.value("provider").toString(), QStringLiteral("anthropic"));
        QCOMPARE(o.value("endpoint").toString(), QStringLiteral("/v1/messages"));
        QCOMPARE(o.value("stream").toBool(), true);
        QCOMPARE(o.value("status").toInt(), 200);
        QCOMPARE(o.value("inputTokens").toInteger(), 1200);
        QCOMPARE(o.value("outputTokens").toInteger(), 345);
        QCOMPARE(o.value("cacheWriteTokens").toInteger(), 10000);
        QCOMPARE(o.value("cacheReadTokens").toInteger(), 50000);
        QCOMPARE(o.value("cost").toDouble(), 0.0123456789012345);
        QCOMPARE(o.value("latencyMs").toInteger(), 2345);
        QCOMPARE(o.value("ttfbMs").toInteger(), -1);
        QCOMPARE(o.value("errorType").toString(), QString());
        QCOMPARE(o.value("clientAborted").toBool(), true);
        // The cost split (schema v7).
        QCOMPARE(o.value("cacheWrite1hTokens").toInteger(), 4000);
        QCOMPARE(o.value("reasoningTokens").toInteger(), 0);
        // + attempts, attemptLog, upstreamModel (schema v2); enterpriseId, departmentId,
        // groupId (schema v4, null when unset); cacheWrite1hTokens, reasoningTokens (v7)
        QCOMPARE(o.size(), 27);
        QVERIFY(o.value("enterpriseId").isNull());
    }

    void spoolLinesCarryTheKeysPlaceAndOldLinesStillReplay()
    {
        UsageRecord r = sample();
        const QByteArray old = r.toSpoolLine(); // no place: the line an older build wrote
        QVERIFY(!old.contains("\"en\""));
        const auto oldBack = UsageRecord::fromSpoolLine(old);
        QVERIFY(oldBack);
        QCOMPARE(oldBack->enterpriseId, 0);
        QCOMPARE(oldBack->departmentId, 0);
        QCOMPARE(oldBack->groupId, 0);
        r.enterpriseId = 4;
        r.departmentId = 9;
        r.groupId = 12;
        const auto back = UsageRecord::fromSpoolLine(r.toSpoolLine());
        QVERIFY(back);
        QCOMPARE(back->enterpriseId, 4);
        QCOMPARE(back->departmentId, 9);
        QCOMPARE(back->groupId, 12);
        QVERIFY(*back == r);
        QCOMPARE(r.toJson().value("departmentId").toInteger(), 9);
    }

    void spoolLinesCarryTheCostSplitAndOldLinesStillReplay()
    {
        UsageRecord r = sample();
        r.usage.cacheWrite1hTokens = 0;
        r.usage.reasoningTokens = 0;
        const QByteArray old = r.toSpoolLine(); // the line a build before the split wrote
        QVERIFY(!old.contains("\"cw1h\""));
        QVERIFY(!old.contains("\"rs\""));
        const auto oldBack = UsageRecord::fromSpoolLine(old);
        QVERIFY(oldBack);
        QCOMPARE(oldBack->usage.cacheWriteTokens, 10000);
        QCOMPARE(oldBack->usage.cacheWrite1hTokens, 0);
        QCOMPARE(oldBack->usage.reasoningTokens, 0);
        QVERIFY(*oldBack == r);

        r.usage.cacheWrite1hTokens = 7000;
        r.usage.reasoningTokens = 300;
        const QByteArray line = r.toSpoolLine();
        QVERIFY(line.contains("\"cw1h\":7000"));
        QVERIFY(line.contains("\"rs\":300"));
        const auto back = UsageRecord::fromSpoolLine(line);
        QVERIFY(back);
        QCOMPARE(back->usage.cacheWrite1hTokens, 7000);
        QCOMPARE(back->usage.reasoningTokens, 300);
        QVERIFY(*back == r);
        // A record differing only in the split is a different record.
        UsageRecord other = r;
        other.usage.reasoningTokens = 301;
        QVERIFY(other != r);
    }

    void spoolLineRoundTrips()
    {
        const UsageRecord r = sample();
        const QByteArray line = r.toSpoolLine();
        QVERIFY(!line.contains('\n')); // one record, one line
        const std::optional<UsageRecord> back = UsageRecord::fromSpoolLine(line);
        QVERIFY(back);
        QVERIFY(*back == r);
        QVERIFY(UsageRecord::fromSpoolLine(line + "\n"));
        QVERIFY(UsageRecord::fromSpoolLine(line + "\r\n"));

        UsageRecord other = r;
        other.cost = 1e-12;
        other.ttfbMs = 12;
        other.errorType = QStringLiteral("upstream_timeout \x01\t\\ \"x\"");
        QVERIFY(*UsageRecord::fromSpoolLine(other.toSpoolLine()) == other);
    }

    void requestIdsAreTimeOrderedUuids()
    {
        const QRegularExpression uuid7(QStringLiteral(
            "^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        QString previous;
        QSet<QString> seen;
        for (int i = 0; i < 1000; ++i) {
            const QString id = UsageRecord::newRequestId(1735689600000 + i);
            QVERIFY2(uuid7.match(id).hasMatch(), qPrintable(id));
            QVERIFY(id > previous); // later milliseconds sort later
            previous = id;
            seen.insert(id);
        }
        QCOMPARE(seen.size(), 1000);
        // Same millisecond: still unique (random bits).
        QVERIFY(UsageRecord::newRequestId(5) != UsageRecord::newRequestId(5));
        QVERIFY(UsageRecord::newRequestId(1735689600000).startsWith(QLatin1String("01941f29")));
    }

    void aLineFromAnEarlierBuildReplaysAndTheSameRecordIsWrittenTheSame()
    {
        // Written by a build that formatted numbers with Qt and computed the CRC-32 by table.
        const QByteArray earlier =
            "79b4f894 "
            "{\"r\":\"0190a1b2-0000-7000-8000-000000000001\",\"t\":1700000000000,\"k\":3,"
            "\"u\":2,\"a\":5,\"p\":\"anthropic\",\"m\":\"claude-sonnet-4\",\"e\":\"/v1/"
            "messages\",\"s\":false,\"st\":200,\"in\":10,\"out\":20,\"cw\":0,\"cr\":0,"
            "\"c\":0.00015,\"l\":12,\"f\":5,\"et\":\"\",\"ca\":false}";
        const std::optional<UsageRecord> back = UsageRecord::fromSpoolLine(earlier);
        QVERIFY(back);
        QCOMPARE(back->requestId, QStringLiteral("0190a1b2-0000-7000-8000-000000000001"));
        QCOMPARE(back->createdAtMs, 1700000000000);
        QCOMPARE(back->usage.outputTokens, 20);
        QCOMPARE(back->cost, 0.00015);
        QCOMPARE(back->toSpoolLine(), earlier);
    }

    void textAndNumbersRoundTripExactly()
    {
        UsageRecord r = sample();
        r.model = QStringLiteral("qwen-\u901a\u4e49-max"); // not ASCII
        r.upstreamModel = QString(300, QLatin1Char('m'));  // longer than the short-text path
        r.errorType = QStringLiteral("e\u00e9\x7f");
        for (const double cost : {0.1 + 0.2, 1.0 / 3.0, 123456789.125, 5e-324, 1e300, 0.0}) {
            r.cost = cost;
            r.createdAtMs = std::numeric_limits<qint64>::max();
            r.latencyMs = std::numeric_limits<qint64>::min();
            const QByteArray line = r.toSpoolLine();
            const std::optional<UsageRecord> back = UsageRecord::fromSpoolLine(line);
            QVERIFY2(back, line.constData());
            QVERIFY2(*back == r, line.constData());
            QCOMPARE(back->model, r.model);
            QCOMPARE(back->cost, cost);
        }
        r.cost = std::numeric_limits<double>::infinity(); // not JSON: written as 0
        QCOMPARE(UsageRecord::fromSpoolLine(r.toSpoolLine())->cost, 0.0);
    }

    void damagedLinesAreRejected()
    {
        const QByteArray line = sample().toSpoolLine();
        for (int cut : {0, 5, 9, 20, int(line.size()) - 1})
            QVERIFY2(!UsageRecord::fromSpoolLine(line.left(cut)), qPrintable(QString::number(cut)));
        for (int pos : {0, 8, 15, int(line.size()) / 2, int(line.size()) - 2}) {
            QByteArray flipped = line;
            flipped[pos] = flipped[pos] ^ 0x01;
            QVERIFY2(!UsageRecord::fromSpoolLine(flipped), qPrintable(QString::number(pos)));
        }
        QVERIFY(!UsageRecord::fromSpoolLine(QByteArray()));
        QVERIFY(!UsageRecord::fromSpoolLine("00000000 {}"));
    }
};

QTEST_GUILESS_MAIN(TestUsageRecord)
#include "TestUsageRecord.moc"
