// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/Database.h"
#include "store/SqlTransaction.h"
#include "store/StoreError.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

class TestDatabase : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    QString text(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        if (!q.exec(sql) || !q.next())
            return QStringLiteral("<error>");
        return q.value(0).toString();
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, false); }
    void cleanup() { m_db.reset(); }

    void sessionIsConfigured()
    {
        QVERIFY(Database::ping(m_db->db()));
        if (m_db->isMySql()) {
            QVERIFY(Database::isMySql(m_db->db()));
            QCOMPARE(text(QStringLiteral("SELECT @@character_set_connection")),
                     QStringLiteral("utf8mb4"));
            QCOMPARE(text(QStringLiteral("SELECT @@session.time_zone")), QStringLiteral("+00:00"));
        } else {
            QVERIFY(!Database::isMySql(m_db->db()));
            QCOMPARE(text(QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
            QCOMPARE(text(QStringLiteral("PRAGMA synchronous")), QStringLiteral("1"));
            QCOMPARE(text(QStringLiteral("PRAGMA busy_timeout")), QStringLiteral("5000"));
            QCOMPARE(text(QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
        }
        // Four-byte UTF-8 survives a round trip through a table.
        QSqlQuery q(m_db->db());
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE t_utf8 (v VARCHAR(64) NOT NULL)")));
        QVERIFY(q.prepare(QStringLiteral("INSERT INTO t_utf8 (v) VALUES (?)")));
        const QString emoji = QStringLiteral("caf\u00e9 \U0001F600");
        q.addBindValue(emoji);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("SELECT v FROM t_utf8")) && q.next());
        QCOMPARE(q.value(0).toString(), emoji);
    }

    void failuresAreClearAndHideThePassword()
    {
        DatabaseUrl bad = m_db->url();
        if (m_db->isMySql()) {
            bad.password = QStringLiteral("Wr0ngSecretPassw0rd");
        } else {
            bad.path = QStringLiteral("/proc/no-such-dir/aicarpool.db");
        }
        QString error;
        QSqlDatabase db = Database::open(bad, QStringLiteral("bad"), &error);
        QVERIFY(!db.isOpen());
        QVERIFY(error.startsWith(QLatin1String("cannot open database ")));
        QVERIFY2(!error.contains(QLatin1String("Wr0ngSecretPassw0rd")), qPrintable(error));
        if (m_db->isMySql()) {
            QVERIFY2(error.contains(bad.host), qPrintable(error));
            QVERIFY2(error.contains(QLatin1String("Access denied")), qPrintable(error));
            // Nothing listens on port 1: a connection failure, still without the password.
            bad.port = 1;
            error.clear();
            QVERIFY(!Database::open(bad, QStringLiteral("bad"), &error).isOpen());
            QVERIFY2(!error.isEmpty() && !error.contains(QLatin1String("Wr0ngSecretPassw0rd")),
                     qPrintable(error));
        } else {
            QVERIFY2(error.contains(QLatin1String("/proc/no-such-dir")), qPrintable(error));
        }
        db = QSqlDatabase();
        Database::close(QStringLiteral("bad"));
    }

    // A transaction that reads, then writes, while another connection writes in between: on
    // SQLite (WAL) a deferred transaction failed its first write at once (SQLITE_BUSY without
    // waiting), which the admin API answered 503. SqlTransaction takes the write lock up front,
    // so the other writer waits (or, with no busy timeout, is the one turned away) and this
    // transaction commits.
    void aTransactionThatReadsThenWritesSurvivesAnotherWriter()
    {
        QSqlDatabase a = m_db->db();
        QSqlQuery setup(a);
        QVERIFY(setup.exec(QStringLiteral("CREATE TABLE tx_probe (v INTEGER)")));
        QString error;
        QSqlDatabase b = m_db->openExtra(QStringLiteral("tx-probe-b"), &error);
        QVERIFY2(b.isOpen(), qPrintable(error));
        QSqlQuery bq(b);
        if (!m_db->isMySql())
            QVERIFY(bq.exec(QStringLiteral("PRAGMA busy_timeout=0")));
        else
            QVERIFY(bq.exec(QStringLiteral("SET SESSION innodb_lock_wait_timeout = 1")));

        bool committed = false;
        try {
            SqlTransaction tx(a);
            QSqlQuery read(a);
            QVERIFY(read.exec(QStringLiteral("SELECT COUNT(*) FROM tx_probe")));
            QVERIFY(read.next());
            read.finish();
            bq.exec(QStringLiteral("INSERT INTO tx_probe (v) VALUES (2)")); // may wait or fail
            QSqlQuery write(a);
            QVERIFY2(write.exec(QStringLiteral("INSERT INTO tx_probe (v) VALUES (1)")),
                     qPrintable(write.lastError().text()));
            tx.commit();
            committed = true;
        } catch (const StoreError &e) {
            QFAIL(qPrintable(e.message()));
        }
        QVERIFY(committed);
        QSqlQuery check(a);
        QVERIFY(check.exec(QStringLiteral("SELECT COUNT(*) FROM tx_probe WHERE v = 1")));
        QVERIFY(check.next());
        QCOMPARE(check.value(0).toInt(), 1);
        bq.finish();
        b = QSqlDatabase(); // TestDb closes its extra connections
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
