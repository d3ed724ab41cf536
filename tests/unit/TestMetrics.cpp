// SPDX-License-Identifier: GPL-3.0-or-later
// The Prometheus text the daemon serves on /metrics: escaped label values, bounded series.
#include "base/Metrics.h"

#include <QTest>

#include <cmath>
#include <limits>

class TestMetrics final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void labelValuesAreEscaped()
    {
        QCOMPARE(Metrics::escapeLabelValue(QStringLiteral("plain/{x}")), QByteArray("plain/{x}"));
        QCOMPARE(Metrics::escapeLabelValue(QStringLiteral("a\\b\"c\nd")),
                 QByteArray("a\\\\b\\\"c\\nd"));

        Metrics m;
        m.countRequest(QStringLiteral("/v1/\"x\"\n"), 401);
        m.countUpstreamError(QStringLiteral("anthropic"), QStringLiteral("bad\\type"));
        const QByteArray text = m.render();
        QVERIFY2(text.contains(
                     "aicarpool_requests_total{endpoint=\"/v1/\\\"x\\\"\\n\",status=\"401\"} 1\n"),
                 text.constData());
        QVERIFY(text.contains("type=\"bad\\\\type\"} 1\n"));
        // Every sample is one line: no raw newline inside a label.
        for (const QByteArray &line : text.split('\n')) {
            if (line.startsWith("aicarpool_requests_total{"))
                QVERIFY2(line.endsWith(" 1"), line.constData());
        }
    }

    void refusalsAreCountedByLimit()
    {
        Metrics m;
        m.countRefusal(QStringLiteral("budget"));
        m.countRefusal(QStringLiteral("budget"));
        m.countRefusal(QStringLiteral("rpm"));
        m.countRefusal(QStringLiteral("made-up\nlimit")); // not a limit: "other"
        const QByteArray page = m.render();
        QVERIFY(page.contains("# TYPE aicarpool_governance_refusals_total counter\n"));
        QVERIFY(page.contains("aicarpool_governance_refusals_total{limit=\"budget\"} 2\n"));
        QVERIFY(page.contains("aicarpool_governance_refusals_total{limit=\"rpm\"} 1\n"));
        QVERIFY(page.contains("aicarpool_governance_refusals_total{limit=\"other\"} 1\n"));
        QVERIFY(!page.contains("made-up"));
    }

    void gaugesAndCountersReadAtRenderTime()
    {
        Metrics m;
        double depth = 3;
        double written = 41;
        m.addGauge(QStringLiteral("aicarpool_test_depth"), QStringLiteral("A depth."),
                   [&depth] { return depth; });
        m.addCounter(QStringLiteral("aicarpool_test_written_total"), QStringLiteral("Written."),
                     [&written] { return written; });
        depth = 5;
        written = 42;
        const QByteArray page = m.render();
        QVERIFY2(page.contains("# HELP aicarpool_test_depth A depth.\n"
                               "# TYPE aicarpool_test_depth gauge\naicarpool_test_depth 5\n"),
                 page.constData());
        QVERIFY2(page.contains("# TYPE aicarpool_test_written_total counter\n"
                               "aicarpool_test_written_total 42\n"),
                 page.constData());
    }

    void endpointSeriesAreBounded()
    {
        Metrics m;
        for (int i = 0; i < Metrics::kMaxEndpoints + 500; ++i)
            m.countRequest(QStringLiteral("/e/%1").arg(i), 404);
        const QByteArray text = m.render();
        QCOMPARE(text.count("aicarpool_requests_total{"), qsizetype(Metrics::kMaxEndpoints + 1));
        QVERIFY(text.contains("aicarpool_requests_total{endpoint=\"other\",status=\"404\"} 500\n"));
        // Known labels keep counting under their own name.
        m.countRequest(QStringLiteral("/e/0"), 404);
        QVERIFY(m.render().contains("{endpoint=\"/e/0\",status=\"404\"} 2\n"));
    }

    // Buckets are cumulative, as Prometheus reads them: each counts the observations at or below
    // its bound; +Inf and _count count them all, including those past the last bound.
    void latencyBucketsAreCumulative()
    {
        Metrics m;
        for (double s : {0.001, 0.005, 0.03, 0.03, 0.7, 31.0, 100.0})
            m.observeUpstreamLatency(s);
        const QByteArray page = m.render();
        auto bucket = [&](const char *le) {
            const QByteArray prefix =
                QByteArray("aicarpool_upstream_latency_seconds_bucket{le=\"") + le + "\"} ";
            const qsizetype at = page.indexOf(prefix);
            if (at < 0)
                return QByteArray("missing");
            const qsizetype end = page.indexOf('\n', at);
            return page.mid(at + prefix.size(), end - at - prefix.size());
        };
        QCOMPARE(bucket("0.005"), QByteArray("2"));
        QCOMPARE(bucket("0.01"), QByteArray("2"));
        QCOMPARE(bucket("0.05"), QByteArray("4"));
        QCOMPARE(bucket("0.5"), QByteArray("4"));
        QCOMPARE(bucket("1"), QByteArray("5"));
        QCOMPARE(bucket("30"), QByteArray("5"));
        QCOMPARE(bucket("+Inf"), QByteArray("7"));
        QVERIFY(page.contains("aicarpool_upstream_latency_seconds_count 7\n"));
        // Not a latency (not a number, infinite, negative): counted nowhere, so neither the
        // buckets nor _count nor _sum go wrong.
        m.observeUpstreamLatency(std::nan(""));
        m.observeUpstreamLatency(std::numeric_limits<double>::infinity());
        m.observeUpstreamLatency(-1);
        QVERIFY(m.render().contains("aicarpool_upstream_latency_seconds_count 7\n"));
        QVERIFY(m.render().contains("aicarpool_upstream_latency_seconds_sum 131.766000\n"));
        QVERIFY(m.render().contains("aicarpool_upstream_latency_seconds_bucket{le=\"0.005\"} 2\n"));
        QVERIFY(m.render().contains("aicarpool_upstream_latency_seconds_bucket{le=\"30\"} 5\n"));
        m.addInFlight(3);
        m.addInFlight(-1);
        QCOMPARE(m.inFlight(), 2);
        QVERIFY(m.render().contains("aicarpool_requests_in_flight 2\n"));
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "TestMetrics.moc"
