// SPDX-License-Identifier: GPL-3.0-or-later
// A client that stops reading a large stream: the daemon pauses the upstream transfer instead of
// buffering it, and the client gets every byte once it reads again. Passthrough and translated.
#include "RelayFixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QUrl>

class TestRelayBackpressure final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;
    static constexpr int kBulkMiB = 96;
    static constexpr qint64 kFillerBytes = qint64(kBulkMiB) * 1024 * 1024;

    // The daemon's resident memory in KiB, from /proc.
    qint64 daemonRssKiB()
    {
        QFile status(QStringLiteral("/proc/%1/status").arg(m_f->daemon().pid()));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').first().toLongLong();
        }
        return -1;
    }

    qint64 mockStreamBytes() const
    {
        return qint64(m_f->mock().stats().value(QLatin1String("streamBytes")).toDouble());
    }

    // Sends the streamed request, reads nothing until the upstream has stalled (or sent all),
    // then reads everything. Reports the daemon's memory growth while the client was not reading.
    void slowReader(const QByteArray &path, const QJsonObject &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers)
    {
        m_f->mock().resetStats();
        const QUrl base(m_f->daemon().baseUrl());
        // Warm up (first call allocates the thread's upstream client, TLS state, ...).
        {
            StreamCapture warm;
            QJsonObject small = body;
            small.insert(
                QStringLiteral("messages"),
                QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                       {QStringLiteral("content"), QStringLiteral("hi")}}});
            QVERIFY(warm.post(m_f->daemon().baseUrl(), QString::fromLatin1(path),
                              QJsonDocument(small).toJson(QJsonDocument::Compact), headers));
            QCOMPARE(warm.status, 200);
        }
        const qint64 rssBefore = daemonRssKiB();
        QVERIFY(rssBefore > 0);

        QTcpSocket socket;
        socket.setReadBufferSize(64 * 1024); // the test itself reads nothing for now
        socket.connectToHost(base.host(), quint16(base.port()));
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
        QByteArray request =
            "POST " + path + " HTTP/1.1\r\nHost: test\r\nConnection: close\r\n" +
            "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size()) +
            "\r\n";
        for (const auto &h : headers)
            request += h.first + ": " + h.second + "\r\n";
        request += "\r\n" + json;
        socket.write(request);
        QVERIFY(socket.waitForBytesWritten(5000));

        // Wait until the mock's sent bytes stop growing for a while (or reach the end).
        qint64 last = -1;
        int still = 0;
        QElapsedTimer waited;
        waited.start();
        while (still < 6 && waited.elapsed() < 120000) {
            QThread::msleep(500);
            const qint64 now = mockStreamBytes();
            if (now >= kFillerBytes)
                break;
            still = now == last ? still + 1 : 0;
            last = now;
        }
        const qint64 sentWhileStalled = mockStreamBytes();
        const qint64 rssStalled = daemonRssKiB();
        qInfo("daemon RSS %lld KiB before, %lld KiB while the client reads nothing; the upstream "
              "sent %lld of %lld filler bytes",
              rssBefore, rssStalled, sentWhileStalled, kFillerBytes);
        // The upstream waits for the client...
        QVERIFY2(sentWhileStalled < kFillerBytes / 2,
                 qPrintable(QStringLiteral("upstream sent %1 bytes").arg(sentWhileStalled)));
        // ...and the daemon holds a few MB for it, not the stream.
        QVERIFY2(rssStalled - rssBefore < 24 * 1024,
                 qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(rssStalled - rssBefore)));

        // Now read everything: every byte arrives.
        socket.setReadBufferSize(0);
        QByteArray head;
        qint64 fillerSeen = 0;
        QByteArray tail;
        bool inBody = false;
        waited.restart();
        while (waited.elapsed() < 180000) {
            if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(5000) &&
                socket.state() != QAbstractSocket::ConnectedState)
                break;
            QByteArray data = socket.readAll();
            if (!inBody) {
                head += data;
                const qsizetype end = head.indexOf("\r\n\r\n");
                if (end < 0)
                    continue;
                data = head.mid(end + 4);
                head.truncate(end);
                inBody = true;
            }
            fillerSeen += data.count('x');
            tail = (tail + data).right(4096);
        }
        QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
        // Every filler byte, plus the few 'x' of the JSON keys around them ("index", "text").
        const qint64 events = kFillerBytes / (16 * 1024);
        QVERIFY2(fillerSeen >= kFillerBytes && fillerSeen <= kFillerBytes + 3 * events + 1000,
                 qPrintable(QStringLiteral("%1 filler bytes arrived").arg(fillerSeen)));
        QVERIFY2(tail.endsWith("0\r\n\r\n"), tail.right(200).constData());
        QCOMPARE(mockStreamBytes() >= kFillerBytes, true);

        // One ledger row, a success.
        const QJsonArray rows = m_f->waitForUsage(2);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.first().toObject().value(QLatin1String("status")).toInt(), 200);
    }

private Q_SLOTS:
    void init()
    {
        m_f = std::make_unique<RelayFixture>();
        QString error;
        bool skip = false;
        if (!m_f->setUp(QStringLiteral("sqlite"), &error, &skip))
            QFAIL(qPrintable(error));
    }

    void cleanup() { m_f.reset(); }

    void passthroughStreamPausesTheUpstream()
    {
        const QString prompt = QStringLiteral("big mock:bulk=%1").arg(kBulkMiB);
        slowReader("/v1/messages", RelayFixture::anthropicBody(prompt, true),
                   {{"x-api-key", m_f->key()}, {"anthropic-version", "2023-06-01"}});
        if (QTest::currentTestFailed())
            return;
        const QString text = QString::fromUtf8(
            QJsonDocument(m_f->waitForUsage(2).first().toObject()).toJson(QJsonDocument::Compact));
        QVERIFY(text.contains(QLatin1String("\"clientAborted\":false")));
    }

    void translatedStreamPausesTheUpstream()
    {
        // An OpenAI client on the Anthropic account (translated event by event).
        QCOMPARE(m_f->setAnthropicModels({QStringLiteral("claude-sonnet-4-5")}), 200);
        const QString prompt = QStringLiteral("big mock:bulk=%1").arg(kBulkMiB);
        slowReader("/v1/chat/completions",
                   RelayFixture::openaiBody(prompt, true, QStringLiteral("claude-sonnet-4-5")),
                   {{"authorization", "Bearer " + m_f->key()}});
    }
};

QTEST_GUILESS_MAIN(TestRelayBackpressure)
#include "TestRelayBackpressure.moc"
