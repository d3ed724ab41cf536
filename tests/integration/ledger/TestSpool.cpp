// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Spool.h"
#include "ledger/SpoolSyncer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <sys/resource.h>
#include <unistd.h>

class TestSpool : public QObject
{
    Q_OBJECT
private:
    static UsageRecord record(int i)
    {
        UsageRecord r;
        r.requestId = QStringLiteral("spool-%1").arg(i);
        r.createdAtMs = 1735689600000 + i;
        r.keyId = i % 5;
        r.model = QStringLiteral("m");
        r.status = 200;
        r.usage.inputTokens = i;
        r.cost = i / 1000.0;
        return r;
    }

    static QStringList spoolFiles(const QString &dir)
    {
        return QDir(dir).entryList({QStringLiteral("*.spool")}, QDir::Files, QDir::Name);
    }

    // Appends records 0..199 to a spool of 4 KiB segments (several rotations); returns the
    // number of segment files, and each record's end in *ends.
    static int appendTwoHundred(Spool &spool, QList<SpoolPosition> *ends = nullptr)
    {
        for (int i = 0; i < 200; ++i) {
            const SpoolPosition end = spool.append(record(i));
            if (!end.isValid())
                return -1;
            if (ends)
                ends->append(end);
        }
        return int(spool.segmentFiles().size());
    }

    // File descriptors of this process open on files under `dir`.
    static int openFdsUnder(const QString &dir)
    {
        const QString canonical = QFileInfo(dir).canonicalFilePath();
        int n = 0;
        const QStringList fds = QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files);
        for (const QString &fd : fds) {
            const QString target = QFile::symLinkTarget(QStringLiteral("/proc/self/fd/") + fd);
            if (target.startsWith(canonical + QLatin1Char('/')))
                ++n;
        }
        return n;
    }

private slots:
    void replayReturnsWhatAnEarlierRunLeft()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("spool"));
        {
            Spool spool(dir);
            QString error;
            QVERIFY2(spool.open(&error), qPrintable(error));
            QCOMPARE(spool.recordsAtOpen(), 0);
            QVERIFY(spool.replay().isEmpty());
            for (int i = 0; i < 10; ++i)
                QVERIFY(spool.append(record(i)).isValid());
            QVERIFY(spool.sync());
        } // closed without commit: the records stay
        QCOMPARE(spoolFiles(dir).size(), 1);

        Spool spool(dir);
        QString error;
        QVERIFY2(spool.open(&error), qPrintable(error));
        QCOMPARE(spool.recordsAtOpen(), 10);
        QCOMPARE(spoolFiles(dir).size(), 2); // a new segment for this run
        spool.append(record(99));            // not part of the replay
        const QList<UsageRecord> replayed = spool.replay();
        QCOMPARE(replayed.size(), 10);
        for (int i = 0; i < 10; ++i)
            QVERIFY(replayed.at(i) == record(i));
    }

    void tornLastLineIsSkipped()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.path();
        QString segment;
        {
            Spool spool(dir);
            QVERIFY(spool.open(nullptr));
            for (int i = 0; i < 5; ++i)
                spool.append(record(i));
            segment = spool.segmentFiles().constFirst();
        }
        // A crash in the middle of a write leaves half a line.
        QFile f(segment);
        QVERIFY(f.open(QIODevice::Append));
        f.write(record(5).toSpoolLine().left(40));
        f.close();

        Spool spool(dir);
        QVERIFY(spool.open(nullptr));
        QCOMPARE(spool.recordsAtOpen(), 5);
        const QList<UsageRecord> replayed = spool.replay();
        QCOMPARE(replayed.size(), 5);
        QVERIFY(replayed.last() == record(4));
        QVERIFY(spool.skippedLines() >= 1);
        // New records go to a fresh segment, never glued to the torn tail.
        const SpoolPosition end = spool.append(record(6));
        QVERIFY(end.isValid());
        SpoolPosition cursor = spool.firstPosition();
        const QList<Spool::Entry> all = spool.read(&cursor, 100);
        QCOMPARE(all.size(), 6);
        QVERIFY(all.last().record == record(6));
        QCOMPARE(all.last().end, end);
        QVERIFY(spool.atEnd(cursor));
    }

    void corruptLineInTheMiddleIsSkipped()
    {
        QTemporaryDir tmp;
        QString segment;
        {
            Spool spool(tmp.path());
            QVERIFY(spool.open(nullptr));
            for (int i = 0; i < 3; ++i)
                spool.append(record(i));
            segment = spool.segmentFiles().constFirst();
        }
        QFile f(segment);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = f.readAll().split('\n');
        f.close();
        lines[1][20] = lines[1][20] ^ 0x20;
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(lines.join('\n'));
        f.close();

        Spool spool(tmp.path());
        QVERIFY(spool.open(nullptr));
        const QList<UsageRecord> replayed = spool.replay();
        QCOMPARE(replayed.size(), 2);
        QVERIFY(replayed.at(0) == record(0));
        QVERIFY(replayed.at(1) == record(2));
        QCOMPARE(spool.skippedLines(), 2); // counted once by open(), once by the replay
    }

    void rotatesReadsInOrderAndDeletesCommittedSegments()
    {
        QTemporaryDir tmp;
        Spool spool(tmp.path(), 4096);
        QVERIFY(spool.open(nullptr));
        QList<SpoolPosition> ends;
        for (int i = 0; i < 200; ++i) {
            ends << spool.append(record(i));
            QVERIFY(ends.last().isValid());
            if (i)
                QVERIFY(ends.at(i - 1) < ends.at(i));
        }
        const int segments = spool.segmentFiles().size();
        QVERIFY2(segments >= 4, qPrintable(QString::number(segments)));
        QCOMPARE(spoolFiles(tmp.path()).size(), segments);

        // Read back in chunks through the segments.
        SpoolPosition cursor = spool.firstPosition();
        QList<Spool::Entry> all;
        for (;;) {
            const QList<Spool::Entry> chunk = spool.read(&cursor, 17);
            if (chunk.isEmpty())
                break;
            QVERIFY(chunk.size() <= 17);
            all += chunk;
        }
        QVERIFY(spool.atEnd(cursor));
        QCOMPARE(all.size(), 200);
        for (int i = 0; i < 200; ++i) {
            QVERIFY(all.at(i).record == record(i));
            QCOMPARE(all.at(i).end, ends.at(i));
        }

        // Committing half deletes the segments wholly before that point, no more.
        spool.commitUpTo(ends.at(99));
        const int left = spool.segmentFiles().size();
        QVERIFY(left < segments);
        QCOMPARE(spoolFiles(tmp.path()).size(), left);
        SpoolPosition from = spool.firstPosition();
        const QList<Spool::Entry> rest = spool.read(&from, 1000);
        QVERIFY(rest.size() >= 100);
        QVERIFY(rest.last().record == record(199));
        QVERIFY(rest.at(rest.size() - 100).record == record(100));

        // Everything committed: closing leaves an empty directory.
        spool.commitUpTo(ends.last());
        spool.close();
        QCOMPARE(spoolFiles(tmp.path()).size(), 0);
    }

    void rotatedSegmentsAreSyncedLaterNotByTheAppendAndStayReplayable_data()
    {
        QTest::addColumn<bool>("byClose");
        QTest::newRow("sync") << false;
        QTest::newRow("close") << true;
    }

    void rotatedSegmentsAreSyncedLaterNotByTheAppendAndStayReplayable()
    {
        // A later sync() of the active segment would not reach a segment a rotation closed, so
        // each rotated segment is synced by the next sync() or close(). The append that rotates
        // does not wait for the device: it runs on a request thread, under the lock every append
        // takes.
        QFETCH(bool, byClose);
        QTemporaryDir tmp;
        {
            Spool spool(tmp.path(), 4096);
            QVERIFY(spool.open(nullptr));
            const int segments = appendTwoHundred(spool);
            QVERIFY(segments >= 4);
            QCOMPARE(spool.rotationSyncs(), qint64(0));
            if (byClose)
                spool.close();
            else
                QVERIFY(spool.sync());
            QCOMPARE(spool.rotationSyncs(), qint64(segments - 1));
            if (!byClose) {
                QVERIFY(spool.sync()); // nothing new: nothing synced twice
                QCOMPARE(spool.rotationSyncs(), qint64(segments - 1));
            }
            // Nothing was committed, so everything is replayed, as after kill -9.
        }
        Spool again(tmp.path(), 4096);
        QVERIFY(again.open(nullptr));
        QCOMPARE(again.recordsAtOpen(), 200);
        const QList<UsageRecord> replayed = again.replay();
        QCOMPARE(replayed.size(), 200);
        for (int i = 0; i < 200; ++i)
            QVERIFY(replayed.at(i) == record(i));
        QCOMPARE(again.skippedLines(), 0);
    }

    void aRotatedSegmentCommittedBeforeItsSyncIsDeletedUnsynced()
    {
        QTemporaryDir tmp;
        Spool spool(tmp.path(), 4096);
        QVERIFY(spool.open(nullptr));
        QList<SpoolPosition> ends;
        const int segments = appendTwoHundred(spool, &ends);
        QVERIFY(segments >= 4);
        spool.commitUpTo(ends.at(99));
        const int removed = segments - int(spool.segmentFiles().size());
        QVERIFY(removed >= 1);
        QCOMPARE(spoolFiles(tmp.path()).size(), segments - removed);
        QVERIFY(spool.sync());
        // Only the segments still holding records not in the database needed the device.
        QCOMPARE(spool.rotationSyncs(), qint64(segments - 1 - removed));
    }

    void appendsRacingCommitsLoseNothing()
    {
        // The ledger's pattern on two threads: one appends (with rotations every few records),
        // the other reads, commits what it read and syncs, while segments are deleted behind it.
        QTemporaryDir tmp;
        Spool spool(tmp.path(), 4096);
        QVERIFY(spool.open(nullptr));
        constexpr int Total = 3000;
        std::atomic<bool> appendFailed{false};
        QScopedPointer<QThread> appender(QThread::create([&] {
            for (int i = 0; i < Total; ++i) {
                if (!spool.append(record(i)).isValid())
                    appendFailed = true;
            }
        }));
        appender->start();
        QList<UsageRecord> read;
        SpoolPosition cursor = spool.firstPosition();
        QDeadlineTimer deadline(60000);
        int rounds = 0;
        while (read.size() < Total && !deadline.hasExpired()) {
            const QList<Spool::Entry> chunk = spool.read(&cursor, 37);
            for (const Spool::Entry &e : chunk)
                read.append(e.record);
            if (!chunk.isEmpty())
                spool.commitUpTo(chunk.last().end);
            if (++rounds % 7 == 0)
                QVERIFY(spool.sync());
            if (chunk.isEmpty())
                QThread::yieldCurrentThread();
        }
        QVERIFY(appender->wait(60000));
        QVERIFY(!appendFailed);
        QCOMPARE(read.size(), Total);
        for (int i = 0; i < Total; ++i)
            QVERIFY2(read.at(i) == record(i), qPrintable(QString::number(i)));
        QVERIFY(spool.atEnd(cursor));
        QCOMPARE(spool.skippedLines(), 0);
        spool.close();
        QCOMPARE(spoolFiles(tmp.path()).size(), 0); // everything was committed
    }

    void closeRacingRotationsLeavesNoFileOpen()
    {
        // close() syncs the rotated segments without the lock; an append rotating meanwhile
        // must not leave a segment behind that nobody syncs or closes.
        for (int run = 0; run < 20; ++run) {
            QTemporaryDir tmp;
            Spool spool(tmp.path(), 4096);
            QVERIFY(spool.open(nullptr));
            QVERIFY(appendTwoHundred(spool) >= 4);
            std::atomic<bool> stop{false};
            QScopedPointer<QThread> appender(QThread::create([&] {
                for (int i = 200; !stop; ++i) {
                    if (!spool.append(record(i)).isValid())
                        break; // closed
                }
            }));
            appender->start();
            QThread::msleep(2);
            spool.close();
            const int open = openFdsUnder(tmp.path());
            stop = true;
            QVERIFY(appender->wait(10000));
            QCOMPARE(open, 0);
            QVERIFY(!spool.append(record(0)).isValid()); // closed stays closed
        }
    }

    void rotatedSegmentsPilingUpAskForASyncAndStayBounded()
    {
        QTemporaryDir tmp;
        Spool spool(tmp.path(), 4096);
        std::atomic<int> requests{0};
        spool.setSyncRequest([&requests] { ++requests; });
        QVERIFY(spool.open(nullptr));
        int i = 0;
        while (spool.segmentFiles().size() < 17) // 16 rotated segments waiting
            QVERIFY(spool.append(record(i++)).isValid());
        QVERIFY(requests >= 1);
        QCOMPARE(spool.rotationSyncs(), qint64(0)); // asked, not done on the appending thread
        QVERIFY(openFdsUnder(tmp.path()) >= 17);
        // Nobody syncs: at 64 waiting, a rotation syncs them itself, so open files stay bounded.
        while (spool.segmentFiles().size() < 100)
            QVERIFY(spool.append(record(i++)).isValid());
        QVERIFY(spool.rotationSyncs() >= 64);
        QVERIFY2(openFdsUnder(tmp.path()) <= 65,
                 qPrintable(QString::number(openFdsUnder(tmp.path()))));
    }

    void aSegmentThatCouldNotBeCreatedIsCreatedByALaterAppend()
    {
        // Out of file descriptors when a rotation needs the next segment: that append fails
        // cleanly, and once descriptors are free again the spool carries on by itself.
        QTemporaryDir tmp;
        Spool spool(tmp.path(), 4096);
        QVERIFY(spool.open(nullptr));
        int i = 0;
        QList<SpoolPosition> ends;
        while (spool.endPosition().offset < 4096)
            ends << spool.append(record(i++));
        rlimit saved{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &saved), 0);
        QList<int> hog;
        rlimit low = saved;
        low.rlim_cur = 64;
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &low), 0);
        for (;;) {
            const int fd = ::dup(0);
            if (fd < 0)
                break;
            hog << fd;
        }
        QString error;
        const SpoolPosition failed = spool.append(record(i), &error);
        for (const int fd : std::as_const(hog))
            ::close(fd);
        QCOMPARE(::setrlimit(RLIMIT_NOFILE, &saved), 0);
        QVERIFY(!failed.isValid());
        QVERIFY(!error.isEmpty());
        error.clear();
        const SpoolPosition later = spool.append(record(i), &error);
        QVERIFY2(later.isValid(), qPrintable(error));
        ends << later;
        ++i;
        // Nothing was lost or torn: every record appended is read back once, in order.
        SpoolPosition cursor = spool.firstPosition();
        const QList<Spool::Entry> all = spool.read(&cursor, 10000);
        QCOMPARE(all.size(), i);
        for (int k = 0; k < i; ++k)
            QVERIFY(all.at(k).record == record(k));
        QCOMPARE(spool.skippedLines(), 0);
    }

    void syncerSyncsOnItsIntervalAndWhenAsked()
    {
        QTemporaryDir tmp;
        Spool spool(tmp.path(), 4096);
        QVERIFY(spool.open(nullptr));
        {
            SpoolSyncer syncer(spool, 20);
            syncer.start();
            const int rotated = appendTwoHundred(spool) - 1;
            QVERIFY(rotated >= 4);
            // Nobody calls sync() here: the syncer's interval reaches the rotated segments and
            // closes them (one it synced before its rotation is closed at once, uncounted).
            QTRY_VERIFY_WITH_TIMEOUT(spool.rotationSyncs() >= 1, 10000);
            QTRY_COMPARE_WITH_TIMEOUT(openFdsUnder(tmp.path()), 1, 10000); // the active one
            QVERIFY(spool.rotationSyncs() <= rotated);
        }
        {
            SpoolSyncer slow(spool, 3600 * 1000); // an hour: only a request makes it sync
            slow.start();
            QVERIFY(spool.append(record(200)).isValid());
            QCOMPARE(slow.syncs(), qint64(0));
            slow.requestSync();
            QTRY_COMPARE_WITH_TIMEOUT(slow.syncs(), qint64(1), 10000);
            slow.stop();
            slow.requestSync(); // after stop(): nothing runs, nothing hangs
            QCOMPARE(slow.syncs(), qint64(1));
        }
    }

    void aCommitAfterCloseDoesNotReopenTheSpool()
    {
        // A commit that covers a whole active segment of 1 MiB or more normally starts a fresh
        // segment; after close() it must not reopen the spool (appends would then go to a file
        // nobody reads or deletes).
        QTemporaryDir tmp;
        Spool spool(tmp.path());
        QVERIFY(spool.open(nullptr));
        SpoolPosition end;
        for (int i = 0; end.offset < 1100 * 1024; ++i)
            end = spool.append(record(i));
        spool.close();
        spool.commitUpTo(end);
        QVERIFY(!spool.isOpen());
        QVERIFY(!spool.append(record(0)).isValid());
        QCOMPARE(openFdsUnder(tmp.path()), 0);
    }

    void reopenAfterCleanCloseHasNothingToReplay()
    {
        QTemporaryDir tmp;
        {
            Spool spool(tmp.path());
            QVERIFY(spool.open(nullptr));
            SpoolPosition end;
            for (int i = 0; i < 20; ++i)
                end = spool.append(record(i));
            spool.commitUpTo(end);
        }
        QCOMPARE(spoolFiles(tmp.path()).size(), 0);
        Spool spool(tmp.path());
        QVERIFY(spool.open(nullptr));
        QCOMPARE(spool.recordsAtOpen(), 0);
        QVERIFY(spool.replay().isEmpty());
    }

    void appendLinesWritesEachLineOnceWithItsEnd()
    {
        // Groups of 1 to 9 lines through 4 KiB segments: each group is one write, its lines
        // end where single appends would have put them, and they read back in order.
        QTemporaryDir tmp;
        Spool spool(tmp.path(), 4096);
        QVERIFY(spool.open(nullptr));
        QList<SpoolPosition> ends;
        int next = 0;
        int groups = 0;
        for (int size = 1; next < 200; size = size % 9 + 1, ++groups) {
            QByteArray lines[9];
            SpoolPosition groupEnds[9];
            const int n = qMin(size, 200 - next);
            for (int i = 0; i < n; ++i) {
                lines[i] = record(next + i).toSpoolLine();
                if (i % 2)
                    lines[i].append('\n'); // with or without its newline: one line either way
            }
            const SpoolPosition before = spool.endPosition();
            QVERIFY(spool.appendLines(lines, n, groupEnds));
            for (int i = 0; i < n; ++i) {
                const qint64 bytes = record(next + i).toSpoolLine().size() + 1;
                const SpoolPosition start = i ? groupEnds[i - 1] : before;
                if (groupEnds[i].segment == start.segment)
                    QCOMPARE(groupEnds[i].offset, start.offset + bytes);
                else // the group went to a new segment: it starts there
                    QCOMPARE(groupEnds[i].offset, bytes);
                ends << groupEnds[i];
            }
            next += n;
        }
        QCOMPARE(spool.appendCalls(), qint64(groups));
        QVERIFY2(spool.segmentFiles().size() >= 4, "the groups must cross segments");

        SpoolPosition cursor = spool.firstPosition();
        const QList<Spool::Entry> all = spool.read(&cursor, 1000);
        QCOMPARE(all.size(), 200);
        for (int i = 0; i < 200; ++i) {
            QVERIFY(all.at(i).record == record(i));
            QCOMPARE(all.at(i).end, ends.at(i));
        }
        QCOMPARE(spool.skippedLines(), 0);

        // Nothing is written when the spool is closed, and the caller is told.
        spool.close();
        QByteArray one[1] = {record(500).toSpoolLine()};
        SpoolPosition end[1];
        QString error;
        QVERIFY(!spool.appendLines(one, 1, end, &error));
        QVERIFY(!error.isEmpty());
    }

    void appendFailsCleanlyWhenClosed()
    {
        QTemporaryDir tmp;
        Spool spool(tmp.path());
        QString error;
        QVERIFY(!spool.append(record(1), &error).isValid());
        QVERIFY(!error.isEmpty());
        Spool bad(QStringLiteral("/proc/no-such-dir/spool"));
        QVERIFY(!bad.open(&error));
        QVERIFY2(error.contains(QLatin1String("/proc/no-such-dir/spool")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestSpool)
#include "TestSpool.moc"
