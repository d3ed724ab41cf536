// SPDX-License-Identifier: GPL-3.0-or-later
#include "ledger/Spool.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

// A segment that is wholly committed is replaced by a fresh one once it is this large, so a
// clean spool stays small even between rotations.
static constexpr qint64 RecycleCommittedBytes = 1024 * 1024;

// Rotated segments waiting for sync(): at this many the spool asks for a sync at once
// (setSyncRequest()); at the hard limit a rotation syncs them itself, so open files stay bounded
// even when nobody syncs.
static constexpr qsizetype RetiredSyncRequest = 16;
static constexpr qsizetype RetiredHardLimit = 64;

Spool::Spool(const QString &directory, qint64 segmentBytes)
    : m_dir(directory), m_segmentBytes(qMax<qint64>(4096, segmentBytes))
{
}

Spool::~Spool()
{
    close();
}

QString Spool::segmentFileName(qint64 segment)
{
    return QStringLiteral("usage-%1.spool").arg(segment, 12, 10, QLatin1Char('0'));
}

QString Spool::pathOf(qint64 segment) const
{
    return m_dir + QLatin1Char('/') + segmentFileName(segment);
}

static qint64 countValidLines(const QString &path, qint64 *skipped)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    qint64 valid = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine();
        if (UsageRecord::fromSpoolLine(line))
            ++valid;
        else if (!line.trimmed().isEmpty())
            ++*skipped;
    }
    return valid;
}

bool Spool::open(QString *error)
{
    QMutexLocker lock(&m_mutex);
    if (m_fd >= 0)
        return true;
    if (!QDir().mkpath(m_dir)) {
        if (error)
            *error = QStringLiteral("cannot create the spool directory %1").arg(m_dir);
        return false;
    }
    m_sizes.clear();
    m_recordsAtOpen = 0;
    static const QRegularExpression pattern(QStringLiteral("^usage-(\\d{12})\\.spool$"));
    const QStringList names = QDir(m_dir).entryList(QDir::Files, QDir::Name);
    qint64 last = 0;
    for (const QString &name : names) {
        const QRegularExpressionMatch m = pattern.match(name);
        if (!m.hasMatch())
            continue;
        const qint64 segment = m.captured(1).toLongLong();
        const QString path = pathOf(segment);
        const qint64 size = QFileInfo(path).size();
        last = qMax(last, segment);
        if (size == 0) {
            QFile::remove(path);
            continue;
        }
        m_sizes.insert(segment, size);
        m_recordsAtOpen += countValidLines(path, &m_skipped);
    }
    m_firstActive = last + 1;
    m_committed = SpoolPosition{};
    if (!openActive(m_firstActive, error))
        return false;
    m_opened = true;
    return true;
}

bool Spool::openActive(qint64 segment, QString *error)
{
    const QByteArray path = QFile::encodeName(pathOf(segment));
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (error)
            *error = QStringLiteral("cannot open the spool segment %1: %2")
                         .arg(pathOf(segment), QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    const off_t size = ::lseek(fd, 0, SEEK_END);
    m_fd = fd;
    m_active = segment;
    m_sizes.insert(segment, size > 0 ? size : 0);
    return true;
}

void Spool::rotate()
{
    if (m_fd >= 0) {
        // A later sync() reaches the active segment only, so this one is handed to the next
        // sync() (or close()) to be synced before it is closed. Not synced here: rotate() runs on
        // the request thread that appends, holding the lock every append waits for.
        if (m_dirty)
            m_retired.append(Retired{m_active, m_fd});
        else
            ::close(m_fd);
        if (m_retired.size() >= RetiredHardLimit) {
            m_rotationSyncs += syncRetired(m_retired);
            m_retired.clear();
        } else if (m_retired.size() >= RetiredSyncRequest && m_syncRequest) {
            m_syncRequest();
        }
        m_fd = -1;
        m_dirty = false;
    }
    QString error;
    if (!openActive(m_active + 1, &error))
        qWarning("usage spool: %s", qPrintable(error));
}

int Spool::syncRetired(const QList<Retired> &retired)
{
    int synced = 0;
    for (const Retired &r : retired) {
        if (::fdatasync(r.fd) == 0)
            ++synced;
        else
            qWarning("usage spool: syncing segment %lld failed", r.segment);
        ::close(r.fd);
    }
    return synced;
}

void Spool::close()
{
    // Appends stop here (m_fd is -1 from now on), so no rotation can add a segment to m_retired
    // while the files are synced without the lock.
    QList<Retired> retired;
    int fd = -1;
    bool dirty = false;
    {
        QMutexLocker lock(&m_mutex);
        m_opened = false;
        retired.swap(m_retired);
        fd = m_fd;
        dirty = m_dirty;
        m_fd = -1;
        m_dirty = false;
    }
    const int synced = syncRetired(retired);
    if (fd >= 0) {
        if (dirty)
            ::fdatasync(fd);
        ::close(fd);
    }
    QMutexLocker lock(&m_mutex);
    m_rotationSyncs += synced;
    if (fd < 0)
        return;
    const qint64 size = m_sizes.value(m_active);
    const bool onlyActive = m_sizes.size() == 1;
    const bool committed =
        size == 0 || (m_committed.segment == m_active && m_committed.offset >= size);
    if (onlyActive && committed) {
        QFile::remove(pathOf(m_active));
        m_sizes.remove(m_active);
    }
}

void Spool::setSyncRequest(std::function<void()> request)
{
    QMutexLocker lock(&m_mutex);
    m_syncRequest = std::move(request);
}

bool Spool::isOpen() const
{
    QMutexLocker lock(&m_mutex);
    return m_fd >= 0;
}

SpoolPosition Spool::append(const UsageRecord &record, QString *error)
{
    return appendLine(record.toSpoolLine(), error);
}

SpoolPosition Spool::appendLine(const QByteArray &line, QString *error)
{
    SpoolPosition end;
    return appendLines(&line, 1, &end, error) ? end : SpoolPosition{};
}

bool Spool::appendLines(const QByteArray *lines, qsizetype count, SpoolPosition *ends,
                        QString *error)
{
    Q_ASSERT(count >= 0 && count <= MaxLinesPerAppend);
    if (count == 0)
        return true;
    // The lines and their newlines go out in one writev(2), without copying a line.
    static const char newline = '\n';
    iovec pieces[2 * MaxLinesPerAppend];
    int pieceCount = 0;
    qint64 total = 0;
    for (qsizetype i = 0; i < count; ++i) {
        const QByteArray &line = lines[i];
        const qsizetype lineBytes = line.endsWith('\n') ? line.size() - 1 : line.size();
        if (lineBytes > 0)
            pieces[pieceCount++] = {const_cast<char *>(line.constData()), size_t(lineBytes)};
        pieces[pieceCount++] = {const_cast<char *>(&newline), 1};
        total += lineBytes + 1;
        ends[i].offset = total; // from the start of this append; made absolute once written
    }
    QMutexLocker lock(&m_mutex);
    ++m_appendCalls;
    if (m_fd < 0 && m_opened) {
        // A rotation or a recycle could not create the next segment (no file descriptors,
        // no inodes): try again now rather than stay without a spool until a restart.
        QString reopenError;
        if (!openActive(m_active + 1, &reopenError)) {
            if (error)
                *error = reopenError;
            return false;
        }
    }
    if (m_fd < 0) {
        if (error)
            *error = QStringLiteral("the spool is not open");
        return false;
    }
    qint64 size = m_sizes.value(m_active);
    if (size >= m_segmentBytes) {
        rotate();
        if (m_fd < 0) {
            if (error)
                *error = QStringLiteral("cannot open a new spool segment");
            return false;
        }
        size = m_sizes.value(m_active);
    }
    qint64 written = 0;
    iovec *next = pieces;
    int left = pieceCount;
    while (written < total) {
        const ssize_t n = ::writev(m_fd, next, left);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            // Leave no partial line behind: the next record would be glued to it.
            if (::ftruncate(m_fd, size) != 0)
                qWarning("usage spool: cannot truncate a partial write");
            if (error)
                *error = QStringLiteral("cannot write to the spool: %1")
                             .arg(QString::fromLocal8Bit(std::strerror(err)));
            return false;
        }
        written += n;
        // A short write: go on from the first byte the kernel did not take.
        size_t done = size_t(n);
        while (left > 0 && done >= next->iov_len) {
            done -= next->iov_len;
            ++next;
            --left;
        }
        if (left > 0) {
            next->iov_base = static_cast<char *>(next->iov_base) + done;
            next->iov_len -= done;
        }
    }
    for (qsizetype i = 0; i < count; ++i)
        ends[i] = SpoolPosition{m_active, size + ends[i].offset};
    size += total;
    m_sizes[m_active] = size;
    m_dirty = true;
    return true;
}

qint64 Spool::appendCalls() const
{
    QMutexLocker lock(&m_mutex);
    return m_appendCalls;
}

SpoolPosition Spool::endPosition() const
{
    QMutexLocker lock(&m_mutex);
    if (m_active < 0)
        return SpoolPosition{};
    return SpoolPosition{m_active, m_sizes.value(m_active)};
}

SpoolPosition Spool::firstPosition() const
{
    QMutexLocker lock(&m_mutex);
    if (m_sizes.isEmpty())
        return SpoolPosition{m_active, 0};
    return SpoolPosition{m_sizes.firstKey(), 0};
}

bool Spool::atEnd(const SpoolPosition &cursor) const
{
    QMutexLocker lock(&m_mutex);
    for (auto it = m_sizes.lowerBound(cursor.segment); it != m_sizes.cend(); ++it) {
        const qint64 from = it.key() == cursor.segment ? cursor.offset : 0;
        if (from < it.value())
            return false;
    }
    return true;
}

QList<UsageRecord> Spool::replay()
{
    SpoolPosition cursor;
    {
        QMutexLocker lock(&m_mutex);
        if (m_sizes.isEmpty())
            return {};
        cursor = SpoolPosition{m_sizes.firstKey(), 0};
    }
    const QList<Entry> entries = readRange(&cursor, SpoolPosition{m_firstActive, 0}, INT_MAX);
    QList<UsageRecord> out;
    out.reserve(entries.size());
    for (const Entry &e : entries)
        out.append(e.record);
    return out;
}

qint64 Spool::recordsAtOpen() const
{
    QMutexLocker lock(&m_mutex);
    return m_recordsAtOpen;
}

QList<Spool::Entry> Spool::read(SpoolPosition *cursor, int maxRecords)
{
    return readRange(cursor, endPosition(), maxRecords);
}

QList<Spool::Entry> Spool::readRange(SpoolPosition *cursor, const SpoolPosition &stop,
                                     int maxRecords)
{
    QList<Entry> out;
    // Snapshot the segments to read; files are only deleted by commitUpTo(), i.e. behind the
    // reader, so reading without the lock is safe.
    QMap<qint64, qint64> copy;
    {
        QMutexLocker lock(&m_mutex);
        copy = m_sizes;
    }
    const QMap<qint64, qint64> &sizes = copy; // const: reading it does not detach the copy
    qint64 skipped = 0;
    for (auto it = sizes.lowerBound(cursor->segment); it != sizes.cend(); ++it) {
        const qint64 segment = it.key();
        if (stop.isValid() && segment > stop.segment)
            break;
        qint64 limit = it.value();
        if (stop.isValid() && segment == stop.segment)
            limit = qMin(limit, stop.offset);
        qint64 offset = segment == cursor->segment ? cursor->offset : 0;
        if (segment != cursor->segment)
            *cursor = SpoolPosition{segment, 0};
        if (offset >= limit)
            continue;
        QFile f(pathOf(segment));
        if (!f.open(QIODevice::ReadOnly) || !f.seek(offset)) {
            qWarning("usage spool: cannot read %s", qPrintable(f.fileName()));
            *cursor = SpoolPosition{segment, limit};
            continue;
        }
        while (offset < limit && out.size() < maxRecords) {
            const QByteArray line = f.readLine();
            if (line.isEmpty() || offset + line.size() > limit) {
                // Shorter than expected, or beyond what this read may see: stop at the limit.
                offset = limit;
                break;
            }
            offset += line.size();
            if (std::optional<UsageRecord> r = UsageRecord::fromSpoolLine(line))
                out.append(Entry{std::move(*r), SpoolPosition{segment, offset}});
            else if (!line.trimmed().isEmpty())
                ++skipped;
        }
        *cursor = SpoolPosition{segment, offset};
        if (out.size() >= maxRecords)
            break;
    }
    if (skipped) {
        QMutexLocker lock(&m_mutex);
        m_skipped += skipped;
    }
    return out;
}

void Spool::commitUpTo(const SpoolPosition &position)
{
    if (!position.isValid())
        return;
    // Files are closed and deleted after the lock is released: every append waits for it, and
    // an unlink can wait for the device (on a file system that discards freed blocks).
    QList<qint64> removed;
    QList<int> closing;
    {
        QMutexLocker lock(&m_mutex);
        if (m_committed < position)
            m_committed = position;
        for (auto it = m_sizes.begin(); it != m_sizes.end();) {
            const qint64 segment = it.key();
            if (segment > position.segment)
                break;
            const bool whole = segment < position.segment || position.offset >= it.value();
            if (!whole) {
                ++it;
                continue;
            }
            if (segment == m_active) {
                if (!m_opened || it.value() < RecycleCommittedBytes) { // closed: no new file
                    ++it;
                    continue;
                }
                // Everything appended so far is committed: start a fresh segment, drop this one.
                closing.append(m_fd);
                m_fd = -1;
                m_dirty = false;
                removed.append(segment);
                it = m_sizes.erase(it);
                QString error;
                if (!openActive(segment + 1, &error))
                    qWarning("usage spool: %s", qPrintable(error));
                break;
            }
            // A rotated segment not synced yet needs no sync now: its records are stored.
            for (qsizetype i = 0; i < m_retired.size(); ++i) {
                if (m_retired.at(i).segment == segment) {
                    closing.append(m_retired.at(i).fd);
                    m_retired.remove(i);
                    break;
                }
            }
            removed.append(segment);
            it = m_sizes.erase(it);
        }
    }
    for (const int fd : std::as_const(closing))
        ::close(fd);
    for (const qint64 segment : std::as_const(removed))
        QFile::remove(pathOf(segment));
}

bool Spool::sync()
{
    QList<Retired> retired;
    int fd = -1;
    bool dupFailed = false;
    {
        QMutexLocker lock(&m_mutex);
        retired.swap(m_retired);
        if (m_fd >= 0 && m_dirty) {
            fd = ::dup(m_fd);
            dupFailed = fd < 0;
            m_dirty = dupFailed; // not synced: the next sync() tries again
        }
    }
    const int synced = syncRetired(retired);
    if (synced > 0) {
        QMutexLocker lock(&m_mutex);
        m_rotationSyncs += synced;
    }
    bool ok = synced == retired.size() && !dupFailed;
    if (fd >= 0) {
        ok = ::fdatasync(fd) == 0 && ok;
        ::close(fd);
    }
    return ok;
}

qint64 Spool::skippedLines() const
{
    QMutexLocker lock(&m_mutex);
    return m_skipped;
}

QStringList Spool::segmentFiles() const
{
    QMutexLocker lock(&m_mutex);
    QStringList out;
    for (auto it = m_sizes.cbegin(); it != m_sizes.cend(); ++it)
        out.append(pathOf(it.key()));
    return out;
}

qint64 Spool::rotationSyncs() const
{
    QMutexLocker lock(&m_mutex);
    return m_rotationSyncs;
}
