// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP server in this process with handlers of the test's own, and clients on plain POSIX
// sockets: how it treats slow readers, clients that read nothing, and head guards.
#include "http/HttpRouter.h"
#include "http/HttpServer.h"

#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

namespace {

// A blocking client socket with a small receive buffer, so answers queue up in the server.
class RawClient
{
public:
    explicit RawClient(quint16 port, int receiveBuffer = 32 * 1024)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_connected = ::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
    }
    ~RawClient() { ::close(m_fd); }
    RawClient(const RawClient &) = delete;
    RawClient &operator=(const RawClient &) = delete;

    bool connected() const { return m_connected; }
    bool send(const QByteArray &data)
    {
        qsizetype sent = 0;
        while (sent < data.size()) {
            const ssize_t n = ::send(m_fd, data.constData() + sent, data.size() - sent, 0);
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    }
    // Reads until the peer closes, an error, or `timeoutMs` without any byte.
    QByteArray readToEnd(int timeoutMs = 10000, qint64 stopAfter = -1)
    {
        QByteArray out;
        char buf[65536];
        for (;;) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, timeoutMs) <= 0)
                break;
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0)
                break;
            out.append(buf, n);
            if (stopAfter >= 0 && out.size() >= stopAfter)
                break;
        }
        return out;
    }

private:
    int m_fd = -1;
    bool m_connected = false;
};

qsizetype bodySize(const QByteArray &response)
{
    const qsizetype headEnd = response.indexOf("\r\n\r\n");
    return headEnd < 0 ? -1 : response.size() - headEnd - 4;
}

} // namespace

class TestHttpServer final : public QObject
{
    Q_OBJECT

private:
    // The server lives on a thread of its own, so the test's blocking clients cannot stall
    // its accept loop.
    QThread m_thread;
    QObject *m_home = nullptr;
    HttpServer *m_server = nullptr;
    HttpRouter m_router;
    HttpResponderPtr m_held; // a streaming handler keeps its responder, as the relay does

    void startServer(const HttpServerLimits &limits)
    {
        bool listening = false;
        QMetaObject::invokeMethod(
            m_home,
            [&] {
                m_server = new HttpServer;
                m_server->setLimits(limits);
                m_server->setWorkerThreads(1);
                m_server->setHandler([this](const HttpRequest &q, const HttpResponderPtr &r) {
                    m_router.dispatch(q, r);
                });
                m_server->setHeadGuard(
                    [this](const HttpRequest &head) { return m_router.checkHead(head); });
                listening = m_server->listen(QHostAddress::LocalHost, 0);
            },
            Qt::BlockingQueuedConnection);
        QVERIFY(listening);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_thread.start();
        m_home = new QObject;
        m_home->moveToThread(&m_thread);
    }
    void cleanupTestCase()
    {
        QMetaObject::invokeMethod(
            m_home, [this] { delete m_home; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    void init() { m_router = HttpRouter(); }
    void cleanup()
    {
        QMetaObject::invokeMethod(
            m_home,
            [this] {
                delete m_server;
                m_server = nullptr;
                m_held.reset();
            },
            Qt::BlockingQueuedConnection);
    }

    void connectionCloseAnswerReachesASlowReader()
    {
        // 8 MB answered with "Connection: close" to a client that starts reading only after a
        // pause longer than the old 2 s abort: the whole answer must arrive.
        const QByteArray payload(8 * 1024 * 1024, 'p');
        m_router.add("GET", QStringLiteral("/big"),
                     [payload](const HttpRequest &, const HttpResponderPtr &r) {
                         r->send(200, payload, "application/octet-stream");
                     });
        startServer({});
        RawClient client(m_server->serverPort());
        QVERIFY(client.connected());
        QVERIFY(client.send("GET /big HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        std::this_thread::sleep_for(std::chrono::milliseconds(3000));
        QByteArray got;
        // Read slowly: 64 KiB at a time with short pauses at first.
        for (int i = 0; i < 20; ++i) {
            got += client.readToEnd(5000, got.size() + 64 * 1024);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        got += client.readToEnd(10000);
        QVERIFY2(got.startsWith("HTTP/1.1 200"), got.left(200).constData());
        QVERIFY(got.contains("Connection: close\r\n"));
        QCOMPARE(bodySize(got), payload.size());
    }

    void backedUpResponderResumesWhenTheClientReads()
    {
        std::atomic<bool> backedUp{false};
        std::atomic<int> writableCalls{0};
        std::atomic<qint64> written{0};
        const qint64 total = 16 * 1024 * 1024;
        m_router.add("GET", QStringLiteral("/stream"),
                     [&](const HttpRequest &, const HttpResponderPtr &r) {
                         m_held = r;
                         r->beginChunked(200, {{"Content-Type", "application/octet-stream"}});
                         // Produce until backed up, then only when told the client took some.
                         auto produce = std::make_shared<std::function<void()>>();
                         std::weak_ptr<HttpResponder> weak = r;
                         *produce = [&, weak, total] {
                             auto responder = weak.lock();
                             if (!responder)
                                 return;
                             while (written.load() < total) {
                                 if (responder->isBackedUp()) {
                                     backedUp = true;
                                     return; // the writable handler calls again
                                 }
                                 const QByteArray piece(64 * 1024, 's');
                                 responder->writeChunk(piece);
                                 written += piece.size();
                             }
                             responder->endChunked();
                         };
                         r->setWritableHandler([&, produce] {
                             ++writableCalls;
                             (*produce)();
                         });
                         (*produce)();
                     });
        HttpServerLimits limits;
        limits.clientBufferLimit = 256 * 1024;
        startServer(limits);
        RawClient client(m_server->serverPort(), 16 * 1024);
        QVERIFY(client.send("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        QTRY_VERIFY_WITH_TIMEOUT(backedUp.load(), 10000);
        // Backed up: it holds back instead of queueing everything.
        QVERIFY(written.load() < total);
        const QByteArray got = client.readToEnd(10000);
        QVERIFY2(got.endsWith("0\r\n\r\n"),
                 qPrintable(QStringLiteral("%1 bytes, %2 written, %3 writable calls: %4")
                                .arg(got.size())
                                .arg(written.load())
                                .arg(writableCalls.load())
                                .arg(QString::fromLatin1(got.right(20).toPercentEncoding()))));
        QVERIFY(writableCalls.load() > 0);
        QCOMPARE(written.load(), total);
    }

    void clientThatReadsNothingIsDroppedAfterTheWriteTimeout()
    {
        std::atomic<bool> disconnected{false};
        m_router.add("GET", QStringLiteral("/stream"),
                     [&](const HttpRequest &, const HttpResponderPtr &r) {
                         m_held = r;
                         r->setDisconnectHandler([&] { disconnected = true; });
                         r->beginChunked(200, {});
                         // Far more than the kernel buffers hold; none of it is read.
                         for (int i = 0; i < 128; ++i)
                             r->writeChunk(QByteArray(64 * 1024, 'n'));
                     });
        HttpServerLimits limits;
        limits.clientWriteTimeoutMs = 1000;
        startServer(limits);
        RawClient client(m_server->serverPort(), 16 * 1024);
        QVERIFY(client.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n"));
        QTRY_VERIFY_WITH_TIMEOUT(disconnected.load(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->connectionCount(), 0, 5000);
    }

    void guardAnswersBeforeTheBodyAndKeepsTheConnectionWithoutOne()
    {
        std::atomic<int> handled{0};
        HttpRouteOptions options;
        options.guard = [](const HttpRequest &head) -> std::optional<HttpGuardRefusal> {
            if (head.header("x-key") == "good")
                return std::nullopt;
            HttpGuardRefusal refusal;
            refusal.status = 401;
            refusal.body = R"({"error":{"type":"authentication_error","message":"no"}})";
            return refusal;
        };
        m_router.addRoute(
            "POST", QStringLiteral("/guarded/{id}"),
            [&](const HttpRequest &q, const HttpResponderPtr &r) {
                ++handled;
                r->send(200, q.body, "text/plain");
            },
            options);
        m_router.add("GET", QStringLiteral("/open"),
                     [](const HttpRequest &q, const HttpResponderPtr &r) {
                         r->send(200, q.routeName.toUtf8(), "text/plain");
                     });
        startServer({});

        // A declared body that is never sent: the refusal comes anyway, and the connection ends.
        RawClient refused(m_server->serverPort());
        QVERIFY(refused.send("POST /guarded/1 HTTP/1.1\r\nHost: x\r\nContent-Length: 30000000\r\n"
                             "\r\n"));
        const QByteArray answer = refused.readToEnd(10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 401"), answer.constData());
        QVERIFY(answer.contains("Connection: close"));

        // Without a body the connection carries the next request.
        RawClient keep(m_server->serverPort());
        QVERIFY(keep.send("POST /guarded/2 HTTP/1.1\r\nHost: x\r\n\r\n"
                          "GET /open HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        const QByteArray both = keep.readToEnd(10000);
        QVERIFY2(both.startsWith("HTTP/1.1 401") && both.contains("HTTP/1.1 200"),
                 both.constData());
        QVERIFY(both.endsWith("/open"));

        RawClient good(m_server->serverPort());
        QVERIFY(good.send("POST /guarded/3 HTTP/1.1\r\nHost: x\r\nx-key: good\r\nContent-Length: 2"
                          "\r\nConnection: close\r\n\r\nok"));
        QVERIFY(good.readToEnd(10000).endsWith("\r\n\r\nok"));
        QCOMPARE(handled.load(), 1);
    }

    void bodyBudgetIsSharedByAllConnections()
    {
        HttpServerLimits limits;
        limits.maxInflightBodyBytes = 3 * 1024 * 1024;
        m_router.add("POST", QStringLiteral("/upload"),
                     [](const HttpRequest &q, const HttpResponderPtr &r) {
                         r->send(200, QByteArray::number(q.body.size()), "text/plain");
                     });
        startServer(limits);
        const QByteArray head = "POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                "Content-Length: 2097152\r\nConnection: close\r\n\r\n";
        RawClient first(m_server->serverPort());
        QVERIFY(first.send(head));
        QVERIFY(first.readToEnd(10000, 25).startsWith("HTTP/1.1 100 Continue"));
        // 2 MiB held by the first upload: a second one does not fit in 3 MiB.
        RawClient second(m_server->serverPort());
        QVERIFY(second.send(head));
        const QByteArray refused = second.readToEnd(10000);
        QVERIFY2(refused.startsWith("HTTP/1.1 503"), refused.constData());
        QVERIFY(refused.contains("Retry-After: 1"));
        QCOMPARE(m_server->inflightBodyBytes(), qint64(2097152));
        // The first completes, and its share is given back.
        QVERIFY(first.send(QByteArray(2097152, 'u')));
        QVERIFY(first.readToEnd(10000).endsWith("2097152"));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->inflightBodyBytes(), qint64(0), 5000);
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "TestHttpServer.moc"
