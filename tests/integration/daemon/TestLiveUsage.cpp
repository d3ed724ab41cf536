// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/usage/live: the Server-Sent Events feed of completed calls, through the real daemon
// and the mock upstream.
#include "RelayFixture.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

namespace {

// A raw GET that keeps reading the event stream.
class SseClient
{
public:
    bool open(const QString &baseUrl, const QByteArray &token)
    {
        const QUrl url(baseUrl);
        m_socket.connectToHost(url.host(), quint16(url.port()));
        if (!m_socket.waitForConnected(5000))
            return false;
        m_socket.write("GET /api/usage/live HTTP/1.1\r\nHost: " + url.host().toUtf8() +
                       "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token +
                       "\r\n\r\n");
        return waitFor("\r\n\r\n", 10000);
    }
    // Reads until `needle` is in what arrived so far.
    bool waitFor(const QByteArray &needle, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        // Data may have arrived while another client ran the event loop.
        m_data += m_socket.readAll();
        while (!m_data.contains(needle)) {
            if (timer.elapsed() > timeoutMs)
                return false;
            if (m_socket.waitForReadyRead(50))
                m_data += m_socket.readAll();
            else if (m_socket.state() != QAbstractSocket::ConnectedState)
                return m_data.contains(needle);
        }
        return true;
    }
    int status() const { return m_data.mid(9, 3).toInt(); }
    QByteArray data() const { return m_data; }

private:
    QTcpSocket m_socket;
    QByteArray m_data;
};

} // namespace

class TestLiveUsage : public QObject
{
    Q_OBJECT
    std::unique_ptr<RelayFixture> m_f;

private slots:
    void initTestCase()
    {
        m_f = std::make_unique<RelayFixture>();
        QString error;
        bool skip = false;
        QVERIFY2(m_f->setUp(QStringLiteral("sqlite"), &error, &skip), qPrintable(error));
    }

    void relayedCallAppearsOnTheStream()
    {
        SseClient sse;
        QVERIFY(sse.open(m_f->daemon().baseUrl(), m_f->admin().bearerToken()));
        QCOMPARE(sse.status(), 200);
        QVERIFY(sse.data().toLower().contains("content-type: text/event-stream"));
        QVERIFY(sse.waitFor(": connected", 5000));

        TestHttpClient client(m_f->daemon().baseUrl());
        const auto reply =
            client.post(QStringLiteral("/v1/messages"),
                        RelayFixture::anthropicBody(QStringLiteral("live feed"), false,
                                                    QStringLiteral("claude-haiku-4-5")),
                        {{"x-api-key", m_f->key()}, {"anthropic-version", "2023-06-01"}});
        QCOMPARE(reply.status, 200);
        QElapsedTimer sinceAnswer;
        sinceAnswer.start();
        // The event is published when the call is recorded, before the database write.
        QVERIFY2(sse.waitFor("\"model\":\"claude-haiku-4-5\"", 1000),
                 sse.data().right(400).constData());
        qInfo("live event %lld ms after the relayed answer", sinceAnswer.elapsed());

        const QByteArray data = sse.data();
        const qsizetype at = data.indexOf("data: {");
        QVERIFY(at > 0);
        const QByteArray line = data.mid(at + 6, data.indexOf('\n', at) - at - 6);
        const QJsonObject row = QJsonDocument::fromJson(line).object();
        QCOMPARE(row.value(QLatin1String("status")).toInt(), 200);
        QCOMPARE(row.value(QLatin1String("keyId")).toInteger(), m_f->keyId());
        QVERIFY(!row.value(QLatin1String("requestId")).toString().isEmpty());
        // The personal key never appears in the feed.
        QVERIFY(!data.contains(m_f->key()));
    }

    void summaryByMinute()
    {
        // The dashboard's requests per minute: recent minutes, bounded to a day.
        m_f->waitForUsage(1);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const auto reply = m_f->admin().get(
            QStringLiteral("/api/usage/summary?groupBy=minute&from=%1").arg(now - 3600 * 1000));
        QCOMPARE(reply.status, 200);
        const QJsonArray items = reply.json().value(QLatin1String("items")).toArray();
        QVERIFY(!items.isEmpty());
        qint64 requests = 0;
        for (const QJsonValue &v : items) {
            const QString group = v.toObject().value(QLatin1String("group")).toString();
            const QDateTime minute = QDateTime::fromString(group, Qt::ISODate);
            QVERIFY2(minute.isValid() && minute.time().second() == 0, qPrintable(group));
            QVERIFY(minute.toMSecsSinceEpoch() >= (now - 3600 * 1000) / 60000 * 60000);
            requests += v.toObject().value(QLatin1String("requests")).toInteger();
        }
        QCOMPARE(requests, reply.json()
                               .value(QLatin1String("totals"))
                               .toObject()
                               .value(QLatin1String("requests"))
                               .toInteger());
        QVERIFY(requests >= 1);

        QCOMPARE(m_f->admin().get(QStringLiteral("/api/usage/summary?groupBy=minute")).status, 400);
        QCOMPARE(m_f->admin()
                     .get(QStringLiteral("/api/usage/summary?groupBy=minute&from=2026-01-01&to="
                                         "2026-01-03"))
                     .status,
                 400);
    }

    void memberTokenIsRefused()
    {
        const QString email = QStringLiteral("member-live@test.local");
        const QString password = QStringLiteral("member-password-123");
        const auto created =
            m_f->admin().post(QStringLiteral("/api/users"),
                              QJsonObject{{QStringLiteral("email"), email},
                                          {QStringLiteral("password"), password},
                                          {QStringLiteral("role"), QStringLiteral("member")}});
        QCOMPARE(created.status, 201);
        TestHttpClient member(m_f->daemon().baseUrl());
        QString error;
        QVERIFY2(member.loginAsAdmin(email, password, &error), qPrintable(error));
        const auto reply = member.get(QStringLiteral("/api/usage/live"));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.value(QStringLiteral("error.type")).toString(),
                 QStringLiteral("permission_error"));

        TestHttpClient anonymous(m_f->daemon().baseUrl());
        QCOMPARE(anonymous.get(QStringLiteral("/api/usage/live")).status, 401);
    }
};

QTEST_GUILESS_MAIN(TestLiveUsage)
#include "TestLiveUsage.moc"
