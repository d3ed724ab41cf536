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

private:
    void writeNext();
    void finish(bool cut);

    HttpResponderPtr m_responder;
    HttpHeaderList m_headers;
    QList<QByteArray> m_events;
    int m_intervalMs;
    int m_cutAfter;
    int m_next = 0;
    std::shared_ptr<void> m_token;
    QTimer m_timer;
};
