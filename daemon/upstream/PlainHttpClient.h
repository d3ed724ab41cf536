// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "upstream/PlainHttpConnection.h"
#include "upstream/UpstreamCall.h"
#include "upstream/UpstreamRequest.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

class PlainHttpConnection;
class QSocketNotifier;

// HTTP/1.1 over plain TCP to an upstream named by its IP address, without a proxy: a
// self-hosted OpenAI-compatible server on the local network, a gateway next to the daemon, the
// mock upstream of the tests and benchmarks. For these calls curl's generality (TLS, HTTP/2,
// proxies, name resolution) costs more per call than the call itself: two poll() system calls
// and a few thousand instructions of state machine on every transfer. Everything else goes
// through curl (UpstreamClient decides).
//
// Same contract as UpstreamClient's transfers: callbacks from the event loop only, in order
// onHeaders, onData*, onFinished; none after abort(); pause() stops reading the socket (body
// bytes read together with the headers are still delivered after onHeaders). Kept-
// alive connections are pooled per address and watched while idle, so one the server closed is
// dropped before it is used; a transfer whose reused connection turns out dead before any byte
// of the answer arrived is sent again once on a fresh connection, as curl does.
class PlainHttpClient : public QObject
{
    Q_OBJECT
public:
    explicit PlainHttpClient(QObject *parent = nullptr);
    ~PlainHttpClient() override;

    bool isValid() const { return m_epoll >= 0; }
    // Takes `call` when its request is plain HTTP to an IP address with no proxy; false leaves
    // it to the caller.
    bool start(const UpstreamCallPtr &call, const UpstreamRequest &request);
    void abort(UpstreamCall *call);
    void resume(UpstreamCall *call);

    int activeCount() const { return int(m_active.size()); }
    int idleConnectionCount() const;
    static constexpr int MaxIdlePerAddress = 256;
    static constexpr int MaxIdle = 4096;
    static constexpr qint64 DefaultMaxIdleMs = 118000; // as curl: servers drop idle connections
    // Idle connections older than this are closed (checked on reuse and by a slow timer).
    void setMaxIdleMs(qint64 ms);

private:
    using ConnectionPtr = std::shared_ptr<PlainHttpConnection>;
    // What a transfer needs beyond its connection: the request, kept to send it again on a
    // fresh connection, and its time limits.
    struct Transfer
    {
        UpstreamCallPtr call;
        ConnectionPtr connection;
        QByteArray url;
        QByteArray head;
        QByteArray body;
        bool headRequest = false;
        bool retried = false;
        qint64 startedMs = 0;
        int connectTimeoutMs = 0;
        int timeoutMs = 0;
        qint64 stallMs = 0;
    };

    void onEpollReady();
    void onSweep();
    void handle(const ConnectionPtr &c, unsigned events);
    // Reads once and hands on what it parsed; true when bytes came and the answer goes on.
    bool readResponse(const ConnectionPtr &c);
    static unsigned interest(const PlainHttpConnection &c); // epoll events for its state
    void launch(Transfer t, const PlainHttpTarget &target, bool allowReuse);
    void sendRequest(const ConnectionPtr &c);
    // The connection failed with errno `error` (0: closed by the peer) while carrying a call.
    void connectionFailed(const ConnectionPtr &c, int error);
    void complete(const ConnectionPtr &c, bool reusable);
    void fail(const UpstreamCallPtr &call, UpstreamCall::Error error, const QString &message);
    void failLater(const UpstreamCallPtr &call, UpstreamCall::Error error, const QString &message);
    void park(const ConnectionPtr &c);
    ConnectionPtr takeIdle(const QByteArray &poolKey);
    void watch(PlainHttpConnection *c, unsigned events);
    void close(const ConnectionPtr &c);
    void detach(UpstreamCall *call);
    static void release(UpstreamCall *call);
    void onPrune();
    qint64 nowMs() const { return m_clock.elapsed(); }

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_sweep; // time limits, checked while transfers run
    QTimer m_prune; // idle connections by age, while there are any
    qint64 m_maxIdleMs = DefaultMaxIdleMs;
    QElapsedTimer m_clock;
    QHash<int, ConnectionPtr> m_byFd;               // every open connection
    QHash<UpstreamCall *, Transfer> m_active;       // transfers in progress
    QHash<QByteArray, QList<ConnectionPtr>> m_idle; // kept-alive, newest last
    int m_idleCount = 0;
    QHash<QByteArray, PlainHttpTarget> m_targets; // parsed URLs, bounded
    quint32 m_generation = 0;
    bool m_inStart = false;
    QByteArray m_readBuffer;
};
