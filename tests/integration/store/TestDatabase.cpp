// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/Database.h"

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
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
