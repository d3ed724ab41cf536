// SPDX-License-Identifier: GPL-3.0-or-later
// UpstreamClient's sockets: a kept-alive connection is reused; one the server closes while it
// sits idle is noticed without the event loop spinning on it, and replaced; one that turns out
// closed only when it is reused is replaced and the call sent again; transfers aborted
// mid-upload or mid-connect leave nothing that holds up the next call, whose socket usually
// reuses the closed one's descriptor number; time limits and refused connections end calls with
// the right error. Every case runs twice: through PlainHttpClient (plain HTTP to an IP address,
// Linux) and through curl (AICARPOOL_UPSTREAM_CURL_ONLY=1).
#include "upstream/UpstreamClient.h"
#include "upstream/UpstreamRequest.h"

#include <QEventLoop>
#include <QHostInfo>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <arpa/inet.h>
#include <chrono>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace {

// Answers every request with 200 "ok" and keeps the connection open.
class TinyServer : public QObject
{
public:
    TinyServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                ++connections;
                m_sockets.append(s);
                if (stall) {
                    s->setReadBufferSize(1); // reads nothing: the client's upload stalls
                    continue;
                }
                connect(s, &QTcpSocket::readyRead, this, [this, s] { serve(s); });
            }
        });
    }
    bool listen(const QHostAddress &address = QHostAddress(QHostAddress::LocalHost))
    {
        return m_server.listen(address, 0);
    }
    QByteArray url(const QByteArray &host = "127.0.0.1") const
    {
        return "http://" + host + ":" + QByteArray::number(m_server.serverPort()) + "/v1/x";
    }
    void closeAll()
    {
        for (const QPointer<QTcpSocket> &s : std::as_const(m_sockets)) {
            if (s) {
                s->close();
                s->deleteLater();
            }
        }
        m_sockets.clear();
    }
    int openCount() const
    {
        int n = 0;
        for (const QPointer<QTcpSocket> &sock : m_sockets) {
            if (sock && sock->state() == QAbstractSocket::ConnectedState)
                ++n;
        }
        return n;
    }
    int connections = 0;
    int requests = 0;
    bool stall = false;          // new connections are accepted and never read
    bool closeAfterEach = false; // each answer says keep-alive, then the connection is closed
    bool answerOnHead = false;   // answers as soon as a head arrives, closes, reads no body
    QByteArray firstAnswer;      // when set, the answer to the first request only
    QByteArray answer =
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";

private:
    void serve(QTcpSocket *s)
    {
        QByteArray &buffer = m_buffers[s];
        buffer += s->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            if (answerOnHead) {
                // A final status before the body (413 and the like), then a close with the
                // body unread: the client's upload runs into a reset.
                ++requests;
                s->write(answer);
                s->flush();
                s->close();
                return;
            }
            qsizetype length = 0;
            for (const QByteArray &line : buffer.left(end).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() < end + 4 + length)
                return;
            buffer.remove(0, end + 4 + length);
            ++requests;
            s->write(requests == 1 && !firstAnswer.isEmpty() ? firstAnswer : answer);
            if (closeAfterEach) {
                s->flush();
                s->close();
                return;
            }
        }
    }
    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_sockets;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// A listening TCP socket on 127.0.0.1 at a free port, without Qt: tests that need a server
// outside the event loop (a thread) or a listener whose accept queue fills up.
struct LoopbackListener
{
    int fd = -1;
    sockaddr_in address{};
    socklen_t length = sizeof address;

    bool open(int backlog)
    {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr *>(&address), length) == 0 &&
               ::listen(fd, backlog) == 0 &&
               ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) == 0;
    }
    QByteArray url() const
    {
        return "http://127.0.0.1:" + QByteArray::number(ntohs(address.sin_port)) + "/v1/x";
    }
    ~LoopbackListener()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

struct Result
{
    bool done = false;
    int status = 0;
    QByteArray body;
    UpstreamCall::Error error = UpstreamCall::Error::None;
    bool viaCurl = true;
};

Result call(UpstreamClient &client, const QByteArray &url, const QByteArray &body = "{}")
{
    UpstreamRequest request;
    request.url = url;
    request.body = body;
    request.headers = {{"Content-Type", "application/json"}};
    request.timeoutMs = 5000;
    Result r;
    UpstreamCallPtr c = client.start(request);
    r.viaCurl = c->viaCurl();
    c->onHeaders = [&r](int status, const HttpHeaderList &) { r.status = status; };
    c->onData = [&r](const QByteArray &data) { r.body += data; };
    QEventLoop loop;
    c->onFinished = [&r, &loop](UpstreamCall::Error error, const QString &) {
        r.error = error;
        r.done = true;
        loop.quit();
    };
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    if (!r.done)
        loop.exec();
    return r;
}

// Runs the event loop without spinning: it sleeps until an event or the timer.
void idleFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

qint64 threadCpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return qint64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

} // namespace

class TestUpstreamClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<bool>("curlOnly");
        QTest::newRow("plain") << false;
        QTest::newRow("curl") << true;
    }
    void init()
    {
        QFETCH_GLOBAL(bool, curlOnly);
        if (curlOnly)
            qputenv("AICARPOOL_UPSTREAM_CURL_ONLY", "1");
        else
            qunsetenv("AICARPOOL_UPSTREAM_CURL_ONLY");
    }

    void connectionClosedRightAfterAnAnswerIsReplacedAndTheCallSentAgain()
    {
        // The server closes each connection right after an answer that does not say so. A call
        // started from the finished callback of the one before reuses the connection before the
        // close is seen: it fails there without a byte of an answer, and is sent again once, on
        // a new connection.
        TinyServer server;
        server.closeAfterEach = true;
        QVERIFY(server.listen());
        UpstreamClient client;
        QList<Result> results;
        std::function<void()> next;
        QEventLoop loop;
        next = [&] {
            UpstreamRequest request;
            request.url = server.url();
            request.body = "{}";
            request.timeoutMs = 5000;
            UpstreamCallPtr c = client.start(request);
            results.append(Result{});
            const qsizetype index = results.size() - 1;
            c->onHeaders = [&results, index](int status, const HttpHeaderList &) {
                results[index].status = status;
            };
            c->onData = [&results, index](const QByteArray &d) { results[index].body += d; };
            c->onFinished = [&, index](UpstreamCall::Error error, const QString &) {
                results[index].error = error;
                results[index].done = true;
                if (results.size() < 4)
                    next();
                else
                    loop.quit();
            };
        };
        next();
        QTimer::singleShot(20000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(results.size(), 4);
        for (const Result &r : std::as_const(results)) {
            QVERIFY2(r.done, "a call did not finish");
            QCOMPARE(r.error, UpstreamCall::Error::None);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, QByteArray("ok"));
        }
        QCOMPARE(server.requests, 4);
        QCOMPARE(server.connections, 4);
    }

    void answersFramedEveryWayAreRead_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("content-length")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")
            << QByteArray("hello");
        QTest::newRow("chunked") << QByteArray(
                                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                        "3;x=y\r\nhel\r\n2\r\nlo\r\n0\r\nTrailer: t\r\n\r\n")
                                 << QByteArray("hello");
        QTest::newRow("interim 100 first")
            << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                          "\r\nok")
            << QByteArray("ok");
        QTest::newRow("until close")
            << QByteArray("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end")
            << QByteArray("until the end");
    }
    void answersFramedEveryWayAreRead()
    {
        QFETCH(QByteArray, answer);
        QFETCH(QByteArray, body);
        TinyServer server;
        server.answer = answer;
        server.closeAfterEach = true; // ends the close-delimited one
        QVERIFY(server.listen());
        UpstreamClient client;
        for (int i = 0; i < 2; ++i) {
            const Result r = call(client, server.url());
            QVERIFY2(r.done, "the call did not finish");
            QCOMPARE(r.error, UpstreamCall::Error::None);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, body);
        }
    }

    void timeLimitsEndCalls()
    {
        // A server that accepts and never answers: the whole-call limit ends the call.
        TinyServer server;
        server.stall = true;
        QVERIFY(server.listen());
        UpstreamClient client;
        UpstreamRequest request;
        request.url = server.url();
        request.body = "{}";
        request.timeoutMs = 300;
        UpstreamCallPtr c = client.start(request);
        Result r;
        c->onFinished = [&r](UpstreamCall::Error error, const QString &) {
            r.error = error;
            r.done = true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(r.done, 10000);
        QCOMPARE(r.error, UpstreamCall::Error::Timeout);
        QCOMPARE(client.activeCount(), 0);
    }

    void refusedConnectionIsAConnectError()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QByteArray url =
            "http://127.0.0.1:" + QByteArray::number(probe.serverPort()) + "/v1/x";
        probe.close(); // nobody listens there now
        UpstreamClient client;
        UpstreamRequest request;
        request.url = url;
        request.body = "{}";
        // The refusal is known at once on loopback; it must still be reported from the event
        // loop, after the caller has set its callbacks.
        UpstreamCallPtr c = client.start(request);
        Result r;
        c->onFinished = [&](UpstreamCall::Error error, const QString &) {
            r.error = error;
            r.done = true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(r.done, 10000);
        QCOMPARE(r.error, UpstreamCall::Error::Connect);
    }

    void finalStatusBeforeTheUploadEndedIsDelivered()
    {
        // The upstream answers 413 to the head of a large upload and closes: the answer is
        // delivered (not a connection error), and the upload is not sent again elsewhere, on a
        // fresh connection as on a kept-alive one.
        TinyServer server;
        QVERIFY(server.listen());
        UpstreamClient client;
        const Result warm = call(client, server.url()); // leaves a kept-alive connection
        QCOMPARE(warm.status, 200);
        server.answerOnHead = true;
        server.answer = "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 9\r\n\r\ntoo large";
        for (int round = 0; round < 2; ++round) {
            const int before = server.requests;
            const Result r = call(client, server.url(), QByteArray(8 * 1024 * 1024, 'x'));
            QVERIFY2(r.done, "the call did not finish");
            QCOMPARE(r.error, UpstreamCall::Error::None);
            QCOMPARE(r.status, 413);
            QCOMPARE(r.body, QByteArray("too large"));
            QCOMPARE(server.requests, before + 1);
        }
    }

    void pauseLongerThanTheStallLimitIsNotAStall()
    {
        // A client that stops reading for longer than the stall limit: when it reads again the
        // transfer goes on; the pause was not the upstream stalling.
        TinyServer server;
        const QByteArray big(4 * 1024 * 1024, 'b');
        server.answer = "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(big.size()) +
                        "\r\n\r\n" + big;
        QVERIFY(server.listen());
        UpstreamClient client;
        UpstreamRequest request;
        request.url = server.url();
        request.body = "{}";
        request.stallTimeoutSecs = 1;
        request.timeoutMs = 30000;
        UpstreamCallPtr c = client.start(request);
        Result r;
        bool pausedOnce = false;
        c->onHeaders = [&r](int status, const HttpHeaderList &) { r.status = status; };
        c->onData = [&](const QByteArray &data) {
            r.body += data;
            if (!pausedOnce) {
                pausedOnce = true;
                c->pause();
                QTimer::singleShot(2500, [c] { c->resume(); });
            }
        };
        c->onFinished = [&r](UpstreamCall::Error error, const QString &) {
            r.error = error;
            r.done = true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(r.done, 20000);
        QVERIFY(pausedOnce);
        QCOMPARE(r.error, UpstreamCall::Error::None);
        QCOMPARE(r.body.size(), big.size());
    }

    void idleConnectionsAgeOut()
    {
        TinyServer server;
        QVERIFY(server.listen());
        UpstreamClient client;
        client.setIdleConnectionLimitMs(1000);
        QCOMPARE(call(client, server.url()).status, 200);
        QCOMPARE(server.connections, 1);
        idleFor(2500);
        QFETCH_GLOBAL(bool, curlOnly);
        if (!curlOnly) {
            // Closed by the client while idle: the server sees the hang-up.
            QTRY_VERIFY_WITH_TIMEOUT(server.openCount() == 0, 5000);
        }
        QCOMPARE(call(client, server.url()).status, 200);
        QCOMPARE(server.connections, 2); // the old one was not reused
    }

    void headersAndBodyBeforeAMalformedChunkAreDelivered()
    {
        TinyServer server;
        server.answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZ\r\n";
        server.closeAfterEach = true;
        QVERIFY(server.listen());
        UpstreamClient client;
        const Result r = call(client, server.url());
        QVERIFY2(r.done, "the call did not finish");
        QCOMPARE(r.status, 200); // the relay must not fail over: the upstream answered
        QCOMPARE(r.body, QByteArray("hello"));
        QCOMPARE(r.error, UpstreamCall::Error::Transfer);
    }

    void bytesAfterAnAnswerThatFillsAReadAreNotTakenForTheNext()
    {
        QFETCH_GLOBAL(bool, curlOnly);
        if (curlOnly)
            QSKIP("curl hands such bytes to the next call on the connection");
        // The first answer is exactly 64 KiB (one read of the client) and the server sends
        // more bytes right behind it; they belong to no answer.
        TinyServer server;
        const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: ";
        const qsizetype total = 64 * 1024;
        qsizetype bodyLength = total - head.size() - 4 - 5;
        QByteArray first = head + QByteArray::number(bodyLength) + "\r\n\r\n";
        bodyLength = total - first.size();
        first = head + QByteArray::number(bodyLength) + "\r\n\r\n";
        first += QByteArray(total - first.size(), 'a');
        QCOMPARE(first.size(), total);
        server.firstAnswer = first + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstale";
        server.answer = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh";
        QVERIFY(server.listen());
        UpstreamClient client;
        QList<Result> results;
        QEventLoop loop;
        std::function<void()> next = [&] {
            UpstreamRequest request;
            request.url = server.url();
            request.body = "{}";
            UpstreamCallPtr c = client.start(request);
            results.append(Result{});
            const qsizetype index = results.size() - 1;
            c->onData = [&results, index](const QByteArray &d) { results[index].body += d; };
            c->onFinished = [&, index](UpstreamCall::Error error, const QString &) {
                results[index].error = error;
                results[index].done = true;
                if (results.size() < 2)
                    next(); // at once, before the loop sees the bytes left on the connection
                else
                    loop.quit();
            };
        };
        next();
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(results.size(), 2);
        QVERIFY(results[1].done);
        QCOMPARE(results[1].error, UpstreamCall::Error::None);
        QCOMPARE(results[1].body, QByteArray("fresh"));
    }

    void callsStartedOnAConnectionAlreadyAnsweredHearTheirEnd()
    {
        // The server answers on a kept-alive connection before the next request is sent (a
        // 408 on an idle connection, then a close), while the client's event loop is not
        // running. The next call reuses that connection: its upload fails inside start(),
        // and the answer that is there must reach the callbacks set after start() returns.
        LoopbackListener listener;
        QVERIFY(listener.open(4));
        const QByteArray url = listener.url();
        int served = -1;
        std::thread server([fd = listener.fd, &served] {
            served = ::accept(fd, nullptr, nullptr);
            if (served < 0)
                return;
            QByteArray in;
            char buffer[4096];
            while (!in.contains("\r\n\r\n{}")) {
                const ssize_t n = ::recv(served, buffer, sizeof buffer, 0);
                if (n <= 0)
                    return;
                in.append(buffer, n);
            }
            const QByteArray ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
            (void)::send(served, ok.constData(), size_t(ok.size()), MSG_NOSIGNAL);
        });
        UpstreamClient client;
        const Result warm = call(client, url);
        server.join();
        QCOMPARE(warm.status, 200);
        QVERIFY(served >= 0);
        const QByteArray late =
            "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
        QCOMPARE(::send(served, late.constData(), size_t(late.size()), MSG_NOSIGNAL),
                 ssize_t(late.size()));
        ::close(served);
        std::this_thread::sleep_for(std::chrono::milliseconds(50)); // no event loop meanwhile

        UpstreamRequest request;
        request.url = url;
        request.body = QByteArray(8 * 1024 * 1024, 'x');
        request.timeoutMs = 5000;
        UpstreamCallPtr c = client.start(request);
        int finished = 0;
        c->onFinished = [&finished](UpstreamCall::Error, const QString &) { ++finished; };
        QTRY_VERIFY_WITH_TIMEOUT(finished > 0, 8000);
        idleFor(100);
        QCOMPARE(finished, 1);
    }

    void callsRefusedAtOnceReportEvenWhenOnlyTheirCallbacksAreKept()
    {
        // A caller may drop the call object and keep only its callbacks (as the health prober
        // does): a call refused before it reaches the network still reports its end.
        UpstreamClient client;
        int finished = 0;
        QList<UpstreamCall::Error> errors;
        for (const QByteArray &method : {QByteArray("GE T"), QByteArray("POST")}) {
            UpstreamRequest request;
            request.method = method;
            request.url = "http://127.0.0.1:9/v1/x";
            request.body = "{}";
            if (method == "POST")
                request.headers = {{"x-a", "b\r\nInjected: 1"}};
            UpstreamCallPtr c = client.start(request);
            c->onFinished = [&](UpstreamCall::Error error, const QString &) {
                ++finished;
                errors.append(error);
            };
        } // the call objects are dropped here
        QTRY_COMPARE_WITH_TIMEOUT(finished, 2, 5000);
        QFETCH_GLOBAL(bool, curlOnly);
        if (!curlOnly) {
            QCOMPARE(errors.value(0), UpstreamCall::Error::Other);
            QCOMPARE(errors.value(1), UpstreamCall::Error::Other);
        }
    }

    void keptAliveConnectionIsReused()
    {
        TinyServer server;
        QVERIFY(server.listen());
        UpstreamClient client;
        for (int i = 0; i < 5; ++i) {
            const Result r = call(client, server.url());
            QVERIFY2(r.done, "the call did not finish");
            QCOMPARE(r.error, UpstreamCall::Error::None);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, QByteArray("ok"));
            QFETCH_GLOBAL(bool, curlOnly);
            QCOMPARE(r.viaCurl, curlOnly); // an IP address: plain HTTP unless told otherwise
        }
        QCOMPARE(server.requests, 5);
        QCOMPARE(server.connections, 1);
    }

    void idleConnectionClosedByTheServerIsReplacedWithoutSpinning()
    {
        TinyServer server;
        QVERIFY(server.listen());
        UpstreamClient client;
        for (int round = 1; round <= 3; ++round) {
            const Result first = call(client, server.url());
            QVERIFY2(first.done, "the call did not finish");
            QCOMPARE(first.status, 200);

            // The server hangs up while the client keeps the connection for reuse.
            server.closeAll();
            const qint64 cpuBefore = threadCpuMs();
            idleFor(300);
            const qint64 cpuMs = threadCpuMs() - cpuBefore;
            // Watching the dead connection level-triggered would burn the whole 300 ms.
            QVERIFY2(cpuMs < 150, qPrintable(QStringLiteral("%1 ms of CPU while idle").arg(cpuMs)));

            // The next call finds the connection dead and opens a new one.
            const Result next = call(client, server.url());
            QVERIFY2(next.done, "the call after the hang-up did not finish");
            QCOMPARE(next.error, UpstreamCall::Error::None);
            QCOMPARE(next.status, 200);
            QCOMPARE(next.body, QByteArray("ok"));
            QCOMPARE(server.connections, 3 * (round - 1) + 2);
            server.closeAll(); // and once more, closed while nothing was parked on it yet
            const Result third = call(client, server.url());
            QVERIFY2(third.done, "the call after the second hang-up did not finish");
            QCOMPARE(third.status, 200);
            QCOMPARE(server.connections, 3 * round);
            server.closeAll();
        }
    }

    void hostNamesGoThroughTheResolver()
    {
        // A name curl resolves itself ("localhost" it answers without asking): its resolver
        // thread wakes the client through a socket pair that curl closes without a word, and
        // whose descriptor number the connection that follows usually gets.
        const QString name = QHostInfo::localHostName();
        const QHostInfo info = QHostInfo::fromName(name);
        QHostAddress address;
        for (const QHostAddress &a : info.addresses()) {
            if (a.protocol() == QAbstractSocket::IPv4Protocol) {
                address = a;
                break;
            }
        }
        if (address.isNull())
            QSKIP("this machine's host name does not resolve to an IPv4 address");
        TinyServer server;
        QVERIFY(server.listen(address));
        UpstreamClient client;
        for (int round = 1; round <= 4; ++round) {
            const Result r = call(client, server.url(name.toUtf8()));
            QVERIFY2(r.done, "the call did not finish");
            QVERIFY(r.viaCurl); // a host name: curl resolves it
            QCOMPARE(r.error, UpstreamCall::Error::None);
            QCOMPARE(r.status, 200);
            QCOMPARE(server.connections, round);
            server.closeAll(); // the next call opens a new connection
            idleFor(50);
        }
    }

    void callAbortedMidUploadLeavesNothingBehind()
    {
        // An upload the server does not read waits for its socket to become writable. Aborted,
        // curl closes that socket, and the next connection usually gets the same descriptor
        // number; it must be watched from scratch.
        TinyServer server;
        QVERIFY(server.listen());
        UpstreamClient client;
        for (int round = 1; round <= 3; ++round) {
            server.stall = true;
            UpstreamRequest request;
            request.url = server.url();
            request.body = QByteArray(32 * 1024 * 1024, 'x');
            request.timeoutMs = 20000;
            UpstreamCallPtr stalled = client.start(request);
            bool finished = false;
            stalled->onFinished = [&finished](UpstreamCall::Error, const QString &) {
                finished = true;
            };
            idleFor(300);
            QVERIFY2(!finished, "the stalled upload finished");
            client.abort(stalled);
            QCOMPARE(client.activeCount(), 0);
            server.closeAll();

            server.stall = false;
            const Result next = call(client, server.url(), QByteArray(256 * 1024, 'y'));
            QVERIFY2(next.done, "the call after the aborted upload did not finish");
            QCOMPARE(next.error, UpstreamCall::Error::None);
            QCOMPARE(next.status, 200);
            QCOMPARE(next.body, QByteArray("ok"));
            server.closeAll();
        }
    }

    void callAbortedWhileConnectingLeavesNothingBehind()
    {
        // A listener with a full accept queue: further connects stay pending. A call aborted
        // there has its socket closed by curl while the next call's socket usually gets the
        // same number; that one must be watched from scratch.
        LoopbackListener listener;
        QVERIFY(listener.open(0));
        const int filler = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QCOMPARE(::connect(filler, reinterpret_cast<const sockaddr *>(&listener.address),
                           listener.length),
                 0);
        const QByteArray fullUrl = listener.url();

        TinyServer server;
        QVERIFY(server.listen());
        UpstreamClient client;
        for (int round = 1; round <= 3; ++round) {
            UpstreamRequest request;
            request.url = fullUrl;
            request.body = "{}";
            UpstreamCallPtr pending = client.start(request);
            bool finished = false;
            pending->onFinished = [&finished](UpstreamCall::Error, const QString &) {
                finished = true;
            };
            idleFor(200);
            QVERIFY2(!finished, "the connect to the full listener finished");
            client.abort(pending);

            const Result next = call(client, server.url());
            QVERIFY2(next.done, "the call after the aborted connect did not finish");
            QCOMPARE(next.error, UpstreamCall::Error::None);
            QCOMPARE(next.status, 200);
            server.closeAll();
        }
        ::close(filler);
    }
};

QTEST_GUILESS_MAIN(TestUpstreamClient)
#include "TestUpstreamClient.moc"
