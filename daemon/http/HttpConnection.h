// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpResponder.h"
#include "http/HttpServer.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QTcpSocket;

// One client connection: parses requests, hands them to the server one at a time (so pipelined
// requests are answered in order) and writes the responses its responders produce.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(qintptr socketDescriptor, HttpServer *server, QObject *parent);
    ~HttpConnection() override;

    bool isValid() const { return m_socket != nullptr; }

    // Used by HttpResponder; each call names the request it answers.
    bool writeData(quint64 serial, const QByteArray &data);
    void finishResponse(quint64 serial, bool closeAfter);
    qint64 bytesToWrite() const;
    bool isCurrent(quint64 serial) const { return m_busy && serial == m_serial; }
    bool currentWantsClose() const { return m_closeAfterResponse; }
    bool currentIsHttp10() const { return m_currentHttp10; }

private:
    enum class State
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkTrailer
    };

    void onReadyRead();
    void onDisconnected();
    void onTimeout();
    void processInput();
    bool parseHead(qsizetype headEnd);
    bool readBody();
    void dispatchCurrent();
    void failAndClose(int status, const QString &type, const QString &message);
    void armTimer();
    void closeConnection();

    HttpServer *m_server;
    QTcpSocket *m_socket = nullptr;
    QTimer m_timer;
    QByteArray m_in;
    qsizetype m_scanFrom = 0;
    State m_state = State::Head;
    HttpRequest m_request;
    qint64 m_bodyRemaining = 0;
    bool m_sentContinue = false;
    bool m_busy = false;
    bool m_processing = false;
    bool m_closing = false;
    bool m_closeAfterResponse = false;
    bool m_currentHttp10 = false;
    bool m_readingRequest = false;
    quint64 m_serial = 0;
    std::weak_ptr<HttpResponder> m_current;
};
