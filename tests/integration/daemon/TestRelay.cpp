// SPDX-License-Identifier: GPL-3.0-or-later
// The relay end to end through the real daemon and the mock upstream, on SQLite and MariaDB.
#include "RelayFixture.h"

#include "pricing/PriceTable.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <zlib.h>

class TestRelay final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RelayFixture> m_f;

    TestHttpClient::Headers anthropicHeaders() const
    {
        return {{"x-api-key", m_f->key()}, {"anthropic-version", "2023-06-01"}};
    }
    TestHttpClient::Headers openaiHeaders() const
    {
        return {{"authorization", "Bearer " + m_f->key()}};
    }
    QJsonObject lastMockRequest(const QString &path)
    {
        const QJsonArray requests = m_f->mock().requests();
        for (qsizetype i = requests.size() - 1; i >= 0; --i) {
            const QJsonObject r = requests.at(i).toObject();
            if (r.value(QLatin1String("path")).toString() == path)
                return r;
        }
        return {};
    }
    static QJsonObject usageRow(const QJsonArray &items, const QString &endpoint)
    {
        for (const QJsonValue &v : items) {
            if (v.toObject().value(QLatin1String("endpoint")).toString() == endpoint)
                return v.toObject();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }

    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_f = std::make_unique<RelayFixture>();
        QString error;
        bool skip = false;
        if (!m_f->setUp(backend, &error, &skip)) {
            if (skip)
                QSKIP(qPrintable(error));
            QFAIL(qPrintable(error));
        }
    }

    void cleanup() { m_f.reset(); }

    void anthropicNonStreamingUsesAccountCredentials()
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        auto headers = anthropicHeaders();
        headers.push_back({"anthropic-beta", "prompt-caching-2024-07-31"});
        const auto reply = client.post(
            QStringLiteral("/v1/messages"),
            RelayFixture::anthropicBody(QStringLiteral("hi there mock:cache=100/40")), headers);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.value(QStringLiteral("content.0.text"))
                    .toString()
                    .contains(QLatin1String("hi there")));
        const QJsonObject usage = reply.json().value(QLatin1String("usage")).toObject();

        const QJsonObject upstream = lastMockRequest(QStringLiteral("/v1/messages"));
        const QJsonObject upHeaders = upstream.value(QLatin1String("headers")).toObject();
        QCOMPARE(upHeaders.value(QLatin1String("x-api-key")).toString().toLatin1(),
                 RelayFixture::anthropicSecret());
        QCOMPARE(upHeaders.value(QLatin1String("anthropic-beta")).toString(),
                 QStringLiteral("prompt-caching-2024-07-31"));
        QCOMPARE(upHeaders.value(QLatin1String("anthropic-version")).toString(),
                 QStringLiteral("2023-06-01"));
        QVERIFY(!QJsonDocument(upstream).toJson().contains(m_f->key()));
        QVERIFY(!upHeaders.contains(QLatin1String("authorization")));

        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QCOMPARE(row.value(QLatin1String("status")).toInt(), 200);
        QCOMPARE(row.value(QLatin1String("stream")).toBool(), false);
        QCOMPARE(row.value(QLatin1String("keyId")).toInteger(), m_f->keyId());
        QCOMPARE(row.value(QLatin1String("accountId")).toInteger(), m_f->anthropicAccountId());
        QCOMPARE(row.value(QLatin1String("provider")).toString(), QStringLiteral("anthropic"));
        QCOMPARE(row.value(QLatin1String("inputTokens")).toInteger(),
                 usage.value(QLatin1String("input_tokens")).toInteger());
        QCOMPARE(row.value(QLatin1String("outputTokens")).toInteger(),
                 usage.value(QLatin1String("output_tokens")).toInteger());
        QCOMPARE(row.value(QLatin1String("cacheWriteTokens")).toInteger(), 100);
        QCOMPARE(row.value(QLatin1String("cacheReadTokens")).toInteger(), 40);
        TokenUsage u;
        u.inputTokens = row.value(QLatin1String("inputTokens")).toInteger();
        u.outputTokens = row.value(QLatin1String("outputTokens")).toInteger();
        u.cacheWriteTokens = 100;
        u.cacheReadTokens = 40;
        const double expected = PriceTable::builtin().cost(QStringLiteral("claude-sonnet-4-5"), u);
        QVERIFY(expected > 0);
        QVERIFY(qAbs(row.value(QLatin1String("cost")).toDouble() - expected) < 1e-9);
    }

    // The relay reads the body where it lies: escapes, member order and whitespace are read as
    // QJsonDocument reads them, a body only Qt accepts (a raw tab inside a string) still
    // relays, and whatever the client sent goes upstream byte for byte.
    void bodiesAreReadAsJsonAndForwardedAsSent()
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        const QByteArray escaped =
            "{ \"messages\" : [ {\"content\":\"esc\\u0061ped\",\"role\":\"user\"} ],\n"
            "  \"max_tokens\": 16, \"model\" : \"claude-sonnet-4-\\u0035\", \"stream\": false }";
        auto reply = client.post(QStringLiteral("/v1/messages"), escaped, anthropicHeaders());
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.value(QStringLiteral("content.0.text")).toString().contains("escaped"));
        QCOMPARE(lastMockRequest(QStringLiteral("/v1/messages"))
                     .value(QLatin1String("body"))
                     .toString()
                     .toUtf8(),
                 escaped);

        const QByteArray rawTab = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,"
                                  "\"messages\":[{\"role\":\"user\",\"content\":\"tab\there\"}]}";
        reply = client.post(QStringLiteral("/v1/messages"), rawTab, anthropicHeaders());
        QCOMPARE(reply.status, 200);
        QCOMPARE(lastMockRequest(QStringLiteral("/v1/messages"))
                     .value(QLatin1String("body"))
                     .toString()
                     .toUtf8(),
                 rawTab);

        const QJsonArray rows = m_f->waitForUsage(2);
        QCOMPARE(rows.size(), 2);
        for (const QJsonValue &row : rows)
            QCOMPARE(row.toObject().value(QLatin1String("model")).toString(),
                     QStringLiteral("claude-sonnet-4-5"));

        // Not JSON, or not an object: refused as before, with Qt's reading of where it broke.
        reply = client.post(QStringLiteral("/v1/messages"), QByteArray("{\"model\": "),
                            anthropicHeaders());
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.value(QStringLiteral("error.message")).toString().contains("not valid JSON"));
        reply = client.post(QStringLiteral("/v1/messages"), QByteArray("[1]"), anthropicHeaders());
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.value(QStringLiteral("error.message")).toString().contains("JSON object"));
        // A model that is not a string is no model.
        reply = client.post(QStringLiteral("/v1/messages"),
                            QByteArray("{\"model\":5,\"messages\":[]}"), anthropicHeaders());
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.value(QStringLiteral("error.message")).toString().contains("no \"model\""));
    }

    void anthropicStreamIsForwardedEventByEvent()
    {
        StreamCapture capture;
        const QByteArray body =
            QJsonDocument(RelayFixture::anthropicBody(
                              QStringLiteral("stream me mock:chunks=4 mock:interval=400 "
                                             "mock:cache=7/11"),
                              true))
                .toJson(QJsonDocument::Compact);
        QVERIFY(capture.post(m_f->daemon().baseUrl(), QStringLiteral("/v1/messages"), body,
                             {{"x-api-key", m_f->key()}}));
        QCOMPARE(capture.status, 200);
        QVERIFY(capture.head.toLower().contains("content-type: text/event-stream"));
        QVERIFY(capture.head.toLower().contains("transfer-encoding: chunked"));
        // Event order as the Anthropic API sends it.
        QStringList events;
        for (const QByteArray &line : capture.body.split('\n')) {
            if (line.startsWith("event: "))
                events.append(QString::fromLatin1(line.mid(7)));
        }
        QCOMPARE(events.first(), QStringLiteral("message_start"));
        QCOMPARE(events.last(), QStringLiteral("message_stop"));
        QCOMPARE(events.count(QStringLiteral("content_block_delta")), 4);
        // Nothing is held back until the end: the first delta arrives while the upstream is
        // still producing the others (4 deltas 400 ms apart).
        qint64 firstDeltaAt = -1;
        for (const auto &piece : std::as_const(capture.pieces)) {
            if (piece.data.contains("content_block_delta")) {
                firstDeltaAt = piece.atMs;
                break;
            }
        }
        QVERIFY(firstDeltaAt >= 0);
        QVERIFY2(capture.totalMs - firstDeltaAt >= 800,
                 qPrintable(QStringLiteral("first delta at %1 ms, end at %2 ms")
                                .arg(firstDeltaAt)
                                .arg(capture.totalMs)));

        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QCOMPARE(row.value(QLatin1String("stream")).toBool(), true);
        QCOMPARE(row.value(QLatin1String("status")).toInt(), 200);
        QCOMPARE(row.value(QLatin1String("cacheWriteTokens")).toInteger(), 7);
        QCOMPARE(row.value(QLatin1String("cacheReadTokens")).toInteger(), 11);
        QVERIFY(row.value(QLatin1String("outputTokens")).toInteger() > 0);
        QVERIFY(row.value(QLatin1String("inputTokens")).toInteger() > 0);
        QVERIFY(row.value(QLatin1String("cost")).toDouble() > 0);
        QVERIFY(row.value(QLatin1String("ttfbMs")).toInteger() >= 0);
    }

    void upstreamErrorsKeepStatusAndFormat()
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        auto reply = client.post(QStringLiteral("/v1/messages"),
                                 RelayFixture::anthropicBody(QStringLiteral("x mock:status=529")),
                                 anthropicHeaders());
        QCOMPARE(reply.status, 529);
        QCOMPARE(reply.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
        QCOMPARE(reply.value(QStringLiteral("error.type")).toString(),
                 QStringLiteral("overloaded_error"));

        reply = client.post(QStringLiteral("/v1/chat/completions"),
                            RelayFixture::openaiBody(QStringLiteral("x mock:status=429")),
                            openaiHeaders());
        QCOMPARE(reply.status, 429);
        QVERIFY(reply.value(QStringLiteral("error.message")).isString());
        QVERIFY(!reply.header("retry-after").isEmpty());

        const QJsonArray rows = m_f->waitForUsage(2);
        QCOMPARE(rows.size(), 2);
        QSet<int> statuses;
        for (const QJsonValue &v : rows) {
            statuses.insert(v.toObject().value(QLatin1String("status")).toInt());
            QVERIFY(!v.toObject().value(QLatin1String("errorType")).toString().isEmpty());
        }
        QCOMPARE(statuses, (QSet<int>{529, 429}));
    }

    void compressedResponsesAreRelayedUntouched()
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        auto headers = anthropicHeaders();
        headers.push_back({"accept-encoding", "gzip"});
        const auto reply =
            client.post(QStringLiteral("/v1/messages"),
                        RelayFixture::anthropicBody(QStringLiteral("zip it mock:gzip")), headers);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("content-encoding"), QByteArray("gzip"));
        // Still gzip on the wire: the magic bytes, and it inflates to the upstream's JSON.
        QVERIFY(reply.body.startsWith("\x1f\x8b"));
        QByteArray inflated(1 << 16, '\0');
        z_stream zs{};
        QCOMPARE(inflateInit2(&zs, 16 + MAX_WBITS), Z_OK);
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(reply.body.constData()));
        zs.avail_in = uInt(reply.body.size());
        zs.next_out = reinterpret_cast<Bytef *>(inflated.data());
        zs.avail_out = uInt(inflated.size());
        QCOMPARE(inflate(&zs, Z_FINISH), Z_STREAM_END);
        inflated.truncate(qsizetype(zs.total_out));
        inflateEnd(&zs);
        const QJsonObject json = QJsonDocument::fromJson(inflated).object();
        QVERIFY(json.value(QLatin1String("content")).toArray().size() == 1);
        // ...and the ledger still read the usage from it.
        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value(QLatin1String("outputTokens")).toInteger(),
                 json.value(QLatin1String("usage"))
                     .toObject()
                     .value(QLatin1String("output_tokens"))
                     .toInteger());
    }

    void upstreamCutMidStreamEndsWithErrorEvent()
    {
        StreamCapture capture;
        const QByteArray body =
            QJsonDocument(
                RelayFixture::anthropicBody(QStringLiteral("cut mock:chunks=8 mock:cut=4"), true))
                .toJson(QJsonDocument::Compact);
        QVERIFY(capture.post(m_f->daemon().baseUrl(), QStringLiteral("/v1/messages"), body,
                             {{"x-api-key", m_f->key()}}));
        QCOMPARE(capture.status, 200);
        QVERIFY(capture.body.contains("message_start"));
        QVERIFY(!capture.body.contains("message_stop"));
        QVERIFY(capture.body.contains("event: error\ndata: "));
        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value(QLatin1String("errorType")).toString(),
                 QStringLiteral("transfer_error"));
    }

    void clientHangUpAbortsUpstreamAndIsRecorded()
    {
        StreamCapture capture;
        const QByteArray body =
            QJsonDocument(RelayFixture::anthropicBody(QStringLiteral("slow mock:chunks=20 "
                                                                     "mock:interval=200"),
                                                      true))
                .toJson(QJsonDocument::Compact);
        QVERIFY(capture.post(m_f->daemon().baseUrl(), QStringLiteral("/v1/messages"), body,
                             {{"x-api-key", m_f->key()}}, 10000, 10));
        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QCOMPARE(row.value(QLatin1String("clientAborted")).toBool(), true);
        QCOMPARE(row.value(QLatin1String("status")).toInt(), 499);
        // The upstream call was aborted too, not left running for 4 s.
        QTRY_COMPARE_WITH_TIMEOUT(m_f->mock().stats().value(QLatin1String("inFlight")).toInt(), 0,
                                  2000);
        TestHttpClient client(m_f->daemon().baseUrl());
        QCOMPARE(client.get(QStringLiteral("/health")).status, 200);
    }

    void openaiStreamUsageChunkOnlyWhenAsked()
    {
        // Not asked: the daemon asks upstream for usage but does not forward the usage chunk.
        StreamCapture plain;
        QVERIFY(plain.post(m_f->daemon().baseUrl(), QStringLiteral("/v1/chat/completions"),
                           QJsonDocument(RelayFixture::openaiBody(QStringLiteral("hello"), true))
                               .toJson(QJsonDocument::Compact),
                           {{"authorization", "Bearer " + m_f->key()}}));
        QCOMPARE(plain.status, 200);
        QVERIFY(plain.body.contains("\"role\":\"assistant\""));
        QVERIFY(plain.body.contains("data: [DONE]"));
        QVERIFY(!plain.body.contains("\"choices\":[]"));
        const QJsonObject upstream =
            QJsonDocument::fromJson(lastMockRequest(QStringLiteral("/v1/chat/completions"))
                                        .value(QLatin1String("body"))
                                        .toString()
                                        .toUtf8())
                .object();
        QCOMPARE(upstream.value(QLatin1String("stream_options"))
                     .toObject()
                     .value(QLatin1String("include_usage"))
                     .toBool(),
                 true);

        // Asked: forwarded.
        QJsonObject asked = RelayFixture::openaiBody(QStringLiteral("hello again"), true);
        asked.insert(QStringLiteral("stream_options"),
                     QJsonObject{{QStringLiteral("include_usage"), true}});
        StreamCapture withUsage;
        QVERIFY(withUsage.post(m_f->daemon().baseUrl(), QStringLiteral("/v1/chat/completions"),
                               QJsonDocument(asked).toJson(QJsonDocument::Compact),
                               {{"authorization", "Bearer " + m_f->key()}}));
        QVERIFY(withUsage.body.contains("\"choices\":[]"));

        const QJsonArray rows = m_f->waitForUsage(2);
        QCOMPARE(rows.size(), 2);
        for (const QJsonValue &v : rows) {
            QVERIFY(v.toObject().value(QLatin1String("inputTokens")).toInteger() > 0);
            QVERIFY(v.toObject().value(QLatin1String("outputTokens")).toInteger() > 0);
            QCOMPARE(v.toObject().value(QLatin1String("provider")).toString(),
                     QStringLiteral("openai"));
        }
    }

    void openaiNonStreamingAndAlias()
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        for (const QString &path :
             {QStringLiteral("/v1/chat/completions"), QStringLiteral("/api/chat/completions")}) {
            const auto reply =
                client.post(path, RelayFixture::openaiBody(QStringLiteral("ping mock:cache=0/5")),
                            openaiHeaders());
            QCOMPARE(reply.status, 200);
            QVERIFY(reply.value(QStringLiteral("choices.0.message.content"))
                        .toString()
                        .contains(QLatin1String("ping")));
        }
        const QJsonObject upHeaders = lastMockRequest(QStringLiteral("/v1/chat/completions"))
                                          .value(QLatin1String("headers"))
                                          .toObject();
        QCOMPARE(upHeaders.value(QLatin1String("authorization")).toString().toLatin1(),
                 "Bearer " + RelayFixture::openaiSecret());
        const QJsonArray rows = m_f->waitForUsage(2);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.first().toObject().value(QLatin1String("cacheReadTokens")).toInteger(), 5);
    }

    void modelListFollowsAccountsAndKey()
    {
        QCOMPARE(m_f->admin()
                     .put(QStringLiteral("/api/accounts/%1").arg(m_f->openaiAccountId()),
                          QJsonObject{{QStringLiteral("models"),
                                       QJsonArray{QStringLiteral("gpt-4o"),
                                                  QStringLiteral("deepseek-chat")}}})
                     .status,
                 200);
        TestHttpClient client(m_f->daemon().baseUrl());
        auto ids = [](const TestHttpClient::Reply &r) {
            QStringList out;
            for (const QJsonValue &v : r.json().value(QLatin1String("data")).toArray())
                out.append(v.toObject().value(QLatin1String("id")).toString());
            return out;
        };
        QTRY_VERIFY_WITH_TIMEOUT(ids(client.get(QStringLiteral("/v1/models"), openaiHeaders()))
                                     .contains(QStringLiteral("deepseek-chat")),
                                 3000);
        const auto reply = client.get(QStringLiteral("/v1/models"), openaiHeaders());
        QCOMPARE(reply.json().value(QLatin1String("object")).toString(), QStringLiteral("list"));
        QVERIFY(ids(reply).contains(QStringLiteral("gpt-4o")));
        QVERIFY(!ids(reply).contains(QStringLiteral("gpt-4.1")));

        const QJsonObject limited = m_f->createKey(
            QJsonObject{{QStringLiteral("models"), QJsonArray{QStringLiteral("deepseek-chat")}}});
        const QByteArray limitedKey = limited.value(QLatin1String("key")).toString().toLatin1();
        QTRY_COMPARE_WITH_TIMEOUT(ids(client.get(QStringLiteral("/v1/models"),
                                                 {{"authorization", "Bearer " + limitedKey}})),
                                  QStringList{QStringLiteral("deepseek-chat")}, 3000);
        // Anthropic clients get the Anthropic shape.
        const auto anth =
            client.get(QStringLiteral("/v1/models"),
                       {{"x-api-key", limitedKey}, {"anthropic-version", "2023-06-01"}});
        QCOMPARE(anth.value(QStringLiteral("data.0.type")).toString(), QStringLiteral("model"));
        QCOMPARE(anth.value(QStringLiteral("has_more")).toBool(true), false);
        // ...and the restriction is enforced on calls.
        const auto denied = client.post(QStringLiteral("/v1/chat/completions"),
                                        RelayFixture::openaiBody(QStringLiteral("x")),
                                        {{"authorization", "Bearer " + limitedKey}});
        QCOMPARE(denied.status, 403);
        QVERIFY(denied.value(QStringLiteral("error.message"))
                    .toString()
                    .contains(QLatin1String("gpt-4o")));
    }

    void refusedKeys()
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        const auto body = RelayFixture::anthropicBody(QStringLiteral("x"));
        auto reply = client.post(QStringLiteral("/v1/messages"), body);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.value(QStringLiteral("error.type")).toString(),
                 QStringLiteral("authentication_error"));
        reply =
            client.post(QStringLiteral("/v1/messages"), body, {{"x-api-key", "cp-not-a-real-key"}});
        QCOMPARE(reply.status, 401);
        QVERIFY(!reply.body.contains("cp-not-a-real-key"));

        const QJsonObject k = m_f->createKey();
        const QByteArray key = k.value(QLatin1String("key")).toString().toLatin1();
        const qint64 id = k.value(QLatin1String("id")).toInteger();
        QTRY_COMPARE_WITH_TIMEOUT(
            client.post(QStringLiteral("/v1/messages"), body, {{"x-api-key", key}}).status, 200,
            3000);
        QCOMPARE(m_f->admin()
                     .patch(QStringLiteral("/api/keys/%1").arg(id),
                            QJsonObject{{QStringLiteral("disabled"), true}})
                     .status,
                 200);
        QTRY_COMPARE_WITH_TIMEOUT(
            client.post(QStringLiteral("/v1/messages"), body, {{"x-api-key", key}}).status, 401,
            3000);
        QCOMPARE(m_f->admin()
                     .patch(QStringLiteral("/api/keys/%1").arg(id),
                            QJsonObject{{QStringLiteral("disabled"), false}})
                     .status,
                 200);
        QTRY_COMPARE_WITH_TIMEOUT(
            client.post(QStringLiteral("/v1/messages"), body, {{"x-api-key", key}}).status, 200,
            3000);
        QCOMPARE(m_f->admin().del(QStringLiteral("/api/keys/%1").arg(id)).status, 204);
        QTRY_COMPARE_WITH_TIMEOUT(
            client.post(QStringLiteral("/v1/messages"), body, {{"x-api-key", key}}).status, 401,
            3000);
        reply = client.post(QStringLiteral("/v1/messages"), body, {{"x-api-key", key}});
        QVERIFY(reply.value(QStringLiteral("error.message"))
                    .toString()
                    .contains(QLatin1String("revoked")));

        // Expiry: a key that expires a few seconds from now works until then and stops after.
        // The time keeps its milliseconds, and the margin is generous for a busy machine.
        const QDateTime expiresAt = QDateTime::currentDateTimeUtc().addSecs(8);
        const QJsonObject e = m_f->createKey(
            QJsonObject{{QStringLiteral("expiresAt"), expiresAt.toString(Qt::ISODateWithMs)}});
        const QByteArray expiring = e.value(QLatin1String("key")).toString().toLatin1();
        const int before =
            client.post(QStringLiteral("/v1/messages"), body, {{"x-api-key", expiring}}).status;
        if (QDateTime::currentDateTimeUtc() < expiresAt)
            QCOMPARE(before, 200);
        QTRY_COMPARE_WITH_TIMEOUT(
            client.post(QStringLiteral("/v1/messages"), body, {{"x-api-key", expiring}}).status,
            401, 60000);
        reply = client.post(QStringLiteral("/v1/messages"), body, {{"x-api-key", expiring}});
        QVERIFY(reply.value(QStringLiteral("error.message"))
                    .toString()
                    .contains(QLatin1String("expired")));
    }

    void countTokensIsRelayedAndFree()
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        const auto reply = client.post(
            QStringLiteral("/v1/messages/count_tokens"),
            RelayFixture::anthropicBody(QStringLiteral("one two three four")), anthropicHeaders());
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json().value(QLatin1String("input_tokens")).toInt() > 0);
        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QCOMPARE(row.value(QLatin1String("endpoint")).toString(),
                 QStringLiteral("/v1/messages/count_tokens"));
        QCOMPARE(row.value(QLatin1String("cost")).toDouble(), 0.0);
    }

    void requestsNoAccountCanServe()
    {
        QCOMPARE(m_f->setAnthropicModels({QStringLiteral("claude-sonnet-4-5")}), 200);
        TestHttpClient client(m_f->daemon().baseUrl());
        QTRY_COMPARE_WITH_TIMEOUT(
            client
                .post(QStringLiteral("/v1/messages"),
                      RelayFixture::anthropicBody(QStringLiteral("x"), false,
                                                  QStringLiteral("claude-opus-4-1")),
                      anthropicHeaders())
                .status,
            404, 3000);
        const auto reply =
            client.post(QStringLiteral("/v1/messages"),
                        RelayFixture::anthropicBody(QStringLiteral("x"), false,
                                                    QStringLiteral("claude-opus-4-1")),
                        anthropicHeaders());
        QVERIFY(reply.value(QStringLiteral("error.message"))
                    .toString()
                    .contains(QLatin1String("claude-opus-4-1")));
        QCOMPARE(
            m_f->admin().del(QStringLiteral("/api/accounts/%1").arg(m_f->openaiAccountId())).status,
            204);
        // The Anthropic account could serve OpenAI clients (translated) but does not list
        // gpt-4o: the model is what is missing.
        QTRY_COMPARE_WITH_TIMEOUT(client
                                      .post(QStringLiteral("/v1/chat/completions"),
                                            RelayFixture::openaiBody(QStringLiteral("x")),
                                            openaiHeaders())
                                      .status,
                                  404, 3000);
        // With no account left that could serve OpenAI clients at all: 503.
        QCOMPARE(m_f->admin()
                     .put(QStringLiteral("/api/accounts/%1").arg(m_f->anthropicAccountId()),
                          QJsonObject{{QStringLiteral("enabled"), false}})
                     .status,
                 200);
        const auto none =
            client.post(QStringLiteral("/v1/chat/completions"),
                        RelayFixture::openaiBody(QStringLiteral("x")), openaiHeaders());
        QCOMPARE(none.status, 503);
        QVERIFY(none.value(QStringLiteral("error.message"))
                    .toString()
                    .contains(QLatin1String("POST /api/accounts")));
        const auto bad = client.post(QStringLiteral("/v1/messages"), QByteArray("{\"model\":"),
                                     anthropicHeaders());
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.value(QStringLiteral("error.type")).toString(),
                 QStringLiteral("invalid_request_error"));
    }

    // A call still waiting for its upstream when the shutdown drain (Daemon::kShutdownDrainMs)
    // ends is cut off while the ledger and everything else it uses still run: the daemon exits
    // cleanly, and the call is in the ledger after the next start.
    void aCallCutOffAtShutdownIsRecorded()
    {
        const QByteArray body =
            QJsonDocument(RelayFixture::anthropicBody(QStringLiteral("cut off mock:delay=60000")))
                .toJson(QJsonDocument::Compact);
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), m_f->daemon().port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "anthropic-version: 2023-06-01\r\nx-api-key: " +
                     m_f->key() + "\r\nContent-Length: " + QByteArray::number(body.size()) +
                     "\r\n\r\n" + body);
        QVERIFY(socket.waitForBytesWritten(5000));
        QTRY_VERIFY_WITH_TIMEOUT(m_f->mock().requests().size() == 1, 10000); // at the upstream
        QVERIFY(m_f->daemon().terminate(30000));
        QVERIFY2(!m_f->daemon().crashed(), qPrintable(m_f->daemon().log().right(2000)));
        QCOMPARE(m_f->daemon().exitCode(), 0);
        QString error;
        QVERIFY2(m_f->daemon().restart(&error), qPrintable(error));
        const QJsonArray rows = m_f->waitForUsage(1);
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.first().toObject();
        QCOMPARE(row.value(QLatin1String("status")).toInt(), 499);
        QVERIFY(row.value(QLatin1String("clientAborted")).toBool());
    }

    void secretsNeverLeak()
    {
        TestHttpClient client(m_f->daemon().baseUrl());
        client.post(QStringLiteral("/v1/messages"),
                    RelayFixture::anthropicBody(QStringLiteral("x")), anthropicHeaders());
        client.post(QStringLiteral("/v1/messages"),
                    RelayFixture::anthropicBody(QStringLiteral("x mock:status=401")),
                    anthropicHeaders());
        const auto accounts = m_f->admin().get(QStringLiteral("/api/accounts"));
        QCOMPARE(accounts.status, 200);
        QVERIFY(!accounts.body.contains(RelayFixture::anthropicSecret()));
        QVERIFY(!accounts.body.contains(RelayFixture::openaiSecret()));
        const auto keys = m_f->admin().get(QStringLiteral("/api/keys"));
        QVERIFY(!keys.body.contains(m_f->key()));
        m_f->daemon().terminate();
        const QString log = m_f->daemon().log();
        QVERIFY(!log.contains(QString::fromLatin1(RelayFixture::anthropicSecret())));
        QVERIFY(!log.contains(QString::fromLatin1(RelayFixture::openaiSecret())));
        QVERIFY(!log.contains(QString::fromLatin1(m_f->key())));
        QVERIFY(!log.contains(m_f->daemon().adminPassword()));
    }
};

QTEST_GUILESS_MAIN(TestRelay)
#include "TestRelay.moc"
