// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "TestEnv.h"

#include "store/Database.h"
#include "store/Migrations.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

static QAtomicInt s_counter;

TestDb::TestDb()
{
    m_connection = QStringLiteral("testdb-%1").arg(s_counter.fetchAndAddRelaxed(1));
}

TestDb::~TestDb()
{
    Database::close(m_connection);
    for (const QString &name : std::as_const(m_extra))
        Database::close(name);
    if (!m_dropDatabase.isEmpty()) {
        const QString admin = m_connection + QStringLiteral("-admin");
        {
            QString error;
            QSqlDatabase db = Database::open(m_adminUrl, admin, &error);
            if (db.isOpen()) {
                QSqlQuery q(db);
                q.exec(QStringLiteral("DROP DATABASE IF EXISTS `%1`").arg(m_dropDatabase));
            }
        }
        Database::close(admin);
    }
}

void TestDb::addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("mysql") << QStringLiteral("mysql");
}

bool TestDb::mustRunMySql()
{
    // Once a server is given, anything that goes wrong with it (including Database::open or
    // Migrations::apply) is a failure, never a skip.
    return TestEnv::servicesRequired() ||
           !qEnvironmentVariable("AICARPOOL_TEST_MYSQL_URL").isEmpty();
}

bool TestDb::setUp(const QString &backend, bool migrate, QString *skipReason)
{
    if (!m_tmp.isValid()) {
        *skipReason = QStringLiteral("no temporary directory");
        return false;
    }
    QString error;
    if (backend == QLatin1String("sqlite")) {
        const auto url = DatabaseUrl::parse(
            QStringLiteral("sqlite://") + m_tmp.filePath(QStringLiteral("test.db")), &error);
        if (!url) {
            *skipReason = error;
            return false;
        }
        m_url = *url;
    } else {
        m_mySql = true;
        const QString env = qEnvironmentVariable("AICARPOOL_TEST_MYSQL_URL");
        if (env.isEmpty()) {
            *skipReason = QStringLiteral("AICARPOOL_TEST_MYSQL_URL is not set");
            return false;
        }
        const auto url = DatabaseUrl::parse(env, &error);
        if (!url) {
            *skipReason = QStringLiteral("AICARPOOL_TEST_MYSQL_URL: ") + error;
            return false;
        }
        m_adminUrl = *url;
        // A database of our own, named with the prefix the test user may create.
        const QString name = QStringLiteral("%1_%2_%3")
                                 .arg(url->database)
                                 .arg(QCoreApplication::applicationPid())
                                 .arg(QRandomGenerator::global()->generate() % 1000000000u);
        const QString admin = m_connection + QStringLiteral("-admin");
        {
            QSqlDatabase db = Database::open(m_adminUrl, admin, &error);
            if (!db.isOpen()) {
                *skipReason = error;
                Database::close(admin);
                return false;
            }
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("CREATE DATABASE `%1` CHARACTER SET utf8mb4 "
                                       "COLLATE utf8mb4_unicode_ci")
                            .arg(name))) {
                *skipReason =
                    QStringLiteral("cannot create test database: ") + q.lastError().text();
                Database::close(admin);
                return false;
            }
        }
        Database::close(admin);
        m_dropDatabase = name;
        m_url = *url;
        m_url.database = name;
    }
    QSqlDatabase db = Database::open(m_url, m_connection, &error);
    if (!db.isOpen()) {
        *skipReason = error;
        return false;
    }
    if (migrate && !Migrations::apply(db, &error)) {
        *skipReason = error;
        return false;
    }
    return true;
}

QSqlDatabase TestDb::db() const
{
    return QSqlDatabase::database(m_connection, false);
}

QSqlDatabase TestDb::openExtra(const QString &name, QString *error)
{
    const QString full = m_connection + QLatin1Char('-') + name;
    m_extra.append(full);
    return Database::open(m_url, full, error);
}
