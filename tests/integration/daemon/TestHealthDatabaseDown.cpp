// SPDX-License-Identifier: GPL-3.0-or-later
// /health answers 503 while the database is unreachable and 200 again once it is back. On
// MariaDB only: the test's server is shared, so instead of stopping it the test ends the daemon's
// own connections to its private database (KILL), which is what a restart of the server looks
// like to the daemon. (An open SQLite file cannot be taken away from a running process.)
#include "RelayFixture.h"
#include "TestEnv.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

class TestHealthDatabaseDown final : public QObject
{
    Q_OBJECT

private:
    // Ends every connection to the test's database but the test's own; returns how many.
    static int killDaemonConnections(QSqlDatabase db)
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = "
                                   "DATABASE() AND ID <> CONNECTION_ID()")))
            return -1;
        QList<qint64> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        int killed = 0;
        for (qint64 id : ids) {
            QSqlQuery k(db);
            if (k.exec(QStringLiteral("KILL %1").arg(id)))
                ++killed;
        }
        return killed;
    }

private Q_SLOTS:
    void healthIs503WhileTheDatabaseIsUnreachable()
    {
        if (qEnvironmentVariable("AICARPOOL_TEST_MYSQL_URL").isEmpty()) {
            if (TestEnv::servicesRequired())
                QFAIL("AICARPOOL_TEST_MYSQL_URL is not set");
            QSKIP("AICARPOOL_TEST_MYSQL_URL is not set (tests/support/services.sh starts MariaDB)");
        }
        RelayFixture f;
        QString error;
        bool skip = false;
        QVERIFY2(f.setUp(QStringLiteral("mysql"), &error, &skip), qPrintable(error));
        TestHttpClient client(f.daemon().baseUrl());
        const auto up = client.get(QStringLiteral("/health"));
        QCOMPARE(up.status, 200);
        QCOMPARE(up.json().value(QLatin1String("database")).toString(), QStringLiteral("ok"));

        QVERIFY(killDaemonConnections(f.database().db()) >= 1);
        const auto down = client.get(QStringLiteral("/health"));
        QCOMPARE(down.status, 503);
        QCOMPARE(down.json().value(QLatin1String("status")).toString(), QStringLiteral("degraded"));
        QCOMPARE(down.json().value(QLatin1String("database")).toString(), QStringLiteral("down"));
        // The liveness probe does not depend on the database.
        QCOMPARE(client.get(QStringLiteral("/health/live")).status, 200);

        // The next check reconnects.
        QTRY_COMPARE_WITH_TIMEOUT(client.get(QStringLiteral("/health")).status, 200, 30000);
    }
};

QTEST_GUILESS_MAIN(TestHealthDatabaseDown)
#include "TestHealthDatabaseDown.moc"
