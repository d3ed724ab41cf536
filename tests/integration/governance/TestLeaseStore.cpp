// SPDX-License-Identifier: GPL-3.0-or-later
// The SQL of the shared limit counters (LeaseStore) on SQLite and MariaDB: leases within the
// limit, commits taken from the lease, returns, and the expired lease of a vanished daemon.
#include "TestDb.h"
#include "base/Clock.h"
#include "governance/Governor.h"
#include "governance/LeaseStore.h"
#include "store/DbWorker.h"
#include "store/StoreError.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <optional>

class TestLeaseStore final : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;
    static constexpr qint64 kPeriod = 1'790'000'000'000;
    static constexpr qint64 kNow = 1'790'100'000'000;
    static constexpr qint64 kTtl = 60'000;

    static LeaseStore::Op op(qint64 need, qint64 commit = 0, qint64 giveBack = 0,
                             qint64 limit = 1000)
    {
        LeaseStore::Op o;
        o.key = QStringLiteral("b1");
        o.periodStartMs = kPeriod;
        o.limit = limit;
        o.need = need;
        o.commit = commit;
        o.giveBack = giveBack;
        return o;
    }

    qint64 leaseRows()
    {
        QSqlQuery q(m_db->db());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM limit_leases"));
        return q.next() ? q.value(0).toLongLong() : -1;
    }

    static QByteArray header(const HttpHeaderList &h, const QByteArray &name)
    {
        for (const auto &p : h) {
            if (p.first == name)
                return p.second;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, true); }
    void cleanup() { m_db.reset(); }

    void leasesStayWithinTheLimit()
    {
        QSqlDatabase db = m_db->db();
        LeaseStore a(db, QStringLiteral("node-a"), kTtl);
        LeaseStore b(db, QStringLiteral("node-b"), kTtl);
        LeaseStore::Result r = a.apply(op(10), kNow);
        QCOMPARE(r.granted, 50); // a 5% slice
        QCOMPARE(r.held, 50);
        QCOMPARE(r.leased, 50);
        QCOMPARE(r.used, 0);
        r = b.apply(op(900), kNow);
        QCOMPARE(r.granted, 900);
        QCOMPARE(r.leased, 950);
        r = b.apply(op(60), kNow); // 50 left: does not fit, nothing is granted
        QCOMPARE(r.granted, 0);
        QCOMPARE(r.held, 900);
        QCOMPARE(r.leased, 950);
        // a used 30 of its 50 and gives 15 back; b used 950: more than its lease.
        r = a.apply(op(0, 30, 15), kNow);
        QCOMPARE(r.used, 30);
        QCOMPARE(r.held, 5);
        QCOMPARE(r.leased, 905);
        r = b.apply(op(0, 950), kNow);
        QCOMPARE(r.used, 980);
        QCOMPARE(r.held, 0);
        QCOMPARE(r.leased, 5);
        QCOMPARE(leaseRows(), 1);  // b's lease row is gone with its lease
        r = a.apply(op(25), kNow); // only 15 left unleased
        QCOMPARE(r.granted, 0);
        r = a.apply(op(15), kNow);
        QCOMPARE(r.granted, 15);
        QCOMPARE(r.used + r.leased, 1000);
        const QList<LeaseStore::Row> rows = a.rowsSince(kPeriod);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].key, QStringLiteral("b1"));
        QCOMPARE(rows[0].used, 980);
        QCOMPARE(rows[0].leased, 20);
    }

    void theLeaseOfAVanishedDaemonComesBack()
    {
        QSqlDatabase db = m_db->db();
        LeaseStore gone(db, QStringLiteral("node-gone"), kTtl);
        LeaseStore alive(db, QStringLiteral("node-alive"), kTtl);
        QCOMPARE(gone.apply(op(400), kNow).granted, 400);
        // Before the lease expires it is still held.
        LeaseStore::Result r = alive.apply(op(700), kNow + kTtl - 1);
        QCOMPARE(r.granted, 0);
        QCOMPARE(r.reclaimed, 0);
        // After: reclaimed at the next lease anyone takes.
        r = alive.apply(op(700), kNow + kTtl + 1);
        QCOMPARE(r.reclaimed, 400);
        QCOMPARE(r.granted, 700);
        QCOMPARE(r.leased, 700);
        // The vanished daemon comes back and commits what it spent meanwhile: counted as
        // used, its lease no longer there to take it from.
        r = gone.apply(op(0, 120), kNow + kTtl + 2);
        QCOMPARE(r.used, 120);
        QCOMPARE(r.held, 0);
        QCOMPARE(r.leased, 700);
    }

    void aLowerLimitStopsNewLeases()
    {
        QSqlDatabase db = m_db->db();
        LeaseStore a(db, QStringLiteral("node-a"), kTtl);
        QCOMPARE(a.apply(op(0, 600), kNow).used, 600);
        // An administrator lowered the limit to 500: nothing more is leased.
        LeaseStore::Result r = a.apply(op(1, 0, 0, 500), kNow);
        QCOMPARE(r.granted, 0);
    }

    // A database that stalls without failing (here: its worker busy for longer than the
    // deadline) does not hold a call that waits for a lease: it is answered 503 within
    // Governor::kLeaseWaitMs and a sync tick, before the stalled job ends.
    void aCallWaitingTooLongForALeaseIsAnswered()
    {
        DbWorker worker;
        QString error;
        QVERIFY2(worker.start(m_db->url(), &error), qPrintable(error));
        Governor governor(&worker);
        auto rules = std::make_shared<GovernanceRules>();
        BudgetRule b;
        b.id = 1;
        b.name = QStringLiteral("team");
        b.scope = LimitScope::User;
        b.scopeId = 3;
        b.scopeName = QStringLiteral("ann");
        b.amount = 1'000'000;
        b.hard = true;
        rules->budgets.append(b);
        governor.setRules(rules);
        governor.start();

        std::atomic<bool> stallOver{false};
        worker.post<int>(
            [&stallOver](QSqlDatabase &) {
                QThread::msleep(quint64(Governor::kLeaseWaitMs) + 2500);
                stallOver = true;
                return 0;
            },
            this, [](int) {}, [](const StoreError &) {});

        AdmissionRequest r;
        r.snapshot = std::make_shared<RelaySnapshot>();
        r.key.id = 7;
        r.key.userId = 3;
        r.model = QStringLiteral("claude-sonnet-4-5");
        r.estimatedTokens = 100;
        r.estimatedCost = 1000;
        r.nowMs = Clock::nowMs();
        std::optional<Admission> answer;
        bool answeredDuringStall = false;
        governor.admit(r, [&](const Admission &a) {
            answer = a;
            answeredDuringStall = !stallOver;
        });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), int(Governor::kLeaseWaitMs) + 10000);
        QVERIFY(answeredDuringStall);
        QVERIFY(answer->refusal.has_value());
        QCOMPARE(answer->refusal->status, 503);
        QCOMPARE(header(answer->refusal->headers, "retry-after"), QByteArray("1"));
        QTRY_VERIFY_WITH_TIMEOUT(stallOver.load(), 10000);
        governor.stop();
        worker.stop();
    }
};

QTEST_GUILESS_MAIN(TestLeaseStore)
#include "TestLeaseStore.moc"
