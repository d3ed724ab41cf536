// SPDX-License-Identifier: GPL-3.0-or-later
// Relay answers a hostile or unlucky client can provoke: model names that would rewrite the
// upstream URL, unreachable and slow upstreams (502/504 without internal details), and the
// native Gemini endpoints (countTokens, error shape) through the daemon.
#include "RelayFixture.h"

#include <QJsonDocument>
#include <QTcpServer>
#include <QTest>

class TestRelaySafety final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;
    qint64 m_geminiId = 0;

    void start(const QHash<QString, QString> &env = {})
    {
        m_f = std::make_unique<RelayFixture>();
        for (auto it = env.cbegin(); it != env.cend(); ++it)
            m_f->setDaemonEnv(it.key(), it.value());
        QString error;
        bool skip = false;
        if (!m_f->setUp(QStringLiteral("sqlite"), &error, &skip))
            QFAIL(qPrintable(error));
    }

    void addGeminiAccount()
    {
        const auto reply = m_f->admin().post(
            QStringLiteral("/api/accounts"),
            QJsonObject{{QStringLiteral("name"), QStringLiteral("gemini-1")},
                        {QStringLiteral("provider"), QStringLiteral("gemini")},
                        {QStringLiteral("baseUrl"), m_f->mock().baseUrl()},
                        {QStringLiteral("apiKey"), QStringLiteral("gm-upstream-secret")}});
        QCOMPARE(reply.status, 201);
        m_geminiId = reply.json().value(QLatin1String("id")).toInteger();
    }

    static QJsonObject geminiBody(const QString &text)
    {
        return QJsonObject{
            {QStringLiteral("contents"),
             QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("parts"),
                                     QJsonArray{QJsonObject{{QStringLiteral("text"), text}}}}}}}};
    }

    TestHttpClient::Headers geminiHeaders() const { return {{"x-goog-api-key", m_f->key()}}; }

    // Paths of the API calls the mock received (introspection excluded).
    QStringList upstreamPaths() const
    {
        QStringList out;
        for (const QJsonValue &v : m_f->mock().requests()) {
            const QJsonObject r = v.toObject();
            QString p = r.value(QLatin1String("path")).toString();
            const QString q = r.value(QLatin1String("query")).toString();
            if (!q.isEmpty())
                p += QLatin1Char('?') + q;
            out.append(p);
        }
        return out;
    }

    // A port on which nothing listens.
    static quint16 closedPort()
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0))
            return 0;
        const quint16 port = server.serverPort();
        server.close();
        return port;
    }

    // Only an Anthropic account at `baseUrl` named `name` serves Anthropic requests.
    void replaceAnthropicAccount(const QString &name, const QString &baseUrl)
    {
        QCOMPARE(m_f->admin()
                     .patch(QStringLiteral("/api/accounts/%1").arg(m_f->anthropicAccountId()),
                            QJsonObject{{QStringLiteral("enabled"), false}})
                     .status,
                 200);
        const auto reply = m_f->admin().post(
            QStringLiteral("/api/accounts"),
            QJsonObject{{QStringLiteral("name"), name},
                        {QStringLiteral("provider"), QStringLiteral("anthropic")},
                        {QStringLiteral("baseUrl"), baseUrl},
                        {QStringLiteral("apiKey"), QStringLiteral("sk-ant-other-0003")}});
        QCOMPARE(reply.status, 201);
    }

private Q_SLOTS:
    void cleanup() { m_f.reset(); }

    void geminiModelNamesCannotRewriteTheUpstreamUrl_data()
    {
        QTest::addColumn<QByteArray>("path");
        // Decoded: model "gemini-2.5-flash:generateContent?alt=sse#", action countTokens: the
        // call would run as generateContent upstream while recorded (and priced) as countTokens.
        QTest::newRow("query and fragment")
            << QByteArray("/v1beta/models/gemini-2.5-flash:generateContent%3Falt=sse%23"
                          ":countTokens");
        // Decoded: model "gemini-2.5-flash:countTokens": another action in the model segment.
        QTest::newRow("encoded colon")
            << QByteArray("/v1beta/models/gemini-2.5-flash%3AcountTokens:generateContent");
        // Decoded: "../../v1/messages": dot segments that leave /v1beta/models.
        QTest::newRow("dot segments")
            << QByteArray("/v1beta/models/..%2F..%2Fv1%2Fmessages:generateContent");
        QTest::newRow("space") << QByteArray("/v1beta/models/gemini%202.5:generateContent");
    }

    void geminiModelNamesCannotRewriteTheUpstreamUrl()
    {
        QFETCH(QByteArray, path);
        start();
        addGeminiAccount();
        m_f->mock().clearRequests();
        TestHttpClient client(m_f->daemon().baseUrl());
        const auto reply = client.post(QString::fromLatin1(path),
                                       geminiBody(QStringLiteral("hello")), geminiHeaders());
        // Refused, and nothing reached the upstream. A decoded '/' never matches the route (the
        // router's 404); everything else is the relay's 400 in the client's (Gemini) format.
        QVERIFY2(reply.status == 400 || reply.status == 404, reply.body.constData());
        if (reply.status == 400) {
            const QJsonObject error = reply.json().value(QLatin1String("error")).toObject();
            QCOMPARE(error.value(QLatin1String("code")).toInt(), 400);
            QCOMPARE(error.value(QLatin1String("status")).toString(),
                     QStringLiteral("INVALID_ARGUMENT"));
            QVERIFY(error.value(QLatin1String("message"))
                        .toString()
                        .contains(QLatin1String("letters, digits")));
        }
        QCOMPARE(upstreamPaths(), QStringList());
    }

    void validGeminiCallsKeepTheirQuery()
    {
        start();
        addGeminiAccount();
        m_f->mock().clearRequests();
        TestHttpClient client(m_f->daemon().baseUrl());
        const auto reply = client.post(
            QStringLiteral("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=") +
                QString::fromLatin1(m_f->key()),
            geminiBody(QStringLiteral("hello stream")), {});
        QCOMPARE(reply.status, 200);
        QCOMPARE(upstreamPaths(),
                 QStringList{QStringLiteral(
                     "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")});
    }

    void geminiCountTokensThroughTheDaemon()
    {
        start();
        addGeminiAccount();
        m_f->mock().clearRequests();
        TestHttpClient client(m_f->daemon().baseUrl());
        const QString text = QStringLiteral("count these five words");
        const auto reply =
            client.post(QStringLiteral("/v1beta/models/gemini-2.5-flash:countTokens"),
                        geminiBody(text), geminiHeaders());
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json().value(QLatin1String("totalTokens")).toInt() > 0);
        QCOMPARE(upstreamPaths(),
                 QStringList{QStringLiteral("/v1beta/models/gemini-2.5-flash:countTokens")});
        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QCOMPARE(row.value(QLatin1String("status")).toInt(), 200);
        QCOMPARE(row.value(QLatin1String("accountId")).toInteger(), m_geminiId);
        QCOMPARE(row.value(QLatin1String("model")).toString(), QStringLiteral("gemini-2.5-flash"));
        QCOMPARE(row.value(QLatin1String("cost")).toDouble(), 0.0);
    }

    void geminiErrorsHaveTheGeminiShape()
    {
        start();
        addGeminiAccount();
        TestHttpClient client(m_f->daemon().baseUrl());
        // From the upstream (passed through).
        auto reply =
            client.post(QStringLiteral("/v1beta/models/gemini-2.5-flash:generateContent"),
                        geminiBody(QStringLiteral("fail mock:status=429")), geminiHeaders());
        QCOMPARE(reply.status, 429);
        QCOMPARE(reply.value(QStringLiteral("error.code")).toInt(), 429);
        QCOMPARE(reply.value(QStringLiteral("error.status")).toString(),
                 QStringLiteral("RESOURCE_EXHAUSTED"));
        // From the daemon itself.
        reply = client.post(QStringLiteral("/v1beta/models/gemini-2.5-flash:generateContent"),
                            QJsonObject(), {{"x-goog-api-key", "cp-not-a-key"}});
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.value(QStringLiteral("error.code")).toInt(), 401);
        QCOMPARE(reply.value(QStringLiteral("error.status")).toString(),
                 QStringLiteral("UNAUTHENTICATED"));
        reply = client.post(QStringLiteral("/v1beta/models/gemini-2.5-flash:unknownAction"),
                            geminiBody(QStringLiteral("x")), geminiHeaders());
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.value(QStringLiteral("error.status")).toString(),
                 QStringLiteral("NOT_FOUND"));
    }

    void unreachableUpstreamIs502WithoutInternalDetails()
    {
        start();
        const quint16 port = closedPort();
        QVERIFY(port != 0);
        const QString name = QStringLiteral("secret-team-account");
        replaceAnthropicAccount(name, QStringLiteral("http://127.0.0.1:%1").arg(port));
        TestHttpClient client(m_f->daemon().baseUrl());
        const auto reply = client.post(QStringLiteral("/v1/messages"),
                                       RelayFixture::anthropicBody(QStringLiteral("hello")),
                                       {{"x-api-key", m_f->key()}});
        QCOMPARE(reply.status, 502);
        QCOMPARE(reply.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
        const QString message = reply.value(QStringLiteral("error.message")).toString();
        QVERIFY2(!reply.body.contains(QByteArray::number(port)), reply.body.constData());
        QVERIFY2(!reply.body.contains("127.0.0.1"), reply.body.constData());
        QVERIFY2(!reply.body.contains(name.toLatin1()), reply.body.constData());
        QVERIFY2(message.contains(QLatin1String("try again later")), qPrintable(message));
        // The request id in the message names the ledger row, where the details are.
        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QVERIFY2(message.contains(row.value(QLatin1String("requestId")).toString()),
                 qPrintable(message));
        QCOMPARE(row.value(QLatin1String("status")).toInt(), 502);
        const QByteArray log =
            QJsonDocument(row.value(QLatin1String("attemptLog")).toArray()).toJson();
        QVERIFY2(log.contains(name.toLatin1()), log.constData());
    }

    void timedOutUpstreamIs504WithoutInternalDetails()
    {
        start({{QStringLiteral("AICARPOOL_UPSTREAM_TIMEOUT"), QStringLiteral("1")}});
        const QString name = QStringLiteral("slow-team-account");
        replaceAnthropicAccount(name, m_f->mock().baseUrl());
        TestHttpClient client(m_f->daemon().baseUrl());
        const auto anthropic =
            client.post(QStringLiteral("/v1/messages"),
                        RelayFixture::anthropicBody(QStringLiteral("slow mock:delay=4000")),
                        {{"x-api-key", m_f->key()}});
        QCOMPARE(anthropic.status, 504);
        QCOMPARE(anthropic.value(QStringLiteral("error.type")).toString().isEmpty(), false);
        QVERIFY2(!anthropic.body.contains(name.toLatin1()), anthropic.body.constData());
        QVERIFY2(!anthropic.body.contains(QByteArray::number(m_f->mock().port())),
                 anthropic.body.constData());
        QVERIFY2(anthropic.value(QStringLiteral("error.message"))
                     .toString()
                     .contains(QLatin1String("request id")),
                 anthropic.body.constData());
    }
};

QTEST_GUILESS_MAIN(TestRelaySafety)
#include "TestRelaySafety.moc"
