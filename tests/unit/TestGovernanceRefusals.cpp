// SPDX-License-Identifier: GPL-3.0-or-later
#include "governance/RefusalBuilder.h"

#include <QDateTime>
#include <QtTest>

namespace {

QByteArray header(const HttpHeaderList &h, const QByteArray &name)
{
    for (const auto &p : h) {
        if (p.first == name)
            return p.second;
    }
    return {};
}

qint64 utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

} // namespace

class TestGovernanceRefusals : public QObject
{
    Q_OBJECT
private slots:
    void aMonthlyCostQuotaNamesLimitScopeAndReset()
    {
        LimitBreach b;
        b.kind = LimitBreach::Kind::Quota;
        b.limit = QStringLiteral("monthlyCost");
        b.scope = LimitScope::Group;
        b.scopeName = QStringLiteral("research");
        b.max = 50'000'000;
        b.used = 49'990'000;
        b.resetAtMs = utc("2026-12-01T00:00:00Z");
        const AdmissionRefusal r = RefusalBuilder::build(b, utc("2026-11-30T23:59:00Z"));
        QCOMPARE(r.status, 429);
        QCOMPARE(r.type, QStringLiteral("rate_limit_exceeded"));
        QCOMPARE(r.limit, QStringLiteral("monthlyCost"));
        QCOMPARE(r.message, QStringLiteral("monthly cost limit of group 'research' reached "
                                           "(50.00 USD); resets 2026-12-01T00:00:00Z"));
        QCOMPARE(header(r.headers, "retry-after"), QByteArray("60"));
        QCOMPARE(header(r.headers, "x-ratelimit-limit-cost-month"), QByteArray("50.00"));
        QCOMPARE(header(r.headers, "x-ratelimit-remaining-cost-month"), QByteArray("0.01"));
        QCOMPARE(header(r.headers, "x-ratelimit-reset-cost-month"),
                 QByteArray("2026-12-01T00:00:00Z"));
    }

    void requestsPerMinuteAndConcurrency()
    {
        LimitBreach b;
        b.limit = QStringLiteral("rpm");
        b.scope = LimitScope::Key;
        b.scopeName = QStringLiteral("ci");
        b.max = 60;
        b.used = 60;
        b.resetAtMs = utc("2026-11-18T15:43:00Z");
        AdmissionRefusal r = RefusalBuilder::build(b, utc("2026-11-18T15:42:30.200Z"));
        QCOMPARE(r.message, QStringLiteral("requests-per-minute limit of key 'ci' reached (60 "
                                           "requests); resets 2026-11-18T15:43:00Z"));
        QCOMPARE(header(r.headers, "retry-after"), QByteArray("30")); // rounded up
        QCOMPARE(header(r.headers, "x-ratelimit-limit-requests"), QByteArray("60"));
        QCOMPARE(header(r.headers, "x-ratelimit-remaining-requests"), QByteArray("0"));

        b.limit = QStringLiteral("concurrency");
        b.max = 4;
        b.used = 4;
        b.resetAtMs = 0;
        r = RefusalBuilder::build(b, utc("2026-11-18T15:42:30Z"));
        QCOMPARE(r.message, QStringLiteral("concurrency limit of key 'ci' reached (4 calls in "
                                           "flight); retry when one of them ends"));
        QCOMPARE(header(r.headers, "retry-after"), QByteArray("1"));
    }

    void aHardBudgetIs402BudgetExceeded()
    {
        LimitBreach b;
        b.kind = LimitBreach::Kind::Budget;
        b.limit = QStringLiteral("budget");
        b.scope = LimitScope::Department;
        b.scopeName = QStringLiteral("backend");
        b.budgetName = QStringLiteral("Backend weekly");
        b.period = BudgetPeriod::Week;
        b.max = 125'500'000;
        b.used = 125'600'000;
        b.resetAtMs = utc("2026-11-23T00:00:00Z");
        const AdmissionRefusal r = RefusalBuilder::build(b, utc("2026-11-22T00:00:00Z"));
        QCOMPARE(r.status, 402);
        QCOMPARE(r.type, QStringLiteral("budget_exceeded"));
        QCOMPARE(r.message, QStringLiteral("weekly budget 'Backend weekly' of department "
                                           "'backend' reached (125.50 USD); resets "
                                           "2026-11-23T00:00:00Z"));
        QCOMPARE(header(r.headers, "retry-after"), QByteArray("86400"));
        QCOMPARE(header(r.headers, "x-ratelimit-remaining-budget"), QByteArray("0.00"));
    }

    void aBudgetThatCannotBeCheckedIs503()
    {
        LimitBreach b;
        b.kind = LimitBreach::Kind::BudgetOffline;
        b.scope = LimitScope::Enterprise;
        b.scopeName = QStringLiteral("acme");
        b.budgetName = QStringLiteral("all");
        b.databaseLostAtMs = utc("2026-11-18T10:00:00Z");
        const AdmissionRefusal r = RefusalBuilder::build(b, utc("2026-11-18T10:06:00Z"));
        QCOMPARE(r.status, 503);
        QVERIFY(r.message.contains(QStringLiteral("unreachable since 2026-11-18T10:00:00Z")));
        QCOMPARE(header(r.headers, "retry-after"), QByteArray("30"));
    }

    void usdFormatting()
    {
        QCOMPARE(RefusalBuilder::usd(0), QStringLiteral("0.00"));
        QCOMPARE(RefusalBuilder::usd(1'000'000), QStringLiteral("1.00"));
        QCOMPARE(RefusalBuilder::usd(125), QStringLiteral("0.000125"));
        QCOMPARE(RefusalBuilder::usd(12'340'000), QStringLiteral("12.34"));
        QCOMPARE(RefusalBuilder::usd(-2'500'000), QStringLiteral("-2.50"));
    }
};

QTEST_GUILESS_MAIN(TestGovernanceRefusals)
#include "TestGovernanceRefusals.moc"
