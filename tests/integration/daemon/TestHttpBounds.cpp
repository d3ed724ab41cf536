// SPDX-License-Identifier: GPL-3.0-or-later
// The daemon's HTTP server under clients that push too much: its memory stays bounded, bodies
// without credentials are never read, one address cannot take every connection, and /metrics
// does not grow with the paths clients invent.
#include "RelayFixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

qint64 rssKiB(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// A plain POSIX client: the test decides exactly what is sent and when.
class Raw
{
public:
    explicit Raw(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        m_ok = ::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) == 0;
    }
    ~Raw() { ::close(m_fd); }
    Raw(const Raw &) = delete;
    Raw &operator=(const Raw &) = delete;

    bool ok() const { return m_ok; }
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
    // Sends filler without blocking for at most `forMs`, up to `limit` bytes; returns how much
    // the daemon's side accepted. `sample` runs between writes.
    qint64 push(qint64 limit, int forMs, const std::function<void()> &sample)
    {
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
        const QByteArray filler(64 * 1024, 'x');
        qint64 pushed = 0;
        QElapsedTimer t;
        t.start();
        while (pushed < limit && t.elapsed() < forMs) {
            const ssize_t n = ::send(m_fd, filler.constData(), filler.size(), MSG_NOSIGNAL);
            if (n > 0) {
                pushed += n;
            } else {
                pollfd p{m_fd, POLLOUT, 0};
                ::poll(&p, 1, 50);
            }
            sample();
        }
        ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) & ~O_NONBLOCK);
        return pushed;
    }
    // Reads until `needle` arrived, the peer closed, or `timeoutMs` passed without a byte.
    QByteArray readUntil(const QByteArray &needle, int timeoutMs = 15000)
    {
        QByteArray out;
        char buf[16384];
        while (needle.isEmpty() || !out.contains(needle)) {
            pollfd p{m_fd, POLLIN, 0};
            if (::poll(&p, 1, timeoutMs) <= 0)
                break;
            const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
            if (n <= 0)
                break;
            out.append(buf, n);
        }
        return out;
    }

private:
    int m_fd = -1;
    bool m_ok = false;
};

QByteArray messagesBody(const QString &text)
{
    return QJsonDocument(RelayFixture::anthropicBody(text)).toJson(QJsonDocument::Compact);
}

int countSeries(const QByteArray &metrics)
{
    int n = 0;
    for (const QByteArray &line : metrics.split('\n')) {
        if (line.startsWith("aicarpool_requests_total{"))
            ++n;
    }
    return n;
}

} // namespace

class TestHttpBounds final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;

    quint16 port() { return m_f->daemon().port(); }

private Q_SLOTS:
    void initTestCase()
    {
        m_f = std::make_unique<RelayFixture>();
        QString error;
        bool skip = false;
        if (!m_f->setUp(QStringLiteral("sqlite"), &error, &skip, {}))
            QFAIL(qPrintable(error));
    }

    void cleanupTestCase() { m_f.reset(); }

    void bytesPushedBehindABusyRequestStayOutOfTheDaemon()
    {
        // Warm up so the baseline includes a served relay call.
        TestHttpClient client(m_f->daemon().baseUrl());
        QCOMPARE(client
                     .post(QStringLiteral("/v1/messages"), RelayFixture::anthropicBody("warm"),
                           {{"x-api-key", m_f->key()}})
                     .status,
                 200);
        const qint64 pid = m_f->daemon().pid();
        const qint64 before = rssKiB(pid);
        QVERIFY(before > 0);

        Raw c(port());
        QVERIFY(c.ok());
        const QByteArray body = messagesBody(QStringLiteral("busy mock:delay=4000"));
        QVERIFY(c.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       "x-api-key: " +
                       m_f->key() + "\r\nContent-Length: " + QByteArray::number(body.size()) +
                       "\r\n\r\n" + body));
        // While the upstream takes its time, the client pushes up to 200 MB more.
        qint64 peak = before;
        const qint64 pushed =
            c.push(200LL * 1024 * 1024, 3000, [&] { peak = qMax(peak, rssKiB(pid)); });
        peak = qMax(peak, rssKiB(pid));
        qInfo("pushed %lld bytes behind a busy request; daemon RSS %lld KiB before, %lld KiB peak",
              pushed, before, peak);
        QVERIFY2(peak - before < 16 * 1024,
                 qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(peak - before)));
        // The busy request is still answered.
        const QByteArray answer = c.readUntil("busy");
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.left(300).constData());
    }

    void bodiesWithoutAKeyAreRefusedBeforeTheyAreSent()
    {
        const qint64 pid = m_f->daemon().pid();
        const qint64 before = rssKiB(pid);
        // 24 connections each declare 31 MiB and send none of it: each is refused at once.
        std::vector<std::unique_ptr<Raw>> clients;
        for (int i = 0; i < 24; ++i) {
            clients.push_back(std::make_unique<Raw>(port()));
            QVERIFY(clients.back()->ok());
            QVERIFY(clients.back()->send(
                "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Content-Length: 32505856\r\n\r\n"));
        }
        for (auto &c : clients) {
            const QByteArray answer = c->readUntil("}}");
            QVERIFY2(answer.startsWith("HTTP/1.1 401"), answer.constData());
            QVERIFY(answer.contains("Connection: close"));
            QVERIFY(answer.contains("authentication_error"));
        }
        // An unknown key is refused the same way; the admin API needs a valid token first.
        Raw wrongKey(port());
        QVERIFY(wrongKey.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: "
                              "Bearer cp-not-a-key\r\nContent-Length: 32505856\r\n\r\n"));
        QVERIFY(wrongKey.readUntil("}}").startsWith("HTTP/1.1 401"));
        Raw admin(port());
        QVERIFY(admin.send("POST /api/keys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer forged"
                           "\r\nContent-Length: 32505856\r\n\r\n"));
        const QByteArray adminAnswer = admin.readUntil("}}");
        QVERIFY2(adminAnswer.startsWith("HTTP/1.1 401"), adminAnswer.constData());
        QVERIFY(adminAnswer.contains("invalid or expired"));
        qInfo("daemon RSS %lld KiB before, %lld KiB after 24 refused 31 MiB uploads", before,
              rssKiB(pid));
        QVERIFY(rssKiB(pid) - before < 16 * 1024);
        // Public admin routes still read their body.
        TestHttpClient client(m_f->daemon().baseUrl());
        QVERIFY(client.loginAsAdmin(m_f->daemon()));
    }

    void hugeChunkSizeAfterAFirstByteIsRefused()
    {
        Raw c(port());
        QVERIFY(c.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: " + m_f->key() +
                       "\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n7fffffffffffffff\r\n"));
        const QByteArray answer = c.readUntil("}}");
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        QVERIFY(answer.contains("request_too_large"));
    }

    void controlCharactersInHeaderValuesAreRefused()
    {
        const QByteArray body = messagesBody(QStringLiteral("hi"));
        // A key of its own, so the ledger rows of this test can be counted exactly.
        const QJsonObject created = m_f->createKey();
        const QByteArray key = created.value(QLatin1String("key")).toString().toLatin1();
        const QString byKey =
            QStringLiteral("keyId=%1").arg(created.value(QLatin1String("id")).toInteger());
        QVERIFY(!key.isEmpty());
        for (const QByteArray &header : {QByteArray("anthropic-version: 2023-06-01\rX-Injected: 1"),
                                         QByteArray("anthropic-beta: a\nX-Injected: 1"),
                                         QByteArray("User-Agent: a\x01"
                                                    "b")}) {
            Raw c(port());
            QVERIFY(c.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: " + key + "\r\n" +
                           header + "\r\nContent-Length: " + QByteArray::number(body.size()) +
                           "\r\n\r\n" + body));
            const QByteArray answer = c.readUntil("}}");
            QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
            // Refused by the daemon's parser, not passed on to the upstream.
            QVERIFY2(answer.contains("contains a control character") ||
                         answer.contains("lines must end with CRLF"),
                     answer.constData());
        }
        // The same request without the stray byte works.
        TestHttpClient client(m_f->daemon().baseUrl());
        QCOMPARE(client
                     .post(QStringLiteral("/v1/messages"), body,
                           {{"x-api-key", key}, {"anthropic-version", "2023-06-01"}})
                     .status,
                 200);
        // Only that one was relayed (the ledger is written in order): the refused ones never
        // reached an upstream.
        QCOMPARE(m_f->waitForUsage(1, byKey).size(), qsizetype(1));
    }

    void headersOverTheLimitGet431()
    {
        Raw c(port());
        QVERIFY(c.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(70 * 1024, 'a') +
                       "\r\n\r\n"));
        const QByteArray answer = c.readUntil("}}");
        QVERIFY2(answer.startsWith("HTTP/1.1 431"), answer.left(300).constData());
        QVERIFY(answer.contains("request_header_too_large"));
    }

    void metricsSeriesDoNotGrowWithClientPaths()
    {
        auto metrics = [this] {
            TestHttpClient client(m_f->daemon().baseUrl());
            const auto r = client.get(QStringLiteral("/metrics"));
            return r.status == 200 ? r.body : QByteArray();
        };
        // One of each kind first, so every label that will be used exists.
        auto requestsFor = [](int from, int to) {
            QByteArray out;
            for (int i = from; i < to; ++i) {
                out += i % 2 ? "POST /v1beta/models/m" + QByteArray::number(i) +
                                   ":generateContent HTTP/1.1\r\nHost: x\r\n\r\n"
                             : "GET /nothing/" + QByteArray::number(i) +
                                   " HTTP/1.1\r\nHost: x\r\n\r\n";
            }
            return out;
        };
        {
            Raw c(port());
            QVERIFY(c.send(requestsFor(0, 2) +
                           "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            c.readUntil(QByteArray());
        }
        const QByteArray first = metrics();
        const int seriesBefore = countSeries(first);
        QVERIFY(seriesBefore > 0);
        // 3000 distinct paths, pipelined on one connection.
        Raw c(port());
        QVERIFY(c.send(requestsFor(2, 3002) +
                       "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
        const QByteArray answers = c.readUntil(QByteArray(), 30000);
        QCOMPARE(answers.count("HTTP/1.1 401"), qsizetype(1500));
        QCOMPARE(answers.count("HTTP/1.1 404"), qsizetype(1500));
        const QByteArray after = metrics();
        QCOMPARE(countSeries(after), seriesBefore);
        QVERIFY2(after.contains(
                     "aicarpool_requests_total{endpoint=\"/v1beta/models/{modelAction}\",status="
                     "\"401\"} 1501\n"),
                 after.constData());
        QVERIFY(after.contains("aicarpool_requests_total{endpoint=\"unmatched\",status=\"404\"} "
                               "1501\n"));
        QVERIFY(!after.contains("/nothing/"));
        // Counts are typed as counters, levels as gauges.
        QVERIFY(after.contains("# TYPE aicarpool_http_worker_moves_total counter\n"));
        QVERIFY(after.contains("# TYPE aicarpool_ledger_written_total counter\n"));
        QVERIFY(after.contains("# TYPE aicarpool_ledger_queue_depth gauge\n"));
    }

    void oneAddressCannotHoldEveryConnection()
    {
        DaemonProcess daemon;
        daemon.setEnv(QStringLiteral("AICARPOOL_MAX_CONNECTIONS_PER_ADDRESS"), QStringLiteral("3"));
        QString error;
        QVERIFY2(daemon.start(&error), qPrintable(error));
        // Three kept-alive connections, each proven accepted by an answer.
        std::vector<std::unique_ptr<Raw>> held;
        for (int i = 0; i < 3; ++i) {
            held.push_back(std::make_unique<Raw>(daemon.port()));
            QVERIFY(held.back()->send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"));
            QVERIFY(held.back()->readUntil("}").startsWith("HTTP/1.1 200"));
        }
        Raw fourth(daemon.port());
        const QByteArray refused = fourth.readUntil("}}");
        QVERIFY2(refused.startsWith("HTTP/1.1 503"), refused.constData());
        QVERIFY(refused.contains("from your address"));
        QVERIFY(refused.contains("Retry-After: 1"));
        // Once one is closed there is room again.
        held.pop_back();
        QByteArray answer;
        QElapsedTimer t;
        t.start();
        while (!answer.startsWith("HTTP/1.1 200") && t.elapsed() < 15000) {
            Raw again(daemon.port());
            again.send("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            answer = again.readUntil(QByteArray(), 5000);
        }
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    }
};

QTEST_GUILESS_MAIN(TestHttpBounds)
#include "TestHttpBounds.moc"
