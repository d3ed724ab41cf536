// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpRequest.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

#include <functional>
#include <memory>

class HttpConnection;

// The handle a handler answers through. It may be kept and used later (after the handler
// returned); every call is safe after the client has gone: writes then do nothing and return
// false. Exactly one response per request: either send*() once, or beginChunked() followed by
// writeChunk()* and endChunked().
class HttpResponder
{
public:
    HttpResponder(HttpConnection *connection, quint64 requestSerial, bool headRequest);
    ~HttpResponder();
    HttpResponder(const HttpResponder &) = delete;
    HttpResponder &operator=(const HttpResponder &) = delete;

    // True while the client is connected and this response has not been completed.
    bool isOpen() const;
    bool isFinished() const { return m_finished; }
    bool hasStarted() const { return m_started; }

    void send(int status, const QByteArray &body,
              const QByteArray &contentType = QByteArrayLiteral("application/json"),
              const HttpHeaderList &extraHeaders = {});
    void sendJson(int status, const QJsonObject &object, const HttpHeaderList &extraHeaders = {});
    void sendJson(int status, const QJsonDocument &document,
                  const HttpHeaderList &extraHeaders = {});
    // {"error":{"type":type,"message":message}}
    void sendError(int status, const QString &type, const QString &message,
                   const HttpHeaderList &extraHeaders = {});

    // Streaming with chunked transfer encoding; the framing is written here.
    bool beginChunked(int status, const HttpHeaderList &headers);
    bool writeChunk(const QByteArray &data);
    void endChunked();

    // Bytes queued in the socket and not yet sent: the caller's back-pressure signal.
    qint64 pendingBytes() const;
    // True while pendingBytes() is above the connection's client_buffer_limit: stop producing
    // (e.g. pause the upstream) until the writable handler runs.
    bool isBackedUp() const;
    // Called on the connection's thread when the pending bytes fall to half the limit after
    // having been above it. A client that takes no byte for client_write_timeout is dropped
    // instead, and the disconnect handler runs.
    void setWritableHandler(std::function<void()> handler);

    // Called once if the client disconnects before the response is complete.
    void setDisconnectHandler(std::function<void()> handler);

    // Called once with the status when the handler answers (send*() or beginChunked()), before
    // anything is written, also when the client has already gone: what was done is observed
    // even if the answer cannot be delivered (the admin API's audit log).
    void setAnswerObserver(std::function<void(int status)> observer);

    static QByteArray reasonPhrase(int status);

private:
    friend class HttpConnection;
    void notifyDisconnected();
    void notifyWritable();
    void notifyAnswer(int status);

    QPointer<HttpConnection> m_connection;
    quint64 m_serial;
    bool m_head;
    bool m_started = false;
    bool m_finished = false;
    std::function<void()> m_onDisconnect;
    std::function<void()> m_onWritable;
    std::function<void(int)> m_onAnswer;
};

using HttpResponderPtr = std::shared_ptr<HttpResponder>;
using HttpHandler = std::function<void(const HttpRequest &, const HttpResponderPtr &)>;
