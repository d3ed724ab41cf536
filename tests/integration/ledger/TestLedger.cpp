// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "base/ThreadPriority.h"
#include "ledger/Ledger.h"
#include "ledger/LedgerBatchWriter.h"
#include "ledger/Spool.h"
#include "store/UsageRepository.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QTimer>

class TestLedger : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    static UsageRecord record(const QString &prefix, int i)
    {
        UsageRecord r;
        r.requestId = QStringLiteral("%1-%2").arg(prefix).arg(i);
        r.createdAtMs = 1735689600000 + i;
        r.keyId = 1 + i % 3;
        r.userId = 1;
        r.accountId = 1 + i % 2;
        r.provider = QStringLiteral("openai");
        r.model = QStringLiteral("gpt-4o-mini");
        r.endpoint = QStringLiteral("/v1/chat/completions");
        r.status = 200;
        r.usage.inputTokens = i;
        r.usage.outputTokens = 1;
        r.cost = 0.5;
        r.latencyMs = 10;
        return r;
    }

    // Rows in the database and whether every request id appears once.
    qint64 rows(const QString &prefix, bool *unique = nullptr)
    {
        QSqlQuery q(m_db->db());
        q.prepare(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT request_id), "
                                 "COALESCE(SUM(input_tokens), 0) FROM usage_records "
                                 "WHERE request_id LIKE ?"));
        q.addBindValue(prefix + QStringLiteral("-%"));
        if (!q.exec() || !q.next())
            return -1;
        if (unique)
            *unique = q.value(0).toLongLong() == q.value(1).toLongLong();
        return q.value(0).toLongLong();
    }

    qint64 inputTokenSum(const QString &prefix)
    {
        QSqlQuery q(m_db->db());
        q.prepare(QStringLiteral("SELECT COALESCE(SUM(input_tokens), 0) FROM usage_records "
                                 "WHERE request_id LIKE ?"));
        q.addBindValue(prefix + QStringLiteral("-%"));
        if (!q.exec() || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    static qint64 validSpoolLines(const QString &dir)
    {
        qint64 n = 0;
        const QStringList files = QDir(dir).entryList({QStringLiteral("*.spool")}, QDir::Files);
        for (const QString &name : files) {
            QFile f(dir + QLatin1Char('/') + name);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            while (!f.atEnd())
                if (UsageRecord::fromSpoolLine(f.readLine()))
                    ++n;
        }
        return n;
    }

    static qint64 spoolFileCount(const QString &dir)
    {
        return QDir(dir).entryList({QStringLiteral("*.spool")}, QDir::Files).size();
    }

    DatabaseUrl unreachableUrl() const
    {
        DatabaseUrl url = m_db->url();
        if (m_db->isMySql())
            url.port = 1; // nothing listens there
        else
            url.path = QStringLiteral("/proc/aicarpool-no-such-dir/ledger.db");
        return url;
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, true); }
    void cleanup() { m_db.reset(); }

    void batchesAreOnDiskWhenTheyCommit()
    {
        // The spool deletes a segment once its records are committed, so a commit of the
        // ledger's connection must survive a power loss: SQLite's WAL with synchronous=NORMAL
        // (every other connection of the daemon) may lose its last commits there.
        QSqlDatabase db = m_db->db();
        if (m_db->isMySql()) {
            LedgerBatchWriter::makeCommitsDurable(db); // the server's own settings apply
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT 1")));
            return;
        }
        auto synchronous = [&db] {
            QSqlQuery q(db);
            return q.exec(QStringLiteral("PRAGMA synchronous")) && q.next() ? q.value(0).toInt()
                                                                            : -1;
        };
        QCOMPARE(synchronous(), 1); // NORMAL, as Database::open() leaves it
        LedgerBatchWriter::makeCommitsDurable(db);
        QCOMPARE(synchronous(), 2); // FULL: the WAL is synced by each commit
        QCOMPARE(LedgerBatchWriter::write(db, {record(QStringLiteral("durable"), 1)}), qint64(1));
        QCOMPARE(rows(QStringLiteral("durable")), 1);
    }

    void writesEveryRecordExactlyOnce()
    {
        const QString spoolDir = m_db->dir() + QStringLiteral("/spool");
        {
            Ledger ledger(m_db->url(), spoolDir);
            QString error;
            QVERIFY2(ledger.start(&error), qPrintable(error));
            // From four threads at once, like several HTTP workers would.
            QList<QThread *> threads;
            for (int t = 0; t < 4; ++t)
                threads << QThread::create([&ledger, t]() {
                    for (int i = 0; i < 500; ++i)
                        ledger.record(record(QStringLiteral("run"), t * 500 + i));
                });
            QElapsedTimer timer;
            timer.start();
            for (QThread *th : threads)
                th->start();
            for (QThread *th : threads) {
                th->wait();
                delete th;
            }
            QVERIFY2(timer.elapsed() < 5000, "record() must not block");
            QVERIFY(ledger.waitUntilIdle(30000));
            QCOMPARE(ledger.writtenTotal(), 2000);
            QCOMPARE(ledger.queueDepth(), 0);
            QVERIFY(ledger.databaseUp());
        }
        bool unique = false;
        QCOMPARE(rows(QStringLiteral("run"), &unique), 2000);
        QVERIFY(unique);
        QCOMPARE(inputTokenSum(QStringLiteral("run")), qint64(1999) * 2000 / 2);
        // Everything was committed, so a clean stop leaves no spool behind.
        QCOMPARE(spoolFileCount(spoolDir), 0);
    }

    // Scheduling policy of this process's thread named `name` (field 41 of its stat), or -1.
    static int threadPolicy(const QString &name)
    {
        const QStringList tasks =
            QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &tid : tasks) {
            QFile comm(QStringLiteral("/proc/self/task/%1/comm").arg(tid));
            if (!comm.open(QIODevice::ReadOnly) || comm.readAll().trimmed() != name.toUtf8())
                continue;
            QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
            if (!stat.open(QIODevice::ReadOnly))
                return -1;
            const QByteArray line = stat.readAll();
            const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
            return fields.size() > 38 ? fields.at(38).toInt() : -1; // field 41: policy
        }
        return -1;
    }

    void writerIdlesWhileItKeepsUpAndCatchesUpAtNormalPriority()
    {
        // SCHED_IDLE = 5, SCHED_OTHER = 0. Where the process could not raise the thread again
        // the writer is never lowered.
        const bool adaptive = ThreadPriority::mayLeaveIdle();
        const int idle = adaptive ? 5 : 0;
        const QString spoolDir = m_db->dir() + QStringLiteral("/spool");
        Ledger ledger(m_db->url(), spoolDir);
        ledger.setBatchSize(3);
        ledger.setFlushIntervalMs(60000); // batches are taken only when full
        QString error;
        QVERIFY2(ledger.start(&error), qPrintable(error));
        for (int i = 0; i < 3; ++i)
            ledger.record(record(QStringLiteral("prio"), i));
        QVERIFY(ledger.waitUntilIdle(10000));
        QTRY_COMPARE_WITH_TIMEOUT(threadPolicy(QStringLiteral("Ledger")), idle, 5000);
        QCOMPARE(ledger.writerIdle(), adaptive);

        // A record that waited longer than kCatchUpAfterMs: the writer is raised at once, by the
        // thread that records.
        ledger.record(record(QStringLiteral("prio"), 3));
        QTest::qWait(int(Ledger::kCatchUpAfterMs) + 200);
        QCOMPARE(threadPolicy(QStringLiteral("Ledger")), idle);
        ledger.record(record(QStringLiteral("prio"), 4));
        QCOMPARE(threadPolicy(QStringLiteral("Ledger")), 0);
        QVERIFY(!ledger.writerIdle());

        // Caught up again: back to idle, and nothing was lost on the way.
        ledger.record(record(QStringLiteral("prio"), 5));
        QVERIFY(ledger.waitUntilIdle(10000));
        QTRY_COMPARE_WITH_TIMEOUT(threadPolicy(QStringLiteral("Ledger")), idle, 5000);
        QCOMPARE(rows(QStringLiteral("prio")), 6);

        // Turned off: the writer stays at normal priority.
        ledger.stop();
        Ledger plain(m_db->url(), spoolDir + QStringLiteral("-plain"));
        plain.setBackgroundPriority(false);
        QVERIFY2(plain.start(&error), qPrintable(error));
        plain.record(record(QStringLiteral("plain"), 0));
        QVERIFY(plain.waitUntilIdle(10000));
        QTest::qWait(100);
        QCOMPARE(threadPolicy(QStringLiteral("Ledger")), 0);
        QVERIFY(!plain.writerIdle());
    }

    // Records that pile up far beyond a batch (here behind another writer's lock) are written in
    // the order they were recorded, none lost and none twice, also those recorded while the
    // writer splits a batch off the queue.
    void aLongQueueIsWrittenInBatchesInOrder()
    {
        const QString spoolDir = m_db->dir() + QStringLiteral("/spool");
        Ledger ledger(m_db->url(), spoolDir);
        ledger.setBatchSize(4);
        ledger.setFlushIntervalMs(10);
        QString error;
        QVERIFY2(ledger.start(&error), qPrintable(error));
        QSqlQuery lock(m_db->db());
        QVERIFY(lock.exec(m_db->isMySql() ? QStringLiteral("LOCK TABLES usage_records WRITE")
                                          : QStringLiteral("BEGIN IMMEDIATE")));
        int recorded = 0;
        for (; recorded < 40; ++recorded)
            ledger.record(record(QStringLiteral("order"), recorded));
        QTest::qWait(200); // the writer has taken a batch and waits for the lock
        QVERIFY(ledger.queueDepth() == 40);
        QVERIFY(lock.exec(m_db->isMySql() ? QStringLiteral("UNLOCK TABLES")
                                          : QStringLiteral("ROLLBACK")));
        for (; recorded < 80; ++recorded) {
            ledger.record(record(QStringLiteral("order"), recorded));
            if (recorded % 8 == 0)
                QThread::usleep(200);
        }
        QVERIFY(ledger.waitUntilIdle(20000));
        QSqlQuery q(m_db->db());
        QVERIFY(q.exec(QStringLiteral("SELECT request_id FROM usage_records WHERE request_id "
                                      "LIKE 'order-%' ORDER BY id")));
        QStringList written;
        while (q.next())
            written << q.value(0).toString();
        QStringList expected;
        for (int i = 0; i < recorded; ++i)
            expected << QStringLiteral("order-%1").arg(i);
        QCOMPARE(written, expected);
        // Nothing else either (no empty or repeated row from a record taken twice).
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM usage_records")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), recorded);
    }

    void overflowGoesThroughTheSpool()
    {
        const QString spoolDir = m_db->dir() + QStringLiteral("/spool");
        Ledger ledger(m_db->url(), spoolDir);
        ledger.setMaxQueue(20);
        ledger.setBatchSize(7);
        ledger.setFlushIntervalMs(200);
        QString error;
        QVERIFY2(ledger.start(&error), qPrintable(error));
        for (int i = 0; i < 1500; ++i)
            ledger.record(record(QStringLiteral("ovf"), i));
        QVERIFY(ledger.queueDepth() > 0);
        QVERIFY(ledger.waitUntilIdle(60000));
        bool unique = false;
        QCOMPARE(rows(QStringLiteral("ovf"), &unique), 1500);
        QVERIFY(unique);
        QCOMPARE(ledger.writtenTotal(), 1500);
        QCOMPARE(inputTokenSum(QStringLiteral("ovf")), qint64(1499) * 1500 / 2);
        // More after the overflow drained goes through memory again.
        for (int i = 1500; i < 1510; ++i)
            ledger.record(record(QStringLiteral("ovf"), i));
        QVERIFY(ledger.waitUntilIdle(10000));
        QCOMPARE(rows(QStringLiteral("ovf")), 1510);
    }

    // A started ledger on this test's database, its spool in the test's directory.
    std::unique_ptr<Ledger> startLedger(QString *spoolDir)
    {
        *spoolDir = m_db->dir() + QStringLiteral("/spool");
        auto ledger = std::make_unique<Ledger>(m_db->url(), *spoolDir);
        QString error;
        if (!ledger->start(&error)) {
            qWarning("ledger did not start: %s", qPrintable(error));
            return nullptr;
        }
        return ledger;
    }

    // Request ids of the valid lines in the spool under `dir`.
    static QSet<QString> spooledIds(const QString &dir)
    {
        QSet<QString> ids;
        const QStringList files = QDir(dir).entryList({QStringLiteral("*.spool")}, QDir::Files);
        for (const QString &name : files) {
            QFile f(dir + QLatin1Char('/') + name);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            while (!f.atEnd())
                if (const std::optional<UsageRecord> r = UsageRecord::fromSpoolLine(f.readLine()))
                    ids.insert(r->requestId);
        }
        return ids;
    }

    // Runs `pass` as one event of a running event loop (as on an HTTP thread), then turns the
    // loop until `done` (at most 10 s).
    static void runPassInEventLoop(const std::function<void()> &pass,
                                   const std::function<bool()> &done)
    {
        QEventLoop loop;
        QTimer::singleShot(0, &loop, pass);
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (done())
                loop.quit();
        });
        poll.start(5);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
    }

    void callsEndedInOnePassShareOneSpoolWriteAndAnswerAfterIt()
    {
        // What an HTTP thread does when several upstream answers arrive in one pass of its
        // event loop: each call is recorded, then answered; the answers wait for the spool.
        QString spoolDir;
        const std::unique_ptr<Ledger> started = startLedger(&spoolDir);
        QVERIFY(started);
        Ledger &ledger = *started;
        const qint64 appendsBefore = ledger.spoolAppends();
        QStringList answered;
        QStringList missingAtAnswer; // records not in the spool when their call was answered
        int answeredDuringThePass = -1;
        bool spooledDuringThePass = true;
        runPassInEventLoop(
            [&] {
                for (int i = 0; i < 10; ++i) {
                    const QString id = QStringLiteral("pass-%1").arg(i);
                    ledger.record(record(QStringLiteral("pass"), i), [&, id] {
                        if (!spooledIds(spoolDir).contains(id))
                            missingAtAnswer << id;
                        answered << id;
                    });
                }
                answeredDuringThePass = int(answered.size());
                spooledDuringThePass = !spooledIds(spoolDir).isEmpty();
            },
            [&] { return answered.size() == 10; });
        QCOMPARE(answered.size(), 10);
        QCOMPARE(answeredDuringThePass, 0);
        QVERIFY(!spooledDuringThePass);
        QVERIFY2(missingAtAnswer.isEmpty(), qPrintable(missingAtAnswer.join(u',')));
        for (int i = 0; i < 10; ++i)
            QCOMPARE(answered.at(i), QStringLiteral("pass-%1").arg(i));
        QCOMPARE(ledger.spoolAppends() - appendsBefore, qint64(1));
        QVERIFY(ledger.waitUntilIdle(30000));
        bool unique = false;
        QCOMPARE(rows(QStringLiteral("pass"), &unique), 10);
        QVERIFY(unique);
        QCOMPARE(inputTokenSum(QStringLiteral("pass")), qint64(45));
        ledger.stop();
    }

    void aFullStageIsWrittenAtOnceAndAnsweredWhenThePassEnds()
    {
        // More calls end in one pass than one spool write takes: the first ones are written
        // at once, but nobody is answered from inside record(), which runs in the middle of
        // ending a call (its quotas are settled after it).
        QString spoolDir;
        const std::unique_ptr<Ledger> started = startLedger(&spoolDir);
        QVERIFY(started);
        Ledger &ledger = *started;
        const qint64 appendsBefore = ledger.spoolAppends();
        const int calls = int(Spool::MaxLinesPerAppend) + 44;
        int answered = 0;
        int answeredDuringThePass = -1;
        qsizetype spooledDuringThePass = -1;
        runPassInEventLoop(
            [&] {
                for (int i = 0; i < calls; ++i)
                    ledger.record(record(QStringLiteral("full"), i), [&] { ++answered; });
                answeredDuringThePass = answered;
                spooledDuringThePass = spooledIds(spoolDir).size();
            },
            [&] { return answered == calls; });
        QCOMPARE(answered, calls);
        QCOMPARE(answeredDuringThePass, 0);
        QCOMPARE(spooledDuringThePass, Spool::MaxLinesPerAppend);
        QCOMPARE(ledger.spoolAppends() - appendsBefore, qint64(2));
        QVERIFY(ledger.waitUntilIdle(30000));
        QCOMPARE(rows(QStringLiteral("full")), qint64(calls));
        ledger.stop();
    }

    void answersThatEndMoreCallsNeedNoOtherEvent()
    {
        // An answer can start the next call on its connection (a pipelined request), which
        // may end at once, refused before any upstream, and record again. The loop may be
        // about to wait when that happens: the record must be written and answered without
        // another event to wake it. Only a 5 s watchdog is pending here.
        QString spoolDir;
        const std::unique_ptr<Ledger> started = startLedger(&spoolDir);
        QVERIFY(started);
        Ledger &ledger = *started;
        constexpr int Chain = 6;
        QEventLoop loop;
        bool timedOut = false;
        QList<int> answered;
        std::function<void(int)> call = [&](int i) {
            ledger.record(record(QStringLiteral("chain"), i), [&, i] {
                answered << i;
                if (i + 1 < Chain)
                    call(i + 1);
                else
                    loop.quit();
            });
        };
        QTimer::singleShot(0, &loop, [&] { call(0); });
        QTimer::singleShot(5000, &loop, [&] {
            timedOut = true;
            loop.quit();
        });
        loop.exec();
        QVERIFY2(!timedOut, "a record made by an answer waited for another event");
        QCOMPARE(answered, (QList<int>{0, 1, 2, 3, 4, 5}));
        QVERIFY(ledger.waitUntilIdle(30000));
        QCOMPARE(rows(QStringLiteral("chain")), qint64(Chain));
        ledger.stop();
    }

    void stopWritesRecordsWhosePassHasNotEnded()
    {
        // A stop from inside the pass that recorded: the records still reach the database, and
        // their answers follow when the pass ends.
        QString spoolDir;
        const std::unique_ptr<Ledger> started = startLedger(&spoolDir);
        QVERIFY(started);
        Ledger &ledger = *started;
        int answered = 0;
        int answeredByStop = -1;
        runPassInEventLoop(
            [&] {
                for (int i = 0; i < 5; ++i)
                    ledger.record(record(QStringLiteral("stopped"), i), [&] { ++answered; });
                ledger.stop();
                answeredByStop = answered;
            },
            [&] { return answered == 5; });
        QCOMPARE(answered, 5);
        QCOMPARE(answeredByStop, 0);
        bool unique = false;
        QCOMPARE(rows(QStringLiteral("stopped"), &unique), 5);
        QVERIFY(unique);
    }

    void aCallbackOutsideAnEventLoopRunsAtOnce()
    {
        // A thread whose event loop does not turn has no pass to end: the record is written
        // and the callback runs inside record().
        QString spoolDir;
        const std::unique_ptr<Ledger> started = startLedger(&spoolDir);
        QVERIFY(started);
        Ledger &ledger = *started;
        bool inSpool = false;
        bool ran = false;
        QThread *thread = QThread::create([&] {
            ledger.record(record(QStringLiteral("noloop"), 1), [&] {
                inSpool = spooledIds(spoolDir).contains(QStringLiteral("noloop-1"));
                ran = true;
            });
        });
        thread->start();
        QVERIFY(thread->wait(10000));
        delete thread;
        QVERIFY(ran);
        QVERIFY(inSpool);
        QVERIFY(ledger.waitUntilIdle(30000));
        QCOMPARE(rows(QStringLiteral("noloop")), 1);
        ledger.stop();
    }

    void recordsBetweenStopAndStartAreWrittenByTheNextStart()
    {
        const QString spoolDir = m_db->dir() + QStringLiteral("/spool");
        Ledger ledger(m_db->url(), spoolDir);
        QString error;
        QVERIFY2(ledger.start(&error), qPrintable(error));
        for (int i = 0; i < 5; ++i)
            ledger.record(record(QStringLiteral("restart"), i));
        ledger.stop();
        for (int i = 5; i < 10; ++i)
            ledger.record(record(QStringLiteral("restart"), i)); // to the spool only
        QVERIFY2(ledger.start(&error), qPrintable(error));
        QVERIFY(ledger.waitUntilIdle(30000));
        bool unique = false;
        QCOMPARE(rows(QStringLiteral("restart"), &unique), 10);
        QVERIFY(unique);
        ledger.stop();
    }

    void spoolIsSyncedWhileTheWriterWaitsForTheDatabase()
    {
        // The writer can wait for seconds: on SQLite behind another connection's write lock
        // (a 5 s busy timeout), on MariaDB for an unreachable server. The spool's power-loss
        // promise (about the last second) must hold meanwhile, so its sync runs apart.
        const QString spoolDir = m_db->dir() + QStringLiteral("/spool");
        std::unique_ptr<QSqlQuery> lockHolder;
        DatabaseUrl url = m_db->url();
        if (m_db->isMySql()) {
            url = unreachableUrl();
        } else {
            lockHolder = std::make_unique<QSqlQuery>(m_db->db());
            QVERIFY(lockHolder->exec(QStringLiteral("BEGIN IMMEDIATE")));
        }
        Ledger ledger(url, spoolDir);
        ledger.setSyncIntervalMs(20);
        ledger.setFlushIntervalMs(5);
        QString error;
        QVERIFY2(ledger.start(&error), qPrintable(error));
        ledger.record(record(QStringLiteral("stalled"), 0)); // the writer now waits
        QTest::qWait(100);
        const qint64 before = ledger.spoolSyncs();
        for (int i = 1; i < 20; ++i)
            ledger.record(record(QStringLiteral("stalled"), i));
        QTRY_VERIFY_WITH_TIMEOUT(ledger.spoolSyncs() >= before + 5, 3000);
        QCOMPARE(ledger.writtenTotal(), 0); // still waiting: the syncs did not need it
        if (lockHolder) {
            QVERIFY(lockHolder->exec(QStringLiteral("ROLLBACK")));
            lockHolder.reset();
            QVERIFY(ledger.waitUntilIdle(30000));
            QCOMPARE(rows(QStringLiteral("stalled")), 20);
        }
        ledger.stop();
    }

    void databaseDownKeepsRecordsForTheNextStart()
    {
        const QString spoolDir = m_db->dir() + QStringLiteral("/spool");
        {
            Ledger ledger(unreachableUrl(), spoolDir);
            ledger.setMaxQueue(50); // part in memory, part only in the spool
            QString error;
            QVERIFY2(ledger.start(&error), qPrintable(error));
            for (int i = 0; i < 300; ++i)
                ledger.record(record(QStringLiteral("down"), i));
            QTest::qWait(400); // several failed attempts
            QCOMPARE(ledger.queueDepth(), 300);
            QCOMPARE(ledger.writtenTotal(), 0);
            QVERIFY(!ledger.databaseUp());
            QCOMPARE(validSpoolLines(spoolDir), 300);
            QElapsedTimer timer;
            timer.start();
            ledger.stop();
            QVERIFY2(timer.elapsed() < 10000, "stop() must not hang on a dead database");
        }
        QCOMPARE(rows(QStringLiteral("down")), 0);
        QCOMPARE(validSpoolLines(spoolDir), 300);

        Ledger ledger(m_db->url(), spoolDir);
        QString error;
        QVERIFY2(ledger.start(&error), qPrintable(error));
        QVERIFY(ledger.queueDepth() + ledger.writtenTotal() >= 300);
        for (int i = 300; i < 320; ++i)
            ledger.record(record(QStringLiteral("down"), i));
        QVERIFY(ledger.waitUntilIdle(30000));
        bool unique = false;
        QCOMPARE(rows(QStringLiteral("down"), &unique), 320);
        QVERIFY(unique);
        QCOMPARE(ledger.writtenTotal(), 320);
        ledger.stop();
        QCOMPARE(rows(QStringLiteral("down")), 320);
    }

    void replayAfterACrash()
    {
        const QString spoolDir = m_db->dir() + QStringLiteral("/spool");
        // The state a SIGKILL leaves: records in the spool, some of them already written to the
        // database before the crash, and a half-written last line.
        QList<UsageRecord> written;
        QString segment;
        {
            Spool spool(spoolDir);
            QVERIFY(spool.open(nullptr));
            for (int i = 0; i < 80; ++i) {
                spool.append(record(QStringLiteral("crash"), i));
                if (i < 30)
                    written << record(QStringLiteral("crash"), i);
            }
            segment = spool.segmentFiles().constFirst();
        }
        QCOMPARE(UsageRepository(m_db->db()).insertBatch(written), 30);
        QFile f(segment);
        QVERIFY(f.open(QIODevice::Append));
        f.write(record(QStringLiteral("crash"), 80).toSpoolLine().left(57));
        f.close();

        {
            Ledger ledger(m_db->url(), spoolDir);
            QString error;
            QVERIFY2(ledger.start(&error), qPrintable(error));
            ledger.record(record(QStringLiteral("crash"), 81));
            QVERIFY(ledger.waitUntilIdle(30000));
            QCOMPARE(ledger.writtenTotal(), 51); // 50 replayed + 1 new; 30 were there already
        }
        bool unique = false;
        QCOMPARE(rows(QStringLiteral("crash"), &unique), 81);
        QVERIFY(unique);
        QSqlQuery q(m_db->db());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM usage_records WHERE request_id = "
                                      "'crash-80'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0); // the torn line is not a record
        QCOMPARE(spoolFileCount(spoolDir), 0);

        // Starting again finds nothing to replay and writes nothing twice.
        Ledger again(m_db->url(), spoolDir);
        QVERIFY(again.start(nullptr));
        QCOMPARE(again.queueDepth(), 0);
        QVERIFY(again.waitUntilIdle(5000));
        QCOMPARE(again.writtenTotal(), 0);
        QCOMPARE(rows(QStringLiteral("crash")), 81);
    }
};

QTEST_GUILESS_MAIN(TestLedger)
#include "TestLedger.moc"
