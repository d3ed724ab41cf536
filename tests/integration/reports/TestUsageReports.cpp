// SPDX-License-Identifier: GPL-3.0-or-later
#include "RelayFixture.h"
#include "RollupExpectation.h"

#include "ledger/LedgerBatchWriter.h"

#include <QJsonArray>
#include <QTest>

// GET /api/reports/usage through the daemon: validation, grouping, buckets, range, tenant
// filtering and CSV, on SQLite and MariaDB. The ledger rows are written by the test with the
// ledger's batch writer (rows and rollups together), into the daemon's database.
class TestUsageReports : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<RelayFixture> m_f;
    RollupExpectation m_expected;
    qint64 m_a = 0, m_b = 0;       // enterprises
    qint64 m_sales = 0, m_rnd = 0; // departments of A
    qint64 m_tenantAdmin = 0;      // enterprise_admin of A
    qint64 m_member = 0;           // a member of A (usage.read_own)
    int m_day0 = 0;

    TestHttpClient &admin() { return m_f->admin(); }

    qint64 idOf(const TestHttpClient::Reply &r)
    {
        return r.status == 201 ? r.json().value(QLatin1String("id")).toInteger() : 0;
    }
    qint64 user(const QString &email, qint64 enterpriseId, qint64 departmentId)
    {
        return idOf(admin().post(QStringLiteral("/api/users"),
                                 QJsonObject{{"email", email},
                                             {"password", "report-password-1"},
                                             {"enterpriseId", enterpriseId},
                                             {"departmentId", departmentId}}));
    }
    std::unique_ptr<TestHttpClient> signIn(const QString &email)
    {
        TestHttpClient c(m_f->daemon().baseUrl());
        const auto r = c.post(QStringLiteral("/api/auth/login"),
                              QJsonObject{{"email", email}, {"password", "report-password-1"}});
        auto client = std::make_unique<TestHttpClient>(m_f->daemon().baseUrl());
        client->setBearerToken(r.json().value(QLatin1String("token")).toString().toLatin1());
        return client;
    }

    static QString date(int d) { return QDate(1970, 1, 1).addDays(d).toString(Qt::ISODate); }

    // The items of a JSON report as "bucketDay|id|name" -> metrics (id for id dimensions,
    // name for provider and model), as RollupExpectation::report() keys them.
    static QMap<QString, RollupExpectation::Metrics> items(const QJsonObject &report,
                                                           const QString &groupBy)
    {
        QMap<QString, RollupExpectation::Metrics> out;
        const bool text = groupBy == QLatin1String("provider") || groupBy == QLatin1String("model");
        for (const QJsonValue &v : report.value(QLatin1String("items")).toArray()) {
            const QJsonObject o = v.toObject();
            const int bucket =
                int(QDate(1970, 1, 1)
                        .daysTo(QDate::fromString(o.value(QLatin1String("bucket")).toString(),
                                                  Qt::ISODate)));
            const qint64 id = text ? 0 : o.value(groupBy + QStringLiteral("Id")).toInteger();
            const QString name = text ? o.value(groupBy).toString() : QString();
            out.insert(QStringLiteral("%1|%2|%3").arg(bucket).arg(id).arg(name),
                       {o.value(QLatin1String("requests")).toInteger(),
                        o.value(QLatin1String("errors")).toInteger(),
                        o.value(QLatin1String("inputTokens")).toInteger(),
                        o.value(QLatin1String("outputTokens")).toInteger(),
                        o.value(QLatin1String("cacheWriteTokens")).toInteger(),
                        o.value(QLatin1String("cacheReadTokens")).toInteger(),
                        o.value(QLatin1String("costMicros")).toInteger()});
        }
        return out;
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_f = std::make_unique<RelayFixture>();
        QString error;
        bool skip = false;
        if (!m_f->setUp(backend, &error, &skip)) {
            if (skip)
                QSKIP(qPrintable(error));
            QFAIL(qPrintable(error));
        }
        m_a = idOf(admin().post(QStringLiteral("/api/enterprises"), QJsonObject{{"name", "A"}}));
        m_b = idOf(admin().post(QStringLiteral("/api/enterprises"), QJsonObject{{"name", "B"}}));
        m_sales = idOf(admin().post(QStringLiteral("/api/enterprises/%1/departments").arg(m_a),
                                    QJsonObject{{"name", "Sales"}}));
        m_rnd = idOf(admin().post(QStringLiteral("/api/enterprises/%1/departments").arg(m_a),
                                  QJsonObject{{"name", "R&D, \"core\""}}));
        QVERIFY(m_a && m_b && m_sales && m_rnd);
        m_tenantAdmin = user(QStringLiteral("boss@a.example"), m_a, m_sales);
        m_member = user(QStringLiteral("dev@a.example"), m_a, m_rnd);
        QVERIFY(m_tenantAdmin && m_member);
        QCOMPARE(admin()
                     .post(QStringLiteral("/api/users/%1/roles").arg(m_tenantAdmin),
                           QJsonObject{{"role", "enterprise_admin"},
                                       {"scope", "enterprise"},
                                       {"scopeId", m_a}})
                     .status,
                 201);

        // Two months of calls: A's two departments (the member's calls in R&D), and B.
        m_expected = RollupExpectation();
        m_day0 = RollupExpectation::day(RollupExpectation::Day0);
        QRandomGenerator rng(31);
        QList<UsageRecord> batch;
        for (int i = 0; i < 900; ++i) {
            UsageRecord r = RollupExpectation::random(rng, QStringLiteral("h-%1").arg(i), 62);
            switch (i % 3) {
            case 0:
                r.enterpriseId = m_a;
                r.departmentId = m_sales;
                r.userId = m_tenantAdmin;
                break;
            case 1:
                r.enterpriseId = m_a;
                r.departmentId = m_rnd;
                r.userId = m_member;
                break;
            default:
                r.enterpriseId = m_b;
                r.departmentId = 0;
                break;
            }
            batch << r;
        }
        m_expected.acceptNew(batch);
        QSqlDatabase db = m_f->database().db();
        QCOMPARE(LedgerBatchWriter::write(db, batch), qint64(batch.size()));
    }

    void cleanup() { m_f.reset(); }

    void monthByDepartmentWithNamesAndTotals()
    {
        const auto r = admin().get(
            QStringLiteral("/api/reports/usage?groupBy=department&bucket=month&from=%1&to=%2")
                .arg(date(m_day0), date(m_day0 + 31)));
        QCOMPARE(r.status, 200);
        const QJsonObject report = r.json();
        QCOMPARE(report.value(QLatin1String("from")).toString(), date(m_day0));
        QVERIFY(items(report, QStringLiteral("department")) ==
                m_expected.report(2, QStringLiteral("month"), m_day0, m_day0 + 31, nullptr, 0));
        qint64 requests = 0;
        bool sawName = false;
        for (const QJsonValue &v : report.value(QLatin1String("items")).toArray()) {
            const QJsonObject o = v.toObject();
            requests += o.value(QLatin1String("requests")).toInteger();
            QCOMPARE(o.value(QLatin1String("bucket")).toString(), date(m_day0));
            if (o.value(QLatin1String("departmentId")).toInteger() == m_rnd) {
                QCOMPARE(o.value(QLatin1String("departmentName")).toString(),
                         QStringLiteral("R&D, \"core\""));
                sawName = true;
            }
        }
        QVERIFY(sawName);
        QCOMPARE(report.value(QLatin1String("totals")).toObject().value("requests").toInteger(),
                 requests);
        qint64 inDecember = 0;
        for (const UsageRecord &rec : m_expected.accepted())
            inDecember += RollupExpectation::day(rec.createdAtMs) < m_day0 + 31 ? 1 : 0;
        QCOMPARE(requests, inDecember);
    }

    void everyDimensionAndBucket()
    {
        for (int dim = 1; dim <= 8; ++dim) {
            const QString groupBy = QStringList{"enterprise", "department", "group",    "user",
                                                "key",        "account",    "provider", "model"}
                                        .at(dim - 1);
            for (const QString &bucket :
                 {QStringLiteral("day"), QStringLiteral("week"), QStringLiteral("month")}) {
                const auto r = admin().get(
                    QStringLiteral("/api/reports/usage?groupBy=%1&bucket=%2&from=%3&to=%4")
                        .arg(groupBy, bucket, date(m_day0 + 5), date(m_day0 + 50)));
                QCOMPARE(r.status, 200);
                QVERIFY2(items(r.json(), groupBy) ==
                             m_expected.report(dim, bucket, m_day0 + 5, m_day0 + 50, nullptr, 0),
                         qPrintable(groupBy + QLatin1Char('/') + bucket));
            }
        }
    }

    void tenantsSeeTheirEnterpriseAndMembersTheirOwnCalls()
    {
        const QString query = QStringLiteral("/api/reports/usage?groupBy=%1&from=%2&to=%3");
        auto boss = signIn(QStringLiteral("boss@a.example"));
        const auto byEnterprise =
            boss->get(query.arg(QStringLiteral("enterprise"), date(m_day0), date(m_day0 + 62)));
        QCOMPARE(byEnterprise.status, 200);
        const QList<qint64> onlyA{m_a};
        const auto seen = items(byEnterprise.json(), QStringLiteral("enterprise"));
        QVERIFY(!seen.isEmpty());
        QVERIFY(seen ==
                m_expected.report(1, QStringLiteral("day"), m_day0, m_day0 + 62, &onlyA, 0));

        auto dev = signIn(QStringLiteral("dev@a.example"));
        const auto own =
            dev->get(query.arg(QStringLiteral("model"), date(m_day0), date(m_day0 + 62)));
        QCOMPARE(own.status, 200);
        const auto mine = items(own.json(), QStringLiteral("model"));
        QVERIFY(!mine.isEmpty());
        QVERIFY(mine == m_expected.report(8, QStringLiteral("day"), m_day0, m_day0 + 62, nullptr,
                                          m_member));
        // By department, the member still sees only their own calls (all in R&D).
        const auto ownDepartments =
            items(dev->get(query.arg(QStringLiteral("department"), date(m_day0), date(m_day0 + 62)))
                      .json(),
                  QStringLiteral("department"));
        for (auto it = ownDepartments.cbegin(); it != ownDepartments.cend(); ++it)
            QVERIFY2(it.key().section(QLatin1Char('|'), 1, 1) == QString::number(m_rnd),
                     qPrintable(it.key()));
    }

    void csvStreamsTheSameRows()
    {
        const QString base = QStringLiteral("/api/reports/usage?groupBy=department&bucket=week"
                                            "&from=%1&to=%2")
                                 .arg(date(m_day0), date(m_day0 + 62));
        const auto json = admin().get(base);
        const auto csv = admin().get(base + QStringLiteral("&format=csv"));
        QCOMPARE(csv.status, 200);
        QVERIFY(csv.header("content-type").startsWith("text/csv"));
        QCOMPARE(csv.header("transfer-encoding"), QByteArray("chunked"));
        const QList<QByteArray> lines = csv.body.split('\n');
        QCOMPARE(lines.first(), QByteArray("bucket,departmentId,departmentName,requests,errors,"
                                           "inputTokens,outputTokens,cacheWriteTokens,"
                                           "cacheReadTokens,cost\r"));
        const QJsonArray rows = json.json().value(QLatin1String("items")).toArray();
        QCOMPARE(lines.size(), rows.size() + 2); // header, rows, "" after the last CRLF
        QVERIFY(csv.body.contains(",\"R&D, \"\"core\"\"\","));
        const QJsonObject first = rows.first().toObject();
        const QByteArray firstLine = lines.at(1);
        QVERIFY(firstLine.startsWith(first.value(QLatin1String("bucket")).toString().toUtf8()));
        QVERIFY(firstLine.contains(
            "," + QByteArray::number(first.value(QLatin1String("requests")).toInteger()) + ","));
    }

    void badQueriesGetClearMessages()
    {
        struct Bad
        {
            const char *query;
            const char *mentions;
        };
        const Bad bad[] = {
            {"", "groupBy"},
            {"groupBy=weather", "groupBy"},
            {"groupBy=model&bucket=year", "bucket"},
            {"groupBy=model&from=yesterday", "from"},
            {"groupBy=model&from=2026-11-01T05:00:00Z", "whole UTC day"},
            {"groupBy=model&from=2026-11-02&to=2026-11-01", "before"},
            {"groupBy=model&from=2000-01-01&to=2026-11-01", "at most"},
            {"groupBy=model&format=xml", "format"},
        };
        for (const Bad &b : bad) {
            const auto r =
                admin().get(QStringLiteral("/api/reports/usage?") + QLatin1String(b.query));
            QCOMPARE(r.status, 400);
            QCOMPARE(r.json().value(QLatin1String("error")).toObject().value("type").toString(),
                     QStringLiteral("invalid_request_error"));
            QVERIFY2(r.json()
                         .value(QLatin1String("error"))
                         .toObject()
                         .value("message")
                         .toString()
                         .contains(QLatin1String(b.mentions)),
                     b.query);
        }
        TestHttpClient anonymous(m_f->daemon().baseUrl());
        QCOMPARE(anonymous.get(QStringLiteral("/api/reports/usage?groupBy=model")).status, 401);
    }
};

QTEST_GUILESS_MAIN(TestUsageReports)
#include "TestUsageReports.moc"
