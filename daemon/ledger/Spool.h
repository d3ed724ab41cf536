// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/UsageRecord.h"
#include "ledger/SpoolPosition.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <functional>

// The local append-only usage spool: a directory of segment files `usage-<n>.spool`, one record
// per line (UsageRecord::toSpoolLine(): CRC-32 + compact JSON), so a line torn by a crash is
// detected and skipped.
//
// append() is one plain write() and appendLines() one for several lines (no fsync; sync() does
// an fdatasync when asked). Records are read back and committed in the order they were appended:
// commitUpTo(p) declares everything before p written to the database, and segments wholly before
// it are deleted. Every open() starts a new segment, so a torn tail left by a crash is never
// appended to. All methods are thread-safe.
class Spool
{
public:
    struct Entry
    {
        UsageRecord record;
        SpoolPosition end; // position just after this record's line
    };

    explicit Spool(const QString &directory, qint64 segmentBytes = 8 * 1024 * 1024);
    ~Spool(); // close()
    Spool(const Spool &) = delete;
    Spool &operator=(const Spool &) = delete;

    // Creates the directory, scans the segments left by earlier runs (counting their valid
    // records) and opens a new segment for appending.
    bool open(QString *error);
    // Closes the segment being appended to; deletes it when everything in it was committed.
    void close();
    bool isOpen() const;
    QString directory() const { return m_dir; }

    // Appends one record; returns the position after it, or an invalid position (and *error)
    // when the write failed (nothing is left behind in that case).
    SpoolPosition append(const UsageRecord &record, QString *error = nullptr);
    SpoolPosition appendLine(const QByteArray &line, QString *error = nullptr);
    // Appends `count` lines (at most MaxLinesPerAppend) with one write; ends[i] is the position
    // after lines[i]. All or nothing: false (and *error) leaves nothing behind.
    static constexpr qsizetype MaxLinesPerAppend = 256;
    bool appendLines(const QByteArray *lines, qsizetype count, SpoolPosition *ends,
                     QString *error = nullptr);
    SpoolPosition endPosition() const;             // where the next append goes
    SpoolPosition firstPosition() const;           // start of the oldest segment still present
    bool atEnd(const SpoolPosition &cursor) const; // nothing to read after cursor

    // Every valid record in the segments that existed when open() ran, oldest first.
    QList<UsageRecord> replay();
    // Valid records found by open() in earlier segments (committed or not: the database drops
    // duplicates by request id).
    qint64 recordsAtOpen() const;

    // Reads up to maxRecords records from *cursor, moving it past what was read (skipping torn
    // or corrupt lines). Stops at the current end.
    QList<Entry> read(SpoolPosition *cursor, int maxRecords);

    // Everything before `position` is in the database.
    void commitUpTo(const SpoolPosition &position);
    // Called (under the spool's lock: it must only signal) when rotated segments wait for
    // sync(); see SpoolSyncer.
    void setSyncRequest(std::function<void()> request);

    // fdatasync() of the segment being appended to, if anything was appended since the last,
    // and of the segments a rotation closed since the last sync() (see rotationSyncs()).
    bool sync();

    qint64 skippedLines() const;      // torn/corrupt lines skipped so far
    qint64 appendCalls() const;       // appendLine()/appendLines() calls so far
    qint64 rotationSyncs() const;     // segments closed by a rotation and synced since
    QStringList segmentFiles() const; // absolute paths, oldest first

    static QString segmentFileName(qint64 segment);

private:
    struct Retired
    {
        qint64 segment;
        int fd; // left open until synced: a rotation does not wait for the device
    };
    static int syncRetired(const QList<Retired> &retired); // syncs and closes each; no lock
    bool openActive(qint64 segment, QString *error);       // m_mutex held
    void rotate();                                         // m_mutex held
    QList<Entry> readRange(SpoolPosition *cursor, const SpoolPosition &stop, int maxRecords);
    QString pathOf(qint64 segment) const;

    const QString m_dir;
    const qint64 m_segmentBytes;
    mutable QMutex m_mutex;
    QMap<qint64, qint64> m_sizes; // every segment present -> its size (active: bytes written)
    qint64 m_active = -1;
    qint64 m_firstActive = -1; // the segment opened by open()
    int m_fd = -1;
    bool m_dirty = false;
    bool m_opened = false; // between open() and close(), even while no segment could be created
    std::function<void()> m_syncRequest;
    QList<Retired> m_retired; // rotated segments awaiting their sync
    SpoolPosition m_committed;
    qint64 m_recordsAtOpen = 0;
    qint64 m_skipped = 0;
    qint64 m_appendCalls = 0;
    qint64 m_rotationSyncs = 0;
};
