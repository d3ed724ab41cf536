// SPDX-License-Identifier: GPL-3.0-or-later
#include "MockStream.h"

#include <QPointer>

MockStream::MockStream(HttpResponderPtr responder, const HttpHeaderList &headers,
                       QList<QByteArray> events, int intervalMs, int cutAfter,
                       std::shared_ptr<void> inFlightToken, QObject *parent)
    : QObject(parent), m_responder(std::move(responder)), m_headers(headers),
      m_events(std::move(events)), m_intervalMs(intervalMs), m_cutAfter(cutAfter),
      m_token(std::move(inFlightToken))
{
    m_timer.setSingleShot(false);
    m_timer.setInterval(m_intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &MockStream::writeNext);
}

void MockStream::setBulk(int at, QByteArray filler, qint64 count, qint64 *written)
{
    m_bulkAt = at;
    m_filler = std::move(filler);
    m_fillerLeft = count;
    m_written = written;
}

void MockStream::writeBulk()
{
    if (!m_responder)
        return;
    if (!m_responder->isOpen()) {
        finish(false);
        return;
    }
    while (m_responder->pendingBytes() < 256 * 1024) {
        QByteArray next;
        if (m_next == m_bulkAt && m_fillerLeft > 0) {
            next = m_filler;
            --m_fillerLeft;
        } else if (m_next < m_events.size()) {
            next = m_events.at(m_next++);
        } else {
            finish(false);
            return;
        }
        m_responder->writeChunk(next);
        *m_written += next.size();
    }
}

void MockStream::start()
{
    QPointer<MockStream> self(this);
    m_responder->setDisconnectHandler([self] {
        if (self)
            self->finish(false);
    });
    if (!m_responder->beginChunked(200, m_headers)) {
        finish(false);
        return;
    }
    if (m_bulkAt >= 0) {
        // Polled: the responder has no drain signal the mock could wait for.
        disconnect(&m_timer, nullptr, this, nullptr);
        connect(&m_timer, &QTimer::timeout, this, &MockStream::writeBulk);
        m_timer.setInterval(2);
        writeBulk();
        if (self && m_responder)
            m_timer.start();
        return;
    }
    if (m_intervalMs <= 0) {
        while (self && m_responder && m_next <= m_events.size())
            writeNext();
        return;
    }
    writeNext();
    if (self && m_responder)
        m_timer.start();
}

void MockStream::writeNext()
{
    if (!m_responder)
        return;
    if (!m_responder->isOpen()) {
        finish(false);
        return;
    }
    if (m_cutAfter >= 0 && m_next >= m_cutAfter) {
        finish(true);
        return;
    }
    if (m_next >= m_events.size()) {
        finish(false);
        return;
    }
    m_responder->writeChunk(m_events.at(m_next++));
    if (m_next >= m_events.size() && m_cutAfter < 0)
        finish(false);
}

void MockStream::finish(bool cut)
{
    m_timer.stop();
    if (m_responder) {
        // Ending normally writes the last chunk; a cut drops the responder unfinished, which
        // closes the connection without the terminating chunk.
        if (!cut)
            m_responder->endChunked();
        m_responder->setDisconnectHandler(nullptr);
        m_responder.reset();
    }
    m_token.reset();
    deleteLater();
}
