// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>

#include <memory>

// A fresh, migrated database for one test, on SQLite (a file in a temporary directory) or on the
// MariaDB server named by AICARPOOL_TEST_MYSQL_URL (a database of its own, dropped afterwards).
//
// Tests run once per backend through Qt Test global data:
//   void initTestCase_data() { TestDb::addBackendRows(); }
//   void init() { AICARPOOL_TESTDB_INIT(m_db); }
class TestDb
{
public:
    TestDb();
    ~TestDb();
    TestDb(const TestDb &) = delete;
    TestDb &operator=(const TestDb &) = delete;

    static void addBackendRows(); // column "backend": "sqlite", "mysql"
    // true when CI=true: a missing MariaDB is then a failure, not a skip.
    static bool mustRunMySql();

    // Creates the database. With `migrate` false the schema is left empty. Returns false and
    // sets *skipReason when the backend is not available here.
    bool setUp(const QString &backend, bool migrate, QString *skipReason);

    bool isMySql() const { return m_mySql; }
    const DatabaseUrl &url() const { return m_url; }
    QSqlDatabase db() const;
    QString dir() const { return m_tmp.path(); }
    // Another connection (this thread) to the same database.
    QSqlDatabase openExtra(const QString &name, QString *error = nullptr);

private:
    QTemporaryDir m_tmp;
    bool m_mySql = false;
    DatabaseUrl m_url;
    DatabaseUrl m_adminUrl;
    QString m_connection;
    QStringList m_extra;
    QString m_dropDatabase;
};

#define AICARPOOL_TESTDB_INIT(member, migrate)                                                     \
    do {                                                                                           \
        QFETCH_GLOBAL(QString, backend);                                                           \
        member = std::make_unique<TestDb>();                                                       \
        QString skipReason_;                                                                       \
        if (!member->setUp(backend, migrate, &skipReason_)) {                                      \
            if (backend == QLatin1String("mysql") && !TestDb::mustRunMySql())                      \
                QSKIP(qPrintable(skipReason_));                                                    \
            QFAIL(qPrintable(skipReason_));                                                        \
        }                                                                                          \
    } while (false)
