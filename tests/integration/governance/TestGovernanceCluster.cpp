// SPDX-License-Identifier: GPL-3.0-or-later
// Several daemons on one MariaDB database: a hard budget shared by two daemons driven at once
// holds within the documented bound, and a daemon that loses the database keeps relaying for
// the grace period, then refuses hard-budget calls, and catches up when the database returns.
#include "GovernanceRows.h"
#include "RelayFixture.h"
#include "TcpForwarder.h"
#include "pricing/PriceTable.h"
#include "relay/AdmissionEstimate.h"

#include <QJsonDocument>
#include <QMutex>
#include <QTest>
#include <QThread>

#include <atomic>

namespace {

struct DriveResult
{
    QHash<int, int> statuses;
};

} // namespace

class TestGovernanceCluster final : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<RelayFixture> m_f;
    std::unique_ptr<GovernanceRows> m_rows;
    qint64 m_userId = 0;

    TestHttpClient::Headers anthropicHeaders(const QByteArray &key) const
    {
        return {{"x-api-key", key}, {"anthropic-version", "2023-06-01"}};
    }

    // Another daemon on the fixture's database (through `databaseUrl` if given), sharing its
    // master key.
    std::unique_ptr<DaemonProcess> startPeer(const QString &databaseUrl,
                                             const QHash<QString, QString> &env = {})
    {
        auto d = std::make_unique<DaemonProcess>();
        d->setExtraArgs({QStringLiteral("--database"),
                         databaseUrl.isEmpty() ? m_f->databaseUrl() : databaseUrl});
        d->setEnv(QStringLiteral("AICARPOOL_MASTER_KEY_FILE"),
                  m_f->daemon().dataDir() + QStringLiteral("/master.key"));
        for (auto it = env.cbegin(); it != env.cend(); ++it)
            d->setEnv(it.key(), it.value());
        QString error;
        if (!d->start(&error)) {
            qWarning().noquote() << error;
            return nullptr;
        }
        return d;
    }

    // Writes a sentinel quota (1 request a minute on a key of its own), bumps the data version
    // and waits until every daemon in `daemons` refuses the sentinel key's second call.
    bool applyRules(const QList<DaemonProcess *> &daemons)
    {
        const QJsonObject sentinel =
            m_f->createKey(QJsonObject{{QStringLiteral("name"), QStringLiteral("sentinel")}});
        const QByteArray key = sentinel.value(QLatin1String("key")).toString().toLatin1();
        if (key.isEmpty() ||
            m_rows->addQuota(QStringLiteral("key"), sentinel.value(QLatin1String("id")).toInteger(),
                             QStringLiteral("rpm"), 1) <= 0)
            return false;
        m_rows->bump();
        for (DaemonProcess *d : daemons) {
            TestHttpClient client(d->baseUrl());
            QElapsedTimer timer;
            timer.start();
            bool applied = false;
            while (!applied && timer.elapsed() < 20000) {
                applied = client
                              .post(QStringLiteral("/v1/messages/count_tokens"),
                                    RelayFixture::anthropicBody(QStringLiteral("sentinel")),
                                    anthropicHeaders(key))
                              .status == 429;
                if (!applied)
                    QThread::msleep(100);
            }
            if (!applied)
                return false;
        }
        return true;
    }

    static double metric(const QByteArray &page, const QByteArray &name)
    {
        for (const QByteArray &line : page.split('\n')) {
            if (line.startsWith(name + ' '))
                return line.mid(name.size() + 1).toDouble();
        }
        return -1;
    }

private Q_SLOTS:
    // Several daemons share a server database; SQLite is one process's file, so this runs on
    // MariaDB only (a MariaDB that is not configured is a skip, or a failure in CI).
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("mysql") << QStringLiteral("mysql");
    }
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
        m_rows = std::make_unique<GovernanceRows>(m_f->database().db());
        m_userId = m_rows->keyOwner(m_f->keyId());
        QVERIFY(m_userId > 0);
    }
    void cleanup()
    {
        m_rows.reset();
        m_f.reset();
    }

    // THE bound: two daemons driven at once against one hard budget spend at most the budget
    // plus what calls used beyond their reservation (docs/governance.md, "Several daemons").
    void twoDaemonsHoldOneHardBudget()
    {
        std::unique_ptr<DaemonProcess> peer = startPeer(QString());
        QVERIFY(peer);
        const qint64 amount = 60'000; // 0.06 USD: a few hundred mock calls
        const qint64 id = m_rows->addBudget(QStringLiteral("shared"), QStringLiteral("user"),
                                            m_userId, amount, true);
        QVERIFY2(id > 0, qPrintable(m_rows->lastError()));
        QVERIFY(applyRules({&m_f->daemon(), peer.get()}));

        const QByteArray body =
            QJsonDocument(RelayFixture::anthropicBody(QStringLiteral("spend a little")))
                .toJson(QJsonDocument::Compact);
        const QList<QString> urls{m_f->daemon().baseUrl(), peer->baseUrl()};
        QMutex mutex;
        QHash<QString, QHash<int, int>> statuses; // by daemon
        const int perDaemon = 4;
        QList<QThread *> threads;
        for (const QString &url : urls) {
            for (int t = 0; t < perDaemon; ++t) {
                threads.append(QThread::create([&, url] {
                    TestHttpClient client(url);
                    client.setTimeout(30000);
                    int refusedInARow = 0;
                    for (int i = 0; i < 400 && refusedInARow < 3; ++i) {
                        const int status = client
                                               .post(QStringLiteral("/v1/messages"), body,
                                                     anthropicHeaders(m_f->key()))
                                               .status;
                        refusedInARow = status == 402 ? refusedInARow + 1 : 0;
                        QMutexLocker lock(&mutex);
                        ++statuses[url][status];
                    }
                }));
                threads.last()->start();
            }
        }
        for (QThread *t : std::as_const(threads)) {
            t->wait();
            delete t;
        }
        int total = 0;
        for (const QString &url : urls) {
            const QHash<int, int> s = statuses.value(url);
            QVERIFY2(s.value(200) > 0, qPrintable(url));
            QVERIFY2(s.value(402) > 0, qPrintable(url));
            QCOMPARE(s.value(200) + s.value(402), [&] {
                int n = 0;
                for (int v : s)
                    n += v;
                return n;
            }());
            for (int v : s)
                total += v;
        }
        // Every call is one ledger row (written asynchronously by each daemon).
        const QString where = QStringLiteral("key_id = %1").arg(m_f->keyId());
        QElapsedTimer timer;
        timer.start();
        while (m_rows->ledgerCost(where).second < total && timer.elapsed() < 20000)
            QThread::msleep(100);
        QCOMPARE(m_rows->ledgerCost(where).second, total);

        // The documented bound: spend <= amount + the sum over admitted calls of what each
        // used beyond its reservation. The reservation is the estimate the relay made.
        const PriceTable prices = PriceTable::builtin();
        const AdmissionEstimate estimate = AdmissionEstimate::of(
            QJsonDocument::fromJson(body).object(), body, RelayProtocol::Anthropic, false,
            {QStringLiteral("claude-sonnet-4-5")}, prices, 4096);
        QVERIFY(estimate.cost > 0);
        QSqlQuery q(m_f->database().db());
        QVERIFY(q.exec(
            QStringLiteral("SELECT cost FROM usage_records WHERE %1 AND status = 200").arg(where)));
        qint64 spent = 0;
        qint64 beyond = 0;
        while (q.next()) {
            const qint64 micros = qRound64(q.value(0).toDouble() * 1e6);
            spent += micros;
            beyond += qMax<qint64>(0, micros - estimate.cost);
        }
        const qint64 bound = amount + beyond;
        qInfo().noquote() << QStringLiteral("shared hard budget %1 micro-USD: spent %2 over %3 "
                                            "admitted calls (%4 refused); bound %5")
                                 .arg(amount)
                                 .arg(spent)
                                 .arg(statuses.value(urls[0]).value(200) +
                                      statuses.value(urls[1]).value(200))
                                 .arg(statuses.value(urls[0]).value(402) +
                                      statuses.value(urls[1]).value(402))
                                 .arg(bound);
        QVERIFY2(spent <= bound, qPrintable(QStringLiteral("%1 > %2").arg(spent).arg(bound)));
        // Leases do not starve the budget: refusals start only near its end (another daemon
        // holds at most a slice of what remains, and the last call needs its full estimate).
        QVERIFY2(spent >= amount / 2, qPrintable(QString::number(spent)));
        // Every daemon settles: the counter's used is the ledger's spend.
        timer.restart();
        while (m_rows->budgetCounter(id).first != spent && timer.elapsed() < 10000)
            QThread::msleep(100);
        QVERIFY(qAbs(m_rows->budgetCounter(id).first - spent) <= 1);
        // Unused leases go back (idle daemons return them within seconds, a stopping daemon
        // at shutdown): nothing stays leased once the calls are over.
        QVERIFY(peer->terminate());
        timer.restart();
        while (m_rows->budgetCounter(id).second != 0 && timer.elapsed() < 10000)
            QThread::msleep(100);
        QCOMPARE(m_rows->budgetCounter(id).second, 0);
    }

    // A daemon whose database goes away keeps relaying for the grace period, then refuses
    // calls on hard budgets, and commits what it spent once the database is back.
    void aDaemonThatLosesTheDatabase()
    {
        const DatabaseUrl &u = m_f->database().url();
        TcpForwarder forwarder(u.host, quint16(u.port));
        QVERIFY(forwarder.open());
        const QString viaForwarder = QStringLiteral("mysql://%1:%2@127.0.0.1:%3/%4")
                                         .arg(u.user, u.password)
                                         .arg(forwarder.port())
                                         .arg(u.database);
        std::unique_ptr<DaemonProcess> node = startPeer(
            viaForwarder, {{QStringLiteral("AICARPOOL_GOVERNANCE_DB_GRACE_SECONDS"), "6"}});
        QVERIFY(node);
        const qint64 id = m_rows->addBudget(QStringLiteral("hard"), QStringLiteral("user"),
                                            m_userId, 10'000'000, true);
        QVERIFY2(id > 0, qPrintable(m_rows->lastError()));
        QVERIFY(applyRules({node.get()}));
        TestHttpClient client(node->baseUrl());
        TestHttpClient admin(node->baseUrl());
        QVERIFY(admin.loginAsAdmin(m_f->daemon()));
        const auto call = [&] {
            return client.post(QStringLiteral("/v1/messages"),
                               RelayFixture::anthropicBody(QStringLiteral("still here?")),
                               anthropicHeaders(m_f->key()));
        };
        QCOMPARE(call().status, 200);

        forwarder.close();
        // The daemon notices (its synchronisation fails) ...
        QElapsedTimer timer;
        timer.start();
        while (metric(admin.get(QStringLiteral("/metrics")).body,
                      "aicarpool_governance_database_online") != 0 &&
               timer.elapsed() < 20000)
            QThread::msleep(100);
        QCOMPARE(metric(admin.get(QStringLiteral("/metrics")).body,
                        "aicarpool_governance_database_online"),
                 0.0);
        // ... and keeps relaying within the grace period ...
        const auto within = call();
        QCOMPARE(within.status, 200);
        // ... after which hard-budget calls are refused, saying why.
        TestHttpClient::Reply refused;
        timer.restart();
        while (timer.elapsed() < 30000) {
            refused = call();
            if (refused.status != 200)
                break;
            QThread::msleep(200);
        }
        QCOMPARE(refused.status, 503);
        const QString message =
            refused.json().value(QLatin1String("error")).toObject().value("message").toString();
        QVERIFY2(message.contains(QStringLiteral("cannot be checked")), qPrintable(message));

        // The database returns: the daemon commits what it spent meanwhile and admits again.
        QVERIFY(forwarder.open());
        timer.restart();
        while (metric(admin.get(QStringLiteral("/metrics")).body,
                      "aicarpool_governance_database_online") != 1 &&
               timer.elapsed() < 30000)
            QThread::msleep(200);
        const auto back = call();
        if (back.status != 200)
            qWarning().noquote() << node->log().right(4000);
        QCOMPARE(back.status, 200);
        const QString where = QStringLiteral("key_id = %1 AND status = 200").arg(m_f->keyId());
        qint64 spent = -1;
        timer.restart();
        while (timer.elapsed() < 30000) {
            spent = m_rows->ledgerCost(where).first;
            if (m_rows->ledgerCost(where).second >= 3 && spent > 0 &&
                qAbs(m_rows->budgetCounter(id).first - spent) <= 1)
                break;
            QThread::msleep(200);
        }
        QVERIFY2(m_rows->ledgerCost(where).second >= 3,
                 qPrintable(QString::number(m_rows->ledgerCost(where).second)));
        QVERIFY2(qAbs(m_rows->budgetCounter(id).first - spent) <= 1,
                 qPrintable(QStringLiteral("counter %1, ledger %2")
                                .arg(m_rows->budgetCounter(id).first)
                                .arg(spent)));
    }
};

QTEST_GUILESS_MAIN(TestGovernanceCluster)
#include "TestGovernanceCluster.moc"
