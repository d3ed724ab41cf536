// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile and sloppy clients against the real daemon: each gets a clear answer and the daemon
// keeps serving everyone else.
#include "RelayFixture.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

namespace {

// Reads until `needle` arrives or the peer closes; returns what arrived.
QByteArray readUntil(QTcpSocket &s, const QByteArray &needle, int timeoutMs)
{
    QByteArray got;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs && !(needle.size() && got.contains(needle))) {
        if (s.waitForReadyRead(50))
            got += s.readAll();
        else if (s.state() != QAbstractSocket::ConnectedState)
            break;
    }
    got += s.readAll();
    return got;
}

bool waitClosed(QTcpSocket &s, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        if (s.state() == QAbstractSocket::UnconnectedState)
            return true;
        s.waitForReadyRead(50);
        s.readAll();
    }
    return s.state() == QAbstractSocket::UnconnectedState;
}

} // namespace

class TestHttpHardening final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;

    bool connect(QTcpSocket &s)
    {
        s.connectToHost(QStringLiteral("127.0.0.1"), m_f->daemon().port());
        return s.waitForConnected(3000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_f = std::make_unique<RelayFixture>();
        QString error;
        bool skip = false;
        // Short timeouts and a small cap so the limits can be reached quickly.
        if (!m_f->setUp(QStringLiteral("sqlite"), &error, &skip, {}))
            QFAIL(qPrintable(error));
    }

    void cleanupTestCase() { m_f.reset(); }

    void wrongMethodIs405AndUnknownIs404()
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        const auto r = client.get(QStringLiteral("/v1/messages"));
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("allow"), QByteArray("POST"));
        QCOMPARE(r.value(QStringLiteral("error.type")).toString(),
                 QStringLiteral("method_not_allowed"));
        const auto n = client.get(QStringLiteral("/v2/nothing"));
        QCOMPARE(n.status, 404);
        QCOMPARE(n.value(QStringLiteral("error.type")).toString(), QStringLiteral("not_found"));
    }

    void oversizedBodyIsRefusedBeforeItIsSent()
    {
        QTcpSocket s;
        QVERIFY(connect(s));
        // 100 MB declared, nothing sent: the answer must not wait for the body.
        s.write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "x-api-key: " +
                m_f->key() + "\r\nContent-Length: 104857600\r\n\r\n");
        const QByteArray answer = readUntil(s, "}}", 5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        QVERIFY(answer.contains("request_too_large"));
        QVERIFY(waitClosed(s, 5000));
    }

    void expectContinueIsAnsweredAtOnce()
    {
        QTcpSocket s;
        QVERIFY(connect(s));
        const QByteArray body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":"
                                "[{\"role\":\"user\",\"content\":\"hi\"}]}";
        s.write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "x-api-key: " +
                m_f->key() + "\r\nExpect: 100-continue\r\nContent-Length: " +
                QByteArray::number(body.size()) + "\r\n\r\n");
        // The body is only sent after the interim answer, so the test waits for that event
        // (and fails on the generous timeout if the daemon waits for the body instead).
        const QByteArray interim = readUntil(s, "\r\n\r\n", 30000);
        QVERIFY2(interim.startsWith("HTTP/1.1 100 Continue\r\n\r\n"), interim.constData());
        s.write(body);
        const QByteArray answer = readUntil(s, "}}", 5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
    }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        QTcpSocket s;
        QVERIFY(connect(s));
        const QByteArray slow =
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
            "\"content\":\"first mock:delay=300\"}]}";
        s.write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: " + m_f->key() +
                "\r\nContent-Length: " + QByteArray::number(slow.size()) + "\r\n\r\n" + slow +
                "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        const QByteArray answer = readUntil(s, QByteArray(), 5000);
        const qsizetype first = answer.indexOf("first");
        const qsizetype second = answer.indexOf("{\"status\":\"ok\"}");
        QVERIFY2(first > 0 && second > first, answer.constData());
        QCOMPARE(answer.count("HTTP/1.1 200"), 2);
    }

    // The framing of answers, byte by byte: a HEAD answer has the GET answer's Content-Length
    // and no body, HTTP/1.0 keep-alive is confirmed in the answer, and a close is announced.
    void answerHeadsAreFramedForEachKindOfRequest()
    {
        QTcpSocket s;
        QVERIFY(connect(s));
        s.write("HEAD /health/live HTTP/1.1\r\nHost: x\r\n\r\n"
                "GET /health/live HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        const QByteArray all = readUntil(s, QByteArray(), 10000);
        QVERIFY(waitClosed(s, 5000));
        struct Answer
        {
            QByteArray head;
            QByteArray body;
        };
        QList<Answer> answers;
        qsizetype at = 0;
        for (bool head : {true, false, false}) {
            const qsizetype end = all.indexOf("\r\n\r\n", at);
            QVERIFY2(end > at, all.constData());
            Answer a;
            a.head = all.mid(at, end + 4 - at);
            const qsizetype cl = a.head.indexOf("\r\nContent-Length: ");
            QVERIFY2(cl > 0, a.head.constData());
            const qsizetype length =
                a.head.mid(cl + 18, a.head.indexOf("\r\n", cl + 2) - cl - 18).toLongLong();
            QVERIFY(length > 0);
            at = end + 4 + (head ? 0 : length);
            a.body = all.mid(end + 4, head ? 0 : length);
            QCOMPARE(a.body.size(), head ? 0 : length);
            answers.append(a);
        }
        QCOMPARE(at, all.size()); // nothing else: the HEAD answer carried no body
        QVERIFY(answers[0].head.startsWith("HTTP/1.1 200 OK\r\nDate: "));
        QVERIFY(answers[0].head.contains("\r\nServer: aicarpoold\r\n"));
        QVERIFY(answers[0].head.contains("\r\nContent-Type: application/json\r\n"));
        QVERIFY(!answers[0].head.contains("Connection:"));
        QVERIFY2(answers[1].head.contains("\r\nConnection: keep-alive\r\n"),
                 answers[1].head.constData());
        QVERIFY2(answers[2].head.contains("\r\nConnection: close\r\n"),
                 answers[2].head.constData());
        QCOMPARE(answers[1].body, answers[2].body);
        QVERIFY(answers[2].body.startsWith('{'));
        // Every field line ends with CRLF and the head with one empty line.
        for (const Answer &a : answers)
            QCOMPARE(a.head.count("\r\n\r\n"), 1);
    }

    void pipelinedCallsRefusedAtOnceAreAllAnsweredInOrder()
    {
        // Each call is refused without an upstream (no account serves its model), so each
        // answer lets the next pipelined request in, which ends and records at once: the
        // records of one pass of the event loop are written together, their answers after.
        QCOMPARE(m_f->setAnthropicModels({QStringLiteral("claude-sonnet-4-5")}), 200);
        TestHttpClient client(m_f->daemon().baseUrl());
        const QByteArray probe = "{\"model\":\"no-such-model-0\",\"max_tokens\":10,"
                                 "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        QTRY_COMPARE_WITH_TIMEOUT(
            client
                .post(QStringLiteral("/v1/messages"), probe,
                      {{"x-api-key", m_f->key()}, {"content-type", "application/json"}})
                .status,
            404, 5000);
        QTcpSocket s;
        QVERIFY(connect(s));
        QByteArray pipeline;
        for (int i = 1; i <= 5; ++i) {
            const QByteArray body = "{\"model\":\"no-such-model-" + QByteArray::number(i) +
                                    "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                                    "\"content\":\"hi\"}]}";
            pipeline += "POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: " + m_f->key() +
                        "\r\nContent-Type: application/json\r\nContent-Length: " +
                        QByteArray::number(body.size()) + "\r\n\r\n" + body;
        }
        pipeline += "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
        s.write(pipeline);
        const QByteArray answer = readUntil(s, QByteArray(), 10000);
        QCOMPARE(answer.count("HTTP/1.1 404"), 5);
        qsizetype at = 0;
        for (int i = 1; i <= 5; ++i) {
            const qsizetype next = answer.indexOf("no-such-model-" + QByteArray::number(i), at);
            QVERIFY2(next > at, answer.constData());
            at = next;
        }
        QVERIFY2(answer.indexOf("{\"status\":\"ok\"}", at) > at, answer.constData());
        // The account serves every model again for the tests after this one.
        QCOMPARE(m_f->setAnthropicModels({}), 200);
    }

    void malformedRequestsGet400()
    {
        for (const QByteArray &raw :
             {QByteArray("GARBAGE\r\n\r\n"), QByteArray("GET / HTTP/9.9\r\n\r\n"),
              QByteArray("GET /health HTTP/1.1\r\nBad Header\r\n\r\n"),
              QByteArray("POST /v1/messages HTTP/1.1\r\nContent-Length: -5\r\n\r\n")}) {
            QTcpSocket s;
            QVERIFY(connect(s));
            s.write(raw);
            const QByteArray answer = readUntil(s, "}}", 3000);
            QVERIFY2(answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.1 505"),
                     answer.constData());
            QVERIFY(waitClosed(s, 3000));
        }
        TestHttpClient client(m_f->daemon().baseUrl());
        QCOMPARE(client.get(QStringLiteral("/health")).status, 200);
    }

    void slowAndIdleClientsAreDisconnected()
    {
        // A daemon with one-second limits and room for three connections.
        DaemonProcess daemon;
        daemon.setEnv(QStringLiteral("AICARPOOL_IDLE_TIMEOUT"), QStringLiteral("1"));
        daemon.setEnv(QStringLiteral("AICARPOOL_REQUEST_TIMEOUT"), QStringLiteral("1"));
        daemon.setEnv(QStringLiteral("AICARPOOL_MAX_CONNECTIONS"), QStringLiteral("3"));
        QString error;
        QVERIFY2(daemon.start(&error), qPrintable(error));

        QTcpSocket idle;
        idle.connectToHost(QStringLiteral("127.0.0.1"), daemon.port());
        QVERIFY(idle.waitForConnected(3000));
        QTcpSocket slow;
        slow.connectToHost(QStringLiteral("127.0.0.1"), daemon.port());
        QVERIFY(slow.waitForConnected(3000));
        slow.write("GET /health HTTP/1.1\r\nHo");
        QTcpSocket third;
        third.connectToHost(QStringLiteral("127.0.0.1"), daemon.port());
        QVERIFY(third.waitForConnected(3000));
        // Over the cap: 503 straight away.
        QTcpSocket fourth;
        fourth.connectToHost(QStringLiteral("127.0.0.1"), daemon.port());
        QVERIFY(fourth.waitForConnected(3000));
        const QByteArray refused = readUntil(fourth, "}}", 3000);
        QVERIFY2(refused.startsWith("HTTP/1.1 503"), refused.constData());

        const QByteArray timedOut = readUntil(slow, "}}", 4000);
        QVERIFY2(timedOut.startsWith("HTTP/1.1 408"), timedOut.constData());
        QVERIFY(waitClosed(slow, 4000));
        QVERIFY(waitClosed(idle, 4000));
        QVERIFY(waitClosed(third, 4000));
        // Room again once they are gone.
        TestHttpClient client(daemon.baseUrl());
        QCOMPARE(client.get(QStringLiteral("/health")).status, 200);
    }

    // The idle timeout counts from the last answer on a keep-alive connection, not from when
    // the connection opened (the idle timer is moved lazily, and must still move).
    void idleTimeoutCountsFromTheLastAnswer()
    {
        DaemonProcess daemon;
        daemon.setEnv(QStringLiteral("AICARPOOL_IDLE_TIMEOUT"), QStringLiteral("2"));
        QString error;
        QVERIFY2(daemon.start(&error), qPrintable(error));

        QTcpSocket s;
        QElapsedTimer opened;
        s.connectToHost(QStringLiteral("127.0.0.1"), daemon.port());
        QVERIFY(s.waitForConnected(3000));
        opened.start();
        const QByteArray request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
        QTest::qWait(1200);
        s.write(request);
        QVERIFY(readUntil(s, "\"version\"", 3000).startsWith("HTTP/1.1 200"));
        const qint64 answeredAt = opened.elapsed();
        // Past the first deadline (2 s after opening), inside the one the answer set.
        QTest::qWait(int(qMax<qint64>(0, 2600 - opened.elapsed())));
        if (opened.elapsed() < answeredAt + 1800) { // else the machine stalled: nothing to learn
            QCOMPARE(s.state(), QAbstractSocket::ConnectedState);
            s.write(request);
            QVERIFY(readUntil(s, "\"version\"", 3000).startsWith("HTTP/1.1 200"));
        }
        // And it does end, idle.
        QVERIFY(waitClosed(s, 6000));
    }
};

QTEST_GUILESS_MAIN(TestHttpHardening)
#include "TestHttpHardening.moc"
