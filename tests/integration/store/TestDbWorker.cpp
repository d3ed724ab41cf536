// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/DbWorker.h"
#include "store/UserRepository.h"

#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>

class TestDbWorker : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, true); }
    void cleanup() { m_db.reset(); }

    void runsJobsOnItsThreadAndDeliversOnTheCaller()
    {
        DbWorker worker;
        QString error;
        QVERIFY2(worker.start(m_db->url(), &error), qPrintable(error));
        QVERIFY(worker.isRunning());

        QThread *jobThread = nullptr;
        QThread *doneThread = nullptr;
        qint64 id = 0;
        worker.post<qint64>(
            [&jobThread](QSqlDatabase &db) {
                jobThread = QThread::currentThread();
                UserRow u;
                u.email = QStringLiteral("w@example.com");
                return UserRepository(db).insert(u);
            },
            this,
            [&](qint64 newId) {
                doneThread = QThread::currentThread();
                id = newId;
            },
            [](const StoreError &e) { QFAIL(qPrintable(e.message())); });
        QTRY_VERIFY(id > 0);
        QVERIFY(jobThread && jobThread != QThread::currentThread());
        QCOMPARE(doneThread, QThread::currentThread());
        QCOMPARE(UserRepository(m_db->db()).get(id)->email, QStringLiteral("w@example.com"));

        // A StoreError from the job reaches onError.
        bool gotError = false;
        worker.post<qint64>(
            [](QSqlDatabase &db) {
                UserRow u;
                u.email = QStringLiteral("w@example.com");
                return UserRepository(db).insert(u);
            },
            this, [](qint64) { QFAIL("should fail"); },
            [&](const StoreError &e) { gotError = e.kind() == StoreError::Kind::Conflict; });
        QTRY_VERIFY(gotError);

        // void jobs work too.
        bool voidDone = false;
        worker.post<void>([](QSqlDatabase &) {}, this, [&]() { voidDone = true; }, {});
        QTRY_VERIFY(voidDone);
    }

    void dropsResultsForADestroyedContext()
    {
        DbWorker worker;
        QString error;
        QVERIFY2(worker.start(m_db->url(), &error), qPrintable(error));
        std::atomic<bool> ran{false};
        bool delivered = false;
        auto *context = new QObject;
        worker.post<int>(
            [&](QSqlDatabase &) {
                QThread::msleep(100);
                ran = true;
                return 1;
            },
            context, [&](int) { delivered = true; }, {});
        delete context;
        QTRY_VERIFY(ran);
        // Give any stray delivery the chance to happen.
        bool marker = false;
        worker.post<int>([](QSqlDatabase &) { return 2; }, this, [&](int) { marker = true; }, {});
        QTRY_VERIFY(marker);
        QVERIFY(!delivered);
    }

    void stopDrainsPostedJobs()
    {
        DbWorker worker;
        QString error;
        QVERIFY2(worker.start(m_db->url(), &error), qPrintable(error));
        std::atomic<int> count{0};
        for (int i = 0; i < 25; ++i)
            worker.post<int>(
                [&count](QSqlDatabase &db) {
                    QSqlQuery q(db);
                    q.exec(QStringLiteral("SELECT 1"));
                    return ++count;
                },
                this, {}, {});
        worker.stop();
        QCOMPARE(count.load(), 25);
        QVERIFY(!worker.isRunning());
        worker.post<int>([&count](QSqlDatabase &) { return ++count; }, this, {}, {});
        QTest::qWait(50);
        QCOMPARE(count.load(), 25);
    }

    void reopensALostConnection()
    {
        DbWorker worker;
        QString error;
        QVERIFY2(worker.start(m_db->url(), &error), qPrintable(error));

        // Lose the connection: MySQL kills it server-side; SQLite closes it.
        const bool mySql = m_db->isMySql();
        std::optional<qint64> firstId;
        worker.post<qint64>(
            [mySql](QSqlDatabase &db) -> qint64 {
                if (!mySql) {
                    db.close();
                    return 0;
                }
                QSqlQuery q(db);
                q.exec(QStringLiteral("SELECT CONNECTION_ID()"));
                return q.next() ? q.value(0).toLongLong() : -1;
            },
            this, [&](qint64 v) { firstId = v; }, {});
        QTRY_VERIFY(firstId.has_value());
        if (mySql) {
            QVERIFY(*firstId > 0);
            QSqlQuery kill(m_db->db());
            QVERIFY(kill.exec(QStringLiteral("KILL %1").arg(*firstId)));
        }

        // Jobs may fail while the loss is noticed, then work again on a new connection.
        qint64 count = -1;
        std::optional<StoreError::Kind> failure;
        for (int attempt = 0; attempt < 3 && count < 0; ++attempt) {
            bool finished = false;
            worker.post<qint64>([](QSqlDatabase &db) { return UserRepository(db).count(); }, this,
                                [&](qint64 n) {
                                    count = n;
                                    finished = true;
                                },
                                [&](const StoreError &e) {
                                    failure = e.kind();
                                    finished = true;
                                });
            QTRY_VERIFY(finished);
        }
        QCOMPARE(count, 0);
        if (failure)
            QCOMPARE(*failure, StoreError::Kind::Unavailable);
    }

    void startFailsClearly()
    {
        DbWorker worker;
        DatabaseUrl bad = m_db->url();
        if (m_db->isMySql()) {
            bad.port = 1;
            bad.password = QStringLiteral("S3cretNeverShown");
        } else {
            bad.path = QStringLiteral("/proc/none/x.db");
        }
        QString error;
        QVERIFY(!worker.start(bad, &error));
        QVERIFY(!worker.isRunning());
        QVERIFY2(error.startsWith(QLatin1String("cannot open database")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1String("S3cretNeverShown")));
    }
};

QTEST_GUILESS_MAIN(TestDbWorker)
#include "TestDbWorker.moc"
