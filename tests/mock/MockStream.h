// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpResponder.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

// One streamed (SSE) answer: writes its events with a pause between them from a timer (no
// thread per stream), optionally dropping the connection after some events. Deletes itself when
// done or when the client goes away.
class MockStream : public QObject
{
    Q_OBJECT
public:
    MockStream(HttpResponderPtr responder, const HttpHeaderList &headers, QList<QByteArray> events,
               int intervalMs, int cutAfter, std::shared_ptr<void> inFlightToken,
               QObject *parent = nullptr);

    void start();

    // A large stream: `filler` is written `count` times after the first `at` events, each write
    // only while fewer than 256 KiB wait in the socket (the mock respects TCP flow control).
    // Bytes written are added to *written.
    void setBulk(int at, QByteArray filler, qint64 count, qint64 *written);

private:
    void writeNext();
    void finish(bool cut);
    void writeBulk();

    HttpResponderPtr m_responder;
    HttpHeaderList m_headers;
    QList<QByteArray> m_events;
    int m_intervalMs;
    int m_cutAfter;
    int m_next = 0;
    std::shared_ptr<void> m_token;
    QTimer m_timer;
    int m_bulkAt = -1;
    QByteArray m_filler;
    qint64 m_fillerLeft = 0;
    qint64 *m_written = nullptr;
};
