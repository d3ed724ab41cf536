// SPDX-License-Identifier: GPL-3.0-or-later
// AuditRepository on SQLite and MariaDB: the chain it appends (also from two connections), the
// filters and pages it reads, and verification in pages.
#include "TestDb.h"
#include "store/AuditChain.h"
#include "store/AuditRepository.h"

#include "store/Database.h"
#include "store/StoreError.h"

#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

class TestAuditRepository final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDb> m_db;

    static AuditRow entry(const QString &action, qint64 atMs,
                          std::optional<qint64> enterprise = std::nullopt)
    {
        AuditRow r;
        r.atMs = atMs;
        r.actorId = 1;
        r.actorEmail = QStringLiteral("admin@example.com");
        r.address = QStringLiteral("127.0.0.1");
        r.action = action;
        r.targetType = action.section(QLatin1Char('.'), 0, 0);
        r.targetId = QStringLiteral("9");
        r.afterJson = QStringLiteral("{\"name\":\"ünïcode, \\\"quoted\\\"\"}");
        r.enterpriseId = enterprise;
        return r;
    }

    bool exec(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        return q.exec(sql);
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, true); }
    void cleanup() { m_db.reset(); }

    void appendsALinearChain()
    {
        AuditRepository repo(m_db->db());
        const AuditRow first = repo.append(entry(QStringLiteral("pool.create"), 1000));
        QCOMPARE(first.id, 1);
        QCOMPARE(first.prevHash, AuditChain::genesis());
        QCOMPARE(first.hash, AuditChain::hash(first));
        // A second connection (another daemon) continues the same chain.
        QString error;
        QSqlDatabase other = m_db->openExtra(QStringLiteral("audit-other"), &error);
        QVERIFY2(other.isOpen(), qPrintable(error));
        const AuditRow second =
            AuditRepository(other).append(entry(QStringLiteral("pool.update"), 1001));
        const AuditRow third = repo.append(entry(QStringLiteral("pool.delete"), 1002));
        QCOMPARE(second.id, 2);
        QCOMPARE(second.prevHash, first.hash);
        QCOMPARE(third.id, 3);
        QCOMPARE(third.prevHash, second.hash);
        // What is read back hashes to what was stored (the texts survive the round trip).
        const AuditPage page = repo.query(AuditFilter{});
        QCOMPARE(page.total, 3);
        QCOMPARE(page.items.size(), 3);
        QCOMPARE(page.items.first().id, 3);
        for (const AuditRow &r : page.items)
            QCOMPARE(AuditChain::hash(r), r.hash);
        QCOMPARE(page.items.last().afterJson, first.afterJson);
        QVERIFY(!page.items.last().enterpriseId);
        const AuditVerification v = repo.verify(2);
        QVERIFY(v.ok);
        QCOMPARE(v.entries, 3);
    }

    void filtersAndPages()
    {
        AuditRepository repo(m_db->db());
        for (int i = 0; i < 12; ++i)
            repo.append(
                entry(i % 3 == 0 ? QStringLiteral("key.create") : QStringLiteral("pool.update"),
                      10000 + i, i < 4 ? std::optional<qint64>(7) : std::nullopt));
        AuditFilter f;
        f.action = QStringLiteral("key.create");
        QCOMPARE(repo.query(f).total, 4);
        f = AuditFilter{};
        f.targetType = QStringLiteral("pool");
        f.pageSize = 5;
        f.page = 2;
        AuditPage page = repo.query(f);
        QCOMPARE(page.total, 8);
        QCOMPARE(page.items.size(), 3);
        f = AuditFilter{};
        f.fromMs = 10005;
        f.toMs = 10007;
        page = repo.query(f);
        QCOMPARE(page.total, 2);
        QCOMPARE(page.items.first().atMs, 10006);
        f = AuditFilter{};
        f.actorId = 2;
        QCOMPARE(repo.query(f).total, 0);

        // Tenants: only their enterprise's entries; no enterprise at all matches nothing.
        f = AuditFilter{};
        f.enterpriseIds = QList<qint64>{7};
        QCOMPARE(repo.query(f).total, 4);
        f.enterpriseIds = QList<qint64>{7, 8};
        QCOMPARE(repo.query(f).total, 4);
        f.enterpriseIds = QList<qint64>{};
        QCOMPARE(repo.query(f).total, 0);

        // Keyset pages, newest first, for the CSV export.
        QList<qint64> seen;
        qint64 before = 0;
        for (;;) {
            const QList<AuditRow> rows = repo.pageBefore(AuditFilter{}, before, 5);
            for (const AuditRow &r : rows)
                seen.append(r.id);
            if (rows.size() < 5)
                break;
            before = rows.last().id;
        }
        QCOMPARE(seen.size(), 12);
        QCOMPARE(seen.first(), 12);
        QCOMPARE(seen.last(), 1);
    }

    void verifyFindsTheFirstBadEntry()
    {
        AuditRepository repo(m_db->db());
        for (int i = 0; i < 7; ++i)
            repo.append(entry(QStringLiteral("pool.update"), 20000 + i));
        QVERIFY(repo.verify(3).ok);
        // Changing an entry and re-hashing it still breaks the next entry's link.
        AuditRow four = repo.pageBefore(AuditFilter{}, 5, 1).first();
        QCOMPARE(four.id, 4);
        four.targetId = QStringLiteral("forged");
        const QString rehashed = AuditChain::hash(four);
        QVERIFY(exec(QStringLiteral("UPDATE audit_log SET target_id = 'forged', hash = '%1' "
                                    "WHERE id = 4")
                         .arg(rehashed)));
        AuditVerification v = repo.verify(3);
        QVERIFY(!v.ok);
        QCOMPARE(*v.firstBadId, 5);
        QCOMPARE(v.problem, QStringLiteral("link"));
        QCOMPARE(v.entries, 7);
        // An earlier edit without re-hashing is the first bad one.
        QVERIFY(exec(QStringLiteral("UPDATE audit_log SET at_ms = 1 WHERE id = 2")));
        v = repo.verify(3);
        QCOMPARE(*v.firstBadId, 2);
        QCOMPARE(v.problem, QStringLiteral("hash"));
    }

    void concurrentWritersKeepOneChain()
    {
        // Several writers (daemons) on their own connections at once: one linear chain.
        constexpr int Writers = 4;
        constexpr int PerWriter = 60;
        std::atomic<int> failures{0};
        std::vector<std::unique_ptr<QThread>> threads;
        const DatabaseUrl url = m_db->url();
        for (int w = 0; w < Writers; ++w) {
            threads.emplace_back(QThread::create([w, url, &failures] {
                const QString name = QStringLiteral("audit-writer-%1").arg(w);
                {
                    QString error;
                    QSqlDatabase db = Database::open(url, name, &error);
                    if (!db.isOpen()) {
                        ++failures;
                        return;
                    }
                    AuditRepository repo(db);
                    for (int i = 0; i < PerWriter; ++i) {
                        try {
                            repo.append(entry(QStringLiteral("pool.update"), w * 1000 + i));
                        } catch (const StoreError &) {
                            ++failures;
                        }
                    }
                    db.close();
                }
                QSqlDatabase::removeDatabase(name);
            }));
            threads.back()->start();
        }
        for (auto &t : threads)
            QVERIFY(t->wait(120000));
        QCOMPARE(failures.load(), 0);
        const AuditVerification v = AuditRepository(m_db->db()).verify(50);
        QVERIFY2(v.ok, qPrintable(v.problem));
        QCOMPARE(v.entries, Writers * PerWriter);
    }

    void enterpriseAndNullsAreHashed()
    {
        AuditRepository repo(m_db->db());
        repo.append(entry(QStringLiteral("pool.create"), 1, 3));
        QVERIFY(repo.verify().ok);
        QVERIFY(exec(QStringLiteral("UPDATE audit_log SET enterprise_id = NULL WHERE id = 1")));
        QCOMPARE(*repo.verify().firstBadId, 1);
    }
};

QTEST_GUILESS_MAIN(TestAuditRepository)
#include "TestAuditRepository.moc"
