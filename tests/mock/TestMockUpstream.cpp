// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the mock upstream binary and checks the behaviour the integration and e2e tests rely on.
#include "MockUpstreamProcess.h"
#include "TestHttpClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <memory>
#include <vector>

class TestMockUpstream : public QObject
{
    Q_OBJECT

private:
    MockUpstreamProcess m_mock;

    static QByteArray anthropicBody(const QString &text, bool stream)
    {
        return QJsonDocument(QJsonObject{{"model", "claude-test"},
                                         {"max_tokens", 64},
                                         {"stream", stream},
                                         {"messages", QJsonArray{QJsonObject{{"role", "user"},
                                                                             {"content", text}}}}})
            .toJson(QJsonDocument::Compact);
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_mock.start(&error), qPrintable(error));
        QVERIFY(m_mock.baseUrl().startsWith("http://127.0.0.1:"));
        QVERIFY(m_mock.port() > 0);
    }

    void recordsRequests()
    {
        m_mock.clearRequests();
        TestHttpClient client(m_mock.baseUrl());
        const auto r = client.post("/v1/messages", anthropicBody("hello there", false),
                                   {{"x-api-key", "sk-test"}, {"anthropic-version", "2023-06-01"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value("content.0.text").toString(),
                 QStringLiteral("Hello from mock-anthropic: hello there"));
        QCOMPARE(r.value("usage.input_tokens").toInt(), 2);
        const QJsonArray requests = m_mock.requests();
        QCOMPARE(requests.size(), 1);
        const QJsonObject rec = requests.at(0).toObject();
        QCOMPARE(rec["method"].toString(), QStringLiteral("POST"));
        QCOMPARE(rec["path"].toString(), QStringLiteral("/v1/messages"));
        QCOMPARE(rec["headers"].toObject().value("x-api-key").toString(),
                 QStringLiteral("sk-test"));
        QCOMPARE(rec["headers"].toObject().value("anthropic-version").toString(),
                 QStringLiteral("2023-06-01"));
        QVERIFY(rec["body"].toString().contains("hello there"));
        m_mock.clearRequests();
        QCOMPARE(m_mock.requests().size(), 0);
    }

    void authAndInjectedFailures()
    {
        TestHttpClient client(m_mock.baseUrl());
        const auto noKey = client.post("/v1/chat/completions", anthropicBody("x", false));
        QCOMPARE(noKey.status, 401);
        QVERIFY(noKey.json().value("error").toObject().contains("code"));
        const auto bad =
            client.post("/v1/messages", anthropicBody("x", false), {{"x-api-key", "bad-key"}});
        QCOMPARE(bad.status, 401);
        QCOMPARE(bad.value("error.type").toString(), QStringLiteral("authentication_error"));

        m_mock.failNext(2, 503);
        for (int expected : {503, 503, 200}) {
            const auto r = client.post("/v1/messages", anthropicBody("x", false),
                                       {{"Authorization", "Bearer ok"}});
            QCOMPARE(r.status, expected);
        }
        const auto limited = client.post("/v1/messages", anthropicBody("x mock:status=429", false),
                                         {{"x-api-key", "ok"}});
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("retry-after"), QByteArray("2"));
        QCOMPARE(limited.value("error.type").toString(), QStringLiteral("rate_limit_error"));
    }

    void gzipOnlyWhenAccepted()
    {
        TestHttpClient client(m_mock.baseUrl());
        const auto gz = client.post("/v1/messages", anthropicBody("zip mock:gzip", false),
                                    {{"x-api-key", "ok"}, {"Accept-Encoding", "gzip"}});
        QCOMPARE(gz.status, 200);
        QCOMPARE(gz.header("content-encoding"), QByteArray("gzip"));
        QVERIFY(gz.body.startsWith("\x1f\x8b"));
        const auto plain = client.post("/v1/messages", anthropicBody("zip mock:gzip", false),
                                       {{"x-api-key", "ok"}});
        QCOMPARE(plain.header("content-encoding"), QByteArray());
        QVERIFY(plain.json().contains("usage"));
    }

    void cutStreamEndsWithoutTerminator()
    {
        TestHttpClient client(m_mock.baseUrl());
        const auto full =
            client.post("/v1/messages", anthropicBody("s", true), {{"x-api-key", "ok"}});
        QCOMPARE(full.status, 200);
        QVERIFY(full.header("content-type").startsWith("text/event-stream"));
        QVERIFY(full.body.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
        // Raw socket: the body must stop without the terminating zero-size chunk.
        const QByteArray body = anthropicBody("s mock:cut=3", true);
        QTcpSocket socket;
        socket.connectToHost(QUrl(m_mock.baseUrl()).host(), quint16(m_mock.port()));
        socket.write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: ok\r\n"
                     "Content-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QByteArray received;
        QTRY_VERIFY_WITH_TIMEOUT(
            (received += socket.readAll(), socket.state() == QAbstractSocket::UnconnectedState),
            5000);
        received += socket.readAll();
        QVERIFY(received.startsWith("HTTP/1.1 200"));
        QVERIFY(received.contains("Transfer-Encoding: chunked"));
        QCOMPARE(received.count("event: "), 3);
        QVERIFY(!received.contains("message_stop"));
        QVERIFY(!received.endsWith("0\r\n\r\n"));
    }

    void delaysOverlapInsteadOfQueueing()
    {
        m_mock.resetStats();
        const QUrl url(m_mock.baseUrl());
        const int n = 40;
        const QByteArray body = anthropicBody("wait mock:delay=400 mock:interval=20", true);
        const QByteArray request = "POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: ok\r\n"
                                   "Content-Type: application/json\r\nConnection: close\r\n"
                                   "Content-Length: " +
                                   QByteArray::number(body.size()) + "\r\n\r\n" + body;
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < n; ++i) {
            sockets.push_back(std::make_unique<QTcpSocket>());
            sockets.back()->connectToHost(url.host(), quint16(url.port()));
            sockets.back()->write(request);
        }
        int done = 0;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     done = 0;
                                     for (auto &s : sockets)
                                         done += s->state() == QAbstractSocket::UnconnectedState;
                                     return done == n;
                                 }()),
                                 10000);
        const qint64 elapsed = timer.elapsed();
        for (auto &s : sockets)
            QVERIFY(s->readAll().contains("event: message_stop"));
        QVERIFY2(elapsed < 2500, qPrintable(QString::number(elapsed)));
        QVERIFY2(elapsed >= 400, qPrintable(QString::number(elapsed)));
        const QJsonObject stats = m_mock.stats();
        QCOMPARE(stats["maxInFlight"].toInt(), n);
        QCOMPARE(stats["inFlight"].toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMockUpstream)
#include "TestMockUpstream.moc"
