// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/Database.h"
#include "store/Migrations.h"

#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>

class TestMigrations : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    qint64 scalar(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    QStringList indexNames(const QString &table)
    {
        QStringList names;
        QSqlQuery q(m_db->db());
        if (m_db->isMySql()) {
            q.exec(QStringLiteral("SHOW INDEX FROM ") + table);
            while (q.next())
                names << q.value(2).toString();
        } else {
            q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                                  "tbl_name = '%1'")
                       .arg(table));
            while (q.next())
                names << q.value(0).toString();
        }
        names.removeDuplicates();
        return names;
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, false); }
    void cleanup() { m_db.reset(); }

    void freshDatabaseGetsTheWholeSchema()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QCOMPARE(Migrations::currentVersion(db, &error), 0);
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(db, &error), Migrations::latestVersion());
        QVERIFY(Migrations::latestVersion() >= 1);

        const QStringList tables = {"users", "accounts", "api_keys", "usage_records", "settings"};
        for (const QString &t : tables)
            QVERIFY2(scalar(QStringLiteral("SELECT COUNT(*) FROM ") + t) == 0, qPrintable(t));

        const QStringList usageIndexes = indexNames(QStringLiteral("usage_records"));
        for (const char *name : {"idx_usage_created", "idx_usage_key_created",
                                 "idx_usage_account_created", "idx_usage_model_created"})
            QVERIFY2(usageIndexes.contains(QLatin1String(name)),
                     qPrintable(usageIndexes.join(',')));

        // Defaults and constraints are real: priority/weight defaults, unique email.
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO accounts (name, provider, secret_enc, models, "
                                      "created_at, updated_at) VALUES ('a', 'openai', 'x', '[]', "
                                      "1, 1)")));
        QCOMPARE(scalar(QStringLiteral("SELECT priority FROM accounts")), 50);
        QCOMPARE(scalar(QStringLiteral("SELECT weight FROM accounts")), 1);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO users (email, created_at, updated_at) "
                                      "VALUES ('a@x', 1, 1)")));
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO users (email, created_at, updated_at) "
                                       "VALUES ('a@x', 2, 2)")));
    }

    void applyIsIdempotentAndKeepsData()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO settings (k, v) VALUES ('x', 'kept')")));
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
                 Migrations::latestVersion());
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM settings WHERE v = 'kept'")), 1);
        QVERIFY(scalar(QStringLiteral("SELECT MIN(applied_at) FROM schema_migrations")) >
                1600000000000LL);
    }

    void concurrentStartsMigrateOnce()
    {
        const DatabaseUrl url = m_db->url();
        std::atomic<int> ok{0};
        QStringList errors;
        QMutex errorsMutex;
        QList<QThread *> threads;
        for (int i = 0; i < 4; ++i) {
            threads << QThread::create([&, i]() {
                const QString name = QStringLiteral("migrate-thread-%1").arg(i);
                {
                    QString error;
                    QSqlDatabase db = Database::open(url, name, &error);
                    if (db.isOpen() && Migrations::apply(db, &error))
                        ++ok;
                    else {
                        QMutexLocker lock(&errorsMutex);
                        errors << error;
                    }
                }
                Database::close(name);
            });
        }
        for (QThread *t : threads)
            t->start();
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        QVERIFY2(ok == 4, qPrintable(errors.join('\n')));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
                 Migrations::latestVersion());
        QString error;
        QCOMPARE(Migrations::currentVersion(m_db->db(), &error), Migrations::latestVersion());
    }

    void refusesASchemaFromTheFuture()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_migrations (version, applied_at) "
                                      "VALUES (999, 1)")));
        error.clear();
        QVERIFY(!Migrations::apply(db, &error));
        QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
        QVERIFY(error.contains(QLatin1String("999")));
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
