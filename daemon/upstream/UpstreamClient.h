// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "upstream/UpstreamCall.h"
#include "upstream/UpstreamRequest.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

class PlainHttpClient;
class QSocketNotifier;

// Asynchronous HTTP client for upstream calls: libcurl's multi interface driven by the Qt event
// loop. Unlike QNetworkAccessManager (6 connections per host in Qt 6.4) it has no per-host cap,
// reuses connections, speaks HTTP/2 over TLS, and supports HTTP and SOCKS5 proxies. On Linux,
// plain HTTP to an IP address without a proxy goes through PlainHttpClient instead, which does
// only that, for a fraction of curl's cost per call.
class UpstreamClient : public QObject
{
    Q_OBJECT
public:
    explicit UpstreamClient(QObject *parent = nullptr);
    ~UpstreamClient() override;

    // Starts the transfer; callbacks are set on the returned call before any fires
    // (they fire from the event loop, never from inside start()).
    UpstreamCallPtr start(const UpstreamRequest &request);
    // Stops a transfer; onFinished fires with Error::Aborted unless it already finished.
    void abort(const UpstreamCallPtr &call);

    int activeCount() const;
    // Kept-alive connections idle longer than this are not reused (and the plain-HTTP client
    // closes them); default 118 s as curl's.
    void setIdleConnectionLimitMs(qint64 ms);
    // Idle easy handles kept for reuse (at most MaxIdleHandles).
    int idleHandleCount() const { return int(m_idleEasy.size()); }
    static constexpr int MaxIdleHandles = 256;
    // Sockets whose notifiers are kept (disabled) after curl stopped watching them.
    static constexpr int MaxParkedSockets = 1024;

private:
    struct SocketWatch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };

    static int socketCallback(void *easy, qintptr fd, int what, void *userp, void *socketp);
    static int timerCallback(void *multi, long timeoutMs, void *userp);
    static size_t writeCallback(char *data, size_t size, size_t count, void *userp);
    static size_t headerCallback(char *data, size_t size, size_t count, void *userp);

    void watchSocket(qintptr fd, int what);
#ifdef Q_OS_LINUX
    void onEpollReady();
    friend struct UpstreamSocketHooks; // curl's open and close callbacks for sockets
    void socketOpened(int fd);
    void socketClosing(int fd);
#endif
    void socketAction(qintptr fd, int eventMask);
    void checkDone();
    void finishCall(UpstreamCall *call, int curlCode, const char *errorBuffer);
    void release(UpstreamCall *call);
    void *takeEasy();
    void recycleEasy(void *easy);
    friend class UpstreamCall;
    void resumeCall(UpstreamCall *call); // curl_easy_pause(CONT), outside curl's callbacks

    void *m_multi = nullptr;
    QTimer m_timer;
    PlainHttpClient *m_plain = nullptr; // null: every call goes through curl
    qint64 m_idleLimitMs = 118000;
#ifdef Q_OS_LINUX
    // Linux: curl's sockets are watched through one epoll set, and the event loop watches only
    // that. A QSocketNotifier per socket, armed and disarmed for every transfer, costs a wake-up
    // of the event loop each time, and every turn of the loop would poll every upstream socket.
    int m_epoll = -1;
    QSocketNotifier *m_epollNotifier = nullptr;
    // Socket -> events registered. A connection's socket that curl stops watching after a
    // transfer stays in the set, marked Parked, so the next transfer on that kept-alive
    // connection costs no epoll_ctl() (two per call before). That is safe only for sockets
    // whose whole life is known: curl opens and closes connection sockets through
    // UpstreamSocketHooks (m_ownSockets), which also drops whatever an earlier descriptor of the
    // same number left here. Other sockets curl watches (its resolver's socket pair, closed without
    // telling) are never parked, and an entry for one is never trusted to be current.
    QSet<qintptr> m_ownSockets;
    QHash<qintptr, int> m_epollInterest;
    static constexpr int Parked = 1 << 30;
#endif
    QHash<qintptr, SocketWatch> m_sockets;
    QHash<UpstreamCall *, UpstreamCallPtr> m_calls;
    QHash<UpstreamCall *, QByteArray> m_errors;
    // Easy handles of finished transfers, reset and kept for the next call: creating one per
    // call (and freeing its buffers) was a visible share of the relay's CPU time per request.
    // The connection cache belongs to the multi handle, so reuse changes no connection.
    QList<void *> m_idleEasy;
    bool m_inAction = false;
};
