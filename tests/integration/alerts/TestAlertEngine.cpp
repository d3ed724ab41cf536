// SPDX-License-Identifier: GPL-3.0-or-later
// The alert engine against a real database (SQLite and MariaDB) and a local HTTP receiver:
// budget thresholds fire once per period, also across a restart; incidents are de-duplicated
// and resolve themselves; a failing receiver is retried, then the failure is recorded on the
// channel.
#include "AlertReceiver.h"
#include "TestDb.h"
#include "alerts/AlertDispatcher.h"
#include "alerts/AlertEngine.h"
#include "crypto/Crypto.h"
#include "crypto/SecretBox.h"
#include "store/AlertChannelRepository.h"
#include "store/AlertRuleRepository.h"
#include "store/DbWorker.h"
#include "store/IncidentRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

class TestAlertEngine final : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDb> m_db;
    std::unique_ptr<DbWorker> m_worker;
    std::unique_ptr<SecretBox> m_secrets;
    std::unique_ptr<AlertReceiver> m_receiver;
    std::unique_ptr<AlertDispatcher> m_dispatcher;
    QList<AlertBudget> m_budgets;
    QList<AlertAccount> m_accounts;

    std::unique_ptr<AlertEngine> newEngine()
    {
        auto engine = std::make_unique<AlertEngine>(m_worker.get(), m_dispatcher.get());
        AlertProviders p;
        p.budgets = [this](qint64) { return m_budgets; };
        p.accounts = [this](qint64) { return m_accounts; };
        engine->setProviders(p);
        return engine;
    }

    static void evaluate(AlertEngine &engine)
    {
        bool done = false;
        engine.evaluate([&done] { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    }

    qint64 webhookChannel(const QByteArray &secret)
    {
        AlertChannelRow c;
        c.name = QStringLiteral("hook");
        c.type = QStringLiteral("webhook");
        c.url = m_receiver->url(QStringLiteral("/hook"));
        c.secretSealed = secret.isEmpty() ? QByteArray() : m_secrets->seal(secret);
        return AlertChannelRepository(m_db->db()).insert(c);
    }

    qint64 rule(const QString &kind, qint64 channelId, const QJsonObject &params = {},
                qint64 cooldownSecs = 900)
    {
        AlertRuleRow r;
        r.name = QStringLiteral("r-%1").arg(kind);
        r.kind = kind;
        r.params = params;
        r.channelIds = {channelId};
        r.cooldownSecs = cooldownSecs;
        return AlertRuleRepository(m_db->db()).insert(r);
    }

    QList<IncidentRow> incidents(const QString &state = {})
    {
        IncidentRepository::Filter f;
        f.state = state;
        return IncidentRepository(m_db->db()).list(f).items;
    }

    static AlertBudget budget(MicroUsd spent, qint64 periodStart)
    {
        AlertBudget b;
        b.id = 3;
        b.name = QStringLiteral("research");
        b.scope = QStringLiteral("group");
        b.scopeId = 5;
        b.thresholds = {80, 100};
        b.amount = 10'000'000;
        b.spent = spent;
        b.periodStartMs = periodStart;
        return b;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void init()
    {
        AICARPOOL_TESTDB_INIT(m_db, true);
        m_worker = std::make_unique<DbWorker>();
        QString error;
        QVERIFY2(m_worker->start(m_db->url(), &error), qPrintable(error));
        m_secrets = std::make_unique<SecretBox>(QByteArray(32, 's'));
        m_receiver = std::make_unique<AlertReceiver>();
        QVERIFY(m_receiver->listen());
        AlertDispatcher::Settings settings;
        settings.attempts = 3;
        settings.backoffMs = 50;
        settings.timeoutMs = 5000;
        m_dispatcher =
            std::make_unique<AlertDispatcher>(m_worker.get(), m_secrets.get(), nullptr, settings);
        m_budgets.clear();
        m_accounts.clear();
    }

    void cleanup()
    {
        m_dispatcher.reset();
        m_worker.reset();
        m_receiver.reset();
        m_db.reset();
    }

    void budgetThresholdFiresOncePerPeriodAcrossRestarts()
    {
        const qint64 channel = webhookChannel("whsec-engine");
        const qint64 ruleId = rule(QStringLiteral("budget_threshold"), channel);
        m_budgets = {budget(8'500'000, 1'000)}; // 85% of the period starting at 1000
        {
            auto engine = newEngine();
            evaluate(*engine);
            QVERIFY(m_receiver->waitFor(1));
            const AlertReceiver::Request &r = m_receiver->requests().at(0);
            QCOMPARE(r.method, QByteArray("POST"));
            QCOMPARE(r.target, QByteArray("/hook"));
            QCOMPARE(r.headers.value("x-aicarpool-signature"),
                     "sha256=" + Crypto::hmacSha256("whsec-engine", r.body).toHex());
            const QJsonObject incident = QJsonDocument::fromJson(r.body)
                                             .object()
                                             .value(QLatin1String("incident"))
                                             .toObject();
            QCOMPARE(incident.value(QLatin1String("subject")).toString(),
                     QStringLiteral("budget:3:80"));
            QCOMPARE(incident.value(QLatin1String("ruleId")).toInteger(), ruleId);
            QCOMPARE(incidents(QStringLiteral("open")).size(), 1);

            // Still above: the open incident is refreshed, nothing is sent again.
            evaluate(*engine);
            // Resolved by hand while still above 80%: the threshold already fired this period.
            QVERIFY(IncidentRepository(m_db->db()).resolve(incidents().at(0).id, 1, 5000));
            evaluate(*engine);
            QCOMPARE(incidents().size(), 1);
        }
        // A restart: the fired threshold is remembered in the database.
        {
            auto engine = newEngine();
            evaluate(*engine);
            QCOMPARE(incidents().size(), 1);
            // 100% in the same period is another threshold: it fires once.
            m_budgets = {budget(10'000'000, 1'000)};
            evaluate(*engine);
            QVERIFY(m_receiver->waitFor(2));
            QCOMPARE(incidents(QStringLiteral("open")).size(), 1);
            QCOMPARE(incidents(QStringLiteral("open")).at(0).subject,
                     QStringLiteral("budget:3:100"));
            // The next period: spend back to zero resolves it automatically...
            m_budgets = {budget(0, 2'000)};
            evaluate(*engine);
            QCOMPARE(incidents(QStringLiteral("open")).size(), 0);
            const IncidentRow resolved = incidents().at(0);
            QCOMPARE(resolved.state, QStringLiteral("resolved"));
            QCOMPARE(resolved.resolvedBy, qint64(0));
            // ... and crossing 80% again in it fires again.
            m_budgets = {budget(9'000'000, 2'000)};
            evaluate(*engine);
            QVERIFY(m_receiver->waitFor(3));
        }
        QTest::qWait(200);
        QCOMPARE(m_receiver->requests().size(), 3);
        const auto row = AlertChannelRepository(m_db->db()).get(channel);
        QCOMPARE(row->lastStatus, QStringLiteral("sent"));
        QCOMPARE(row->sentCount, qint64(3));
        QCOMPARE(row->failureCount, qint64(0));
    }

    void aClaimedThresholdOpensOnce()
    {
        IncidentRepository repo(m_db->db());
        IncidentRow row;
        row.ruleId = 4;
        row.subject = QStringLiteral("budget:3:80");
        row.openedAtMs = 1000;
        const IncidentRepository::ThresholdClaim claim{3, 500, 80};
        const qint64 first = repo.open(row, claim);
        QVERIFY(first > 0);
        QVERIFY(repo.thresholdFired(4, 3, 500, 80));
        QVERIFY(repo.resolve(first, 0, 2000));
        // Resolved, but the threshold fired in this period: no second incident.
        QCOMPARE(repo.open(row, claim), qint64(0));
        // An active incident blocks a new one without consuming a claim of another period.
        row.subject = QStringLiteral("budget:3:95");
        QVERIFY(repo.open(row) > 0);
        QCOMPARE(repo.open(row, IncidentRepository::ThresholdClaim{3, 900, 95}), qint64(0));
        QVERIFY(!repo.thresholdFired(4, 3, 900, 95));
        // The next period claims anew.
        row.subject = QStringLiteral("budget:3:80");
        QVERIFY(repo.open(row, IncidentRepository::ThresholdClaim{3, 900, 80}) > 0);
        QCOMPARE(repo.active().size(), 2);
    }

    void failingReceiverIsRetriedThenRecorded()
    {
        m_receiver->answerWith(500, "{\"error\":\"down\"}");
        const qint64 channel = webhookChannel({});
        rule(QStringLiteral("account_cooldown"), channel);
        AlertAccount a;
        a.id = 7;
        a.name = QStringLiteral("main");
        a.provider = QStringLiteral("anthropic");
        a.coolingDown = true;
        a.cooldownReason = QStringLiteral("529 overloaded");
        m_accounts = {a};
        auto engine = newEngine();
        evaluate(*engine);
        QVERIFY(m_receiver->waitFor(3));
        // The outcome is recorded once the last attempt failed.
        std::optional<AlertChannelRow> row;
        QTRY_VERIFY_WITH_TIMEOUT((row = AlertChannelRepository(m_db->db()).get(channel),
                                  row->lastStatus == QLatin1String("failed")),
                                 20000);
        QCOMPARE(row->failureCount, qint64(1));
        QVERIFY2(row->lastError.contains(QStringLiteral("500")), qPrintable(row->lastError));
        QTest::qWait(300);
        QCOMPARE(m_receiver->requests().size(), 3); // bounded attempts
        // The incident exists regardless of the delivery.
        QCOMPARE(incidents(QStringLiteral("open")).size(), 1);
        QCOMPARE(incidents().at(0).subject, QStringLiteral("account:7"));
    }

    void incidentsAreDeduplicatedResolveAndCoolDown()
    {
        const qint64 channel = webhookChannel("k");
        rule(QStringLiteral("error_rate"), channel,
             QJsonObject{{QStringLiteral("windowSeconds"), 600},
                         {QStringLiteral("thresholdPercent"), 50},
                         {QStringLiteral("minRequests"), 4}},
             3600);
        auto engine = newEngine();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto calls = [&engine, now](int ok, int failed) {
            for (int i = 0; i < ok + failed; ++i) {
                CallOutcome c;
                c.atMs = now;
                c.error = i < failed;
                c.latencyMs = 10;
                engine->recordCall(c);
            }
        };
        calls(1, 4);
        evaluate(*engine);
        evaluate(*engine);
        QCOMPARE(incidents().size(), 1);
        QCOMPARE(incidents().at(0).state, QStringLiteral("open"));
        QVERIFY(m_receiver->waitFor(1));
        // Acknowledged: still active, still not repeated.
        QVERIFY(IncidentRepository(m_db->db()).acknowledge(incidents().at(0).id, 1, now));
        evaluate(*engine);
        QCOMPARE(incidents().size(), 1);
        QCOMPARE(incidents().at(0).state, QStringLiteral("acknowledged"));
        // Healthy calls bring the rate under 50%: resolved automatically.
        calls(20, 0);
        evaluate(*engine);
        QCOMPARE(incidents().at(0).state, QStringLiteral("resolved"));
        QCOMPARE(incidents().at(0).resolvedBy, qint64(0));
        // Failing again within the rule's cooldown (an hour): no new incident.
        calls(0, 40);
        evaluate(*engine);
        QCOMPARE(incidents().size(), 1);
        QTest::qWait(200);
        QCOMPARE(m_receiver->requests().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAlertEngine)
#include "TestAlertEngine.moc"
