// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "upstream/HttpResponseParser.h"
#include "upstream/UpstreamCall.h"

#include <QByteArray>

#include <sys/socket.h>

// Where a plain-HTTP call goes: an http:// URL whose host is an IP address, parsed once.
struct PlainHttpTarget
{
    QByteArray poolKey;    // "address port": connections are shared by equal keys
    QByteArray hostHeader; // the Host field: the address, and the port unless it is 80
    QByteArray path;       // origin-form request target: "/v1/messages?x=1"
    sockaddr_storage address{};
    socklen_t addressLength = 0;

    // False for anything else (https, a host name, user info, a malformed URL, bytes a request
    // line cannot carry): those calls go through curl.
    static bool parse(const QByteArray &url, PlainHttpTarget *out);
};

// One client connection to a plain-HTTP upstream: a non-blocking socket, the request being
// sent on it and the parser of its response. Moves bytes only; PlainHttpClient decides.
class PlainHttpConnection
{
public:
    // A socket connecting to `target` (connect() in progress or done). Null and *error = errno
    // when the socket cannot be made or the connection is refused at once.
    static PlainHttpConnection *open(const PlainHttpTarget &target, int *error);
    ~PlainHttpConnection();
    PlainHttpConnection(const PlainHttpConnection &) = delete;
    PlainHttpConnection &operator=(const PlainHttpConnection &) = delete;

    int fd() const { return m_fd; }
    const QByteArray &poolKey() const { return m_poolKey; }
    // Closes the socket now (the object may outlive it on a caller's stack); fd() is then -1.
    void closeSocket();

    // The outcome of a non-blocking connect(): 0 once connected, else the errno.
    int connectResult() const;
    bool isConnecting() const { return m_connecting; }
    void setConnected() { m_connecting = false; }

    // The next request: its head and body are sent as two pieces, the body never copied.
    void setRequest(const QByteArray &head, const QByteArray &body);
    // Sends what the kernel takes now. 0, or the errno of a failed send (EAGAIN is not one).
    int sendPending();
    bool requestSent() const { return !m_abandoned && m_sent >= m_head.size() + m_body.size(); }
    // The upstream stopped taking the request (a send failed): nothing more is sent, and the
    // connection is not reused.
    void abandonRequest();
    bool wantsToSend() const { return !m_abandoned && !requestSent(); }
    qint64 bytesSent() const { return m_sent; }

    // Reads once into `buffer`: > 0 bytes read, 0 at the peer's close, -1 with *error (EAGAIN
    // when nothing is there yet).
    qsizetype receive(char *buffer, qsizetype capacity, int *error);

    HttpResponseParser parser;
    UpstreamCallPtr call;       // the transfer it carries; null while idle
    bool reused = false;        // carried an earlier response: a failure may be a stale close
    bool responseBytes = false; // any byte of the current response arrived
    bool holding = false;       // paused: its read interest is off until resume
    int sendError = 0;          // errno of the send that failed, once the request is abandoned
    unsigned epollEvents = 0;   // what the epoll set watches for it (0: not in the set)
    quint32 generation = 0;     // tells events for an earlier socket of the same number apart
    qint64 idleSinceMs = 0;
    qint64 connectDeadlineMs = 0; // 0 = connected
    qint64 totalDeadlineMs = 0;   // 0 = none
    qint64 stallMs = 0;           // 0 = none
    qint64 lastActivityMs = 0;

private:
    PlainHttpConnection(int fd, QByteArray poolKey);

    int m_fd = -1;
    QByteArray m_poolKey;
    bool m_connecting = true;
    QByteArray m_head;
    QByteArray m_body;
    qint64 m_sent = 0;
    bool m_abandoned = false;
};
