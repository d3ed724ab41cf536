// SPDX-License-Identifier: GPL-3.0-or-later
#include "config/DatabaseUrl.h"

#include <QtTest>

class TestDatabaseUrl : public QObject
{
    Q_OBJECT
private slots:
    void sqlite();
    void mysql();
    void mariadbAndDefaults();
    void percentEncodedCredentials();
    void connectOptions();
    void invalid_data();
    void invalid();
    void redaction();
};

void TestDatabaseUrl::sqlite()
{
    QString error;
    const auto url = DatabaseUrl::parse(QStringLiteral("sqlite:///var/lib/aicarpool/a.db"), &error);
    QVERIFY2(url.has_value(), qPrintable(error));
    QCOMPARE(url->driver, QStringLiteral("QSQLITE"));
    QVERIFY(url->isSqlite());
    QCOMPARE(url->path, QStringLiteral("/var/lib/aicarpool/a.db"));
    QCOMPARE(url->redacted(), QStringLiteral("sqlite:///var/lib/aicarpool/a.db"));
    const auto spaced = DatabaseUrl::parse(QStringLiteral("sqlite:///tmp/my%20data/x.db"), &error);
    QCOMPARE(spaced->path, QStringLiteral("/tmp/my data/x.db"));

    QVERIFY(!DatabaseUrl::parse(QStringLiteral("sqlite://relative/x.db"), &error));
    QVERIFY2(error.contains(QLatin1String("absolute")), qPrintable(error));
    QVERIFY(error.contains(QLatin1String("sqlite:///")));
}

void TestDatabaseUrl::mysql()
{
    QString error;
    const auto url = DatabaseUrl::parse(
        QStringLiteral("mysql://carpool:s3cret@db.example.com:3307/aicarpool"), &error);
    QVERIFY2(url.has_value(), qPrintable(error));
    QCOMPARE(url->driver, QStringLiteral("QMYSQL"));
    QVERIFY(url->isMysql());
    QCOMPARE(url->host, QStringLiteral("db.example.com"));
    QCOMPARE(url->port, 3307);
    QCOMPARE(url->user, QStringLiteral("carpool"));
    QCOMPARE(url->password, QStringLiteral("s3cret"));
    QCOMPARE(url->database, QStringLiteral("aicarpool"));
    QVERIFY(url->options.isEmpty());
}

void TestDatabaseUrl::mariadbAndDefaults()
{
    QString error;
    const auto url = DatabaseUrl::parse(QStringLiteral("mariadb://root@127.0.0.1/test"), &error);
    QVERIFY2(url.has_value(), qPrintable(error));
    QCOMPARE(url->driver, QStringLiteral("QMYSQL"));
    QCOMPARE(url->port, 3306);
    QCOMPARE(url->user, QStringLiteral("root"));
    QVERIFY(url->password.isEmpty());
    QCOMPARE(url->redacted(), QStringLiteral("mysql://root@127.0.0.1:3306/test"));
}

void TestDatabaseUrl::percentEncodedCredentials()
{
    QString error;
    const auto url =
        DatabaseUrl::parse(QStringLiteral("mysql://us%40er:p%40ss%3Aw%2Frd%23@h:1/db"), &error);
    QVERIFY2(url.has_value(), qPrintable(error));
    QCOMPARE(url->user, QStringLiteral("us@er"));
    QCOMPARE(url->password, QStringLiteral("p@ss:w/rd#"));
    QVERIFY(!url->redacted().contains(QLatin1String("p@ss")));
    QVERIFY(!url->redacted().contains(QLatin1String("p%40ss")));
}

void TestDatabaseUrl::connectOptions()
{
    QString error;
    const auto url = DatabaseUrl::parse(
        QStringLiteral("mysql://u:p@h/db?MYSQL_OPT_CONNECT_TIMEOUT=5&UNIX_SOCKET=/run/m.sock"),
        &error);
    QVERIFY2(url.has_value(), qPrintable(error));
    QCOMPARE(url->options, QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=5;UNIX_SOCKET=/run/m.sock"));
    QCOMPARE(url->database, QStringLiteral("db"));
}

void TestDatabaseUrl::invalid_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty") << ""
                           << "sqlite:///";
    QTest::newRow("relative sqlite") << "sqlite://data.db"
                                     << "absolute";
    QTest::newRow("sqlite dir") << "sqlite:///var/lib/"
                                << "file path";
    QTest::newRow("no scheme") << "/var/lib/a.db"
                               << "unsupported scheme";
    QTest::newRow("postgres") << "postgres://u:hunter2@h/db"
                              << "unsupported scheme";
    QTest::newRow("no host") << "mysql://u:hunter2@/db"
                             << "host";
    QTest::newRow("no user") << "mysql://h:3306/db"
                             << "user";
    QTest::newRow("no database") << "mysql://u:hunter2@h:3306/"
                                 << "database name";
    QTest::newRow("nested path") << "mysql://u:hunter2@h/a/b"
                                 << "database name";
    QTest::newRow("bad port") << "mysql://u:hunter2@h:99999/db"
                              << "invalid database URL";
    QTest::newRow("raw at sign") << "mysql://u:hun@ter2@h/db"
                                 << "invalid database URL";
}

void TestDatabaseUrl::invalid()
{
    QFETCH(QString, url);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!DatabaseUrl::parse(url, &error).has_value());
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("hunter2")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("ter2")), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

void TestDatabaseUrl::redaction()
{
    QString error;
    const auto url =
        DatabaseUrl::parse(QStringLiteral("mysql://app:topsecret@10.0.0.5:3306/prod"), &error);
    QVERIFY(url.has_value());
    QCOMPARE(url->redacted(), QStringLiteral("mysql://app:***@10.0.0.5:3306/prod"));
    QCOMPARE(DatabaseUrl::redactText(QStringLiteral("mysql://app:top@secret@h/db")),
             QStringLiteral("mysql://app:***@h/db"));
    QCOMPARE(DatabaseUrl::redactText(QStringLiteral("mysql://app@h:3306/db")),
             QStringLiteral("mysql://app@h:3306/db"));
    QCOMPARE(DatabaseUrl::redactText(QStringLiteral("sqlite:///x.db")),
             QStringLiteral("sqlite:///x.db"));
}

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "TestDatabaseUrl.moc"
