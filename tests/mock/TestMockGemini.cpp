// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the mock upstream binary and checks that its Gemini endpoints speak the Gemini API wire
// format (the one @google/genai and the relay's Gemini translation read).
#include "MockUpstreamProcess.h"
#include "TestHttpClient.h"
#include "protocol/GeminiToOpenAiStream.h"
#include "protocol/GeminiUsageTracker.h"
#include "protocol/SseParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

class TestMockGemini : public QObject
{
    Q_OBJECT

private:
    MockUpstreamProcess m_mock;

    static QByteArray body(const QString &text, bool withTool = false)
    {
        QJsonObject o{{"contents",
                       QJsonArray{QJsonObject{{"role", "user"},
                                              {"parts", QJsonArray{QJsonObject{{"text", text}}}}}}},
                      {"systemInstruction",
                       QJsonObject{{"parts", QJsonArray{QJsonObject{{"text", "Be brief."}}}}}}};
        if (withTool) {
            o.insert("tools",
                     QJsonArray{QJsonObject{
                         {"functionDeclarations",
                          QJsonArray{QJsonObject{{"name", "get_weather"},
                                                 {"description", "Weather for a city"}}}}}});
        }
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }

    // Splits an SSE body exactly at "\r\n\r\n" and returns the JSON of each "data: " event.
    static QList<QJsonObject> crlfEvents(const QByteArray &raw, bool *framingOk)
    {
        QList<QJsonObject> out;
        *framingOk = raw.endsWith("\r\n\r\n");
        qsizetype pos = 0;
        while (pos < raw.size()) {
            const qsizetype end = raw.indexOf("\r\n\r\n", pos);
            if (end < 0) {
                *framingOk = false;
                break;
            }
            const QByteArray block = raw.mid(pos, end - pos);
            if (!block.startsWith("data: ") || block.contains('\n'))
                *framingOk = false;
            out.append(QJsonDocument::fromJson(block.mid(6)).object());
            pos = end + 4;
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_mock.start(&error), qPrintable(error));
    }

    void generateContent()
    {
        m_mock.clearRequests();
        TestHttpClient client(m_mock.baseUrl());
        const auto r =
            client.post("/v1beta/models/gemini-2.5-flash:generateContent",
                        body("hello there mock:cache=0/7 mock:thoughts=5"),
                        {{"x-goog-api-key", "AIza-test"}, {"Content-Type", "application/json"}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("application/json"));
        QCOMPARE(r.value("candidates.0.content.role").toString(), QStringLiteral("model"));
        QCOMPARE(r.value("candidates.0.content.parts.0.text").toString(),
                 QStringLiteral("Hello from mock-gemini: hello there mock:cache=0/7 "
                                "mock:thoughts=5"));
        QCOMPARE(r.value("candidates.0.finishReason").toString(), QStringLiteral("STOP"));
        QCOMPARE(r.value("modelVersion").toString(), QStringLiteral("gemini-2.5-flash"));
        QVERIFY(!r.value("responseId").toString().isEmpty());
        // Prompt words: "Be brief." (2) + 4 user words, plus the 7 cached tokens.
        QCOMPARE(r.value("usageMetadata.promptTokenCount").toInt(), 13);
        QCOMPARE(r.value("usageMetadata.cachedContentTokenCount").toInt(), 7);
        // "Hello from mock-gemini:" (3 words) + the 4 words of the prompt.
        QCOMPARE(r.value("usageMetadata.candidatesTokenCount").toInt(), 7);
        QCOMPARE(r.value("usageMetadata.thoughtsTokenCount").toInt(), 5);
        QCOMPARE(r.value("usageMetadata.totalTokenCount").toInt(), 13 + 7 + 5);

        GeminiUsageTracker tracker;
        tracker.addResponseBody(r.body);
        QCOMPARE(tracker.usage().inputTokens, 6);
        QCOMPARE(tracker.usage().cacheReadTokens, 7);
        QCOMPARE(tracker.usage().outputTokens, 7 + 5);
        QCOMPARE(tracker.stopReason(), QStringLiteral("STOP"));

        const QJsonArray requests = m_mock.requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).toObject()["path"].toString(),
                 QStringLiteral("/v1beta/models/gemini-2.5-flash:generateContent"));
    }

    void keyInQueryAndKeyErrors()
    {
        TestHttpClient client(m_mock.baseUrl());
        const auto viaQuery =
            client.post("/v1beta/models/gemini-2.0-flash:generateContent?key=AIza-test", body("q"));
        QCOMPARE(viaQuery.status, 200);
        QCOMPARE(viaQuery.value("candidates.0.content.parts.0.text").toString(),
                 QStringLiteral("Hello from mock-gemini: q"));

        const auto none = client.post("/v1beta/models/gemini-2.0-flash:generateContent", body("q"));
        QCOMPARE(none.status, 403);
        QCOMPARE(none.value("error.code").toInt(), 403);
        QCOMPARE(none.value("error.status").toString(), QStringLiteral("PERMISSION_DENIED"));

        const auto bad =
            client.post("/v1beta/models/gemini-2.0-flash:generateContent?key=bad-1", body("q"));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.value("error.status").toString(), QStringLiteral("INVALID_ARGUMENT"));
        QCOMPARE(bad.value("error.details.0.reason").toString(), QStringLiteral("API_KEY_INVALID"));

        const auto empty = client.post("/v1beta/models/gemini-2.0-flash:generateContent",
                                       QByteArray("{}"), {{"x-goog-api-key", "k"}});
        QCOMPARE(empty.status, 400);
        QVERIFY(empty.value("error.message").toString().contains("contents"));
    }

    void streamIsCrlfFramedSse()
    {
        TestHttpClient client(m_mock.baseUrl());
        const auto r = client.post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                                   body("stream me please mock:chunks=3 mock:cache=0/4"),
                                   {{"x-goog-api-key", "k"}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("text/event-stream"));
        bool framingOk = false;
        const QList<QJsonObject> events = crlfEvents(r.body, &framingOk);
        QVERIFY2(framingOk, r.body.constData());
        QCOMPARE(events.size(), 3);
        QString text;
        for (int i = 0; i < events.size(); ++i) {
            const QJsonObject candidate = events.at(i)["candidates"].toArray().at(0).toObject();
            text += candidate["content"]
                        .toObject()["parts"]
                        .toArray()
                        .at(0)
                        .toObject()["text"]
                        .toString();
            QCOMPARE(candidate.contains("finishReason"), i == events.size() - 1);
            QVERIFY(events.at(i)["usageMetadata"].toObject().contains("promptTokenCount"));
        }
        QCOMPARE(text, QStringLiteral("Hello from mock-gemini: stream me please mock:chunks=3 "
                                      "mock:cache=0/4"));

        // The shared SSE parser, the usage tracker and the OpenAI translation read it.
        SseParser parser;
        const QList<SseEvent> parsed = parser.feed(r.body);
        QCOMPARE(parsed.size(), 3);
        QVERIFY(parser.pending().isEmpty());
        GeminiUsageTracker tracker;
        GeminiToOpenAiStream translation(QStringLiteral("gemini-2.5-flash"), true);
        QByteArray openAi;
        for (const SseEvent &e : parsed) {
            tracker.addEvent(e);
            openAi += translation.feed(e);
        }
        openAi += translation.finish();
        QCOMPARE(tracker.usage().cacheReadTokens, 4);
        QCOMPARE(tracker.usage().inputTokens, 2 + 5);
        QCOMPARE(tracker.usage().outputTokens, 3 + 5);
        QCOMPARE(tracker.stopReason(), QStringLiteral("STOP"));
        QVERIFY(openAi.endsWith("data: [DONE]\n\n"));
        QVERIFY(openAi.contains("\"finish_reason\":\"stop\""));
        QVERIFY(openAi.contains("\"cached_tokens\":4"));
    }

    void streamWithoutAltSseIsOneJsonArray()
    {
        TestHttpClient client(m_mock.baseUrl());
        const auto r = client.post("/v1beta/models/gemini-2.5-flash:streamGenerateContent",
                                   body("array mock:chunks=2"), {{"x-goog-api-key", "k"}});
        QCOMPARE(r.status, 200);
        const QJsonArray list = QJsonDocument::fromJson(r.body).array();
        QCOMPARE(list.size(), 2);
        GeminiUsageTracker tracker;
        tracker.addResponseBody(r.body);
        QCOMPARE(tracker.stopReason(), QStringLiteral("STOP"));
        QVERIFY(tracker.usage().outputTokens > 0);
    }

    void functionCallWhenAsked()
    {
        TestHttpClient client(m_mock.baseUrl());
        const auto r =
            client.post("/v1beta/models/gemini-2.5-flash:generateContent",
                        body("please use the tool for Paris", true), {{"x-goog-api-key", "k"}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value("candidates.0.content.parts.0.functionCall.name").toString(),
                 QStringLiteral("get_weather"));
        QCOMPARE(r.value("candidates.0.content.parts.0.functionCall.args.request").toString(),
                 QStringLiteral("please use the tool for Paris"));

        const auto s = client.post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                                   body("use the tool", true), {{"x-goog-api-key", "k"}});
        bool framingOk = false;
        const QList<QJsonObject> events = crlfEvents(s.body, &framingOk);
        QVERIFY(framingOk);
        QCOMPARE(events.size(), 1);
        QCOMPARE(
            events.at(0)["candidates"][0]["content"]["parts"][0]["functionCall"]["name"].toString(),
            QStringLiteral("get_weather"));

        const auto plain = client.post("/v1beta/models/gemini-2.5-flash:generateContent",
                                       body("no tools wanted", true), {{"x-goog-api-key", "k"}});
        QVERIFY(plain.value("candidates.0.content.parts.0.text").isString());
    }

    void injectedErrorsAndDirectives()
    {
        TestHttpClient client(m_mock.baseUrl());
        const auto limited = client.post("/v1beta/models/gemini-2.5-flash:generateContent",
                                         body("x mock:status=429"), {{"x-goog-api-key", "k"}});
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.value("error.status").toString(), QStringLiteral("RESOURCE_EXHAUSTED"));
        QCOMPARE(limited.value("error.details.0.retryDelay").toString(), QStringLiteral("2s"));

        m_mock.failNext(1, 503);
        const auto failed = client.post("/v1beta/models/gemini-2.5-flash:generateContent",
                                        body("x"), {{"x-goog-api-key", "k"}});
        QCOMPARE(failed.status, 503);
        QCOMPARE(failed.value("error.status").toString(), QStringLiteral("UNAVAILABLE"));

        const auto midstream = client.post(
            "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            body("a b c d e f mock:chunks=4 mock:midstream-error"), {{"x-goog-api-key", "k"}});
        QCOMPARE(midstream.status, 200);
        SseParser parser;
        GeminiUsageTracker tracker;
        for (const SseEvent &e : parser.feed(midstream.body))
            tracker.addEvent(e);
        QCOMPARE(tracker.errorType(), QStringLiteral("INTERNAL"));
        QCOMPARE(tracker.errorCode(), 500);

        const auto unknown = client.post("/v1beta/models/gemini-2.5-flash:embedEverything",
                                         body("x"), {{"x-goog-api-key", "k"}});
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.value("error.status").toString(), QStringLiteral("NOT_FOUND"));

        const auto count = client.post("/v1beta/models/gemini-2.5-flash:countTokens",
                                       body("one two three"), {{"x-goog-api-key", "k"}});
        QCOMPARE(count.status, 200);
        QCOMPARE(count.value("totalTokens").toInt(), 5);
    }

    void cutStreamStopsEarly()
    {
        const QByteArray b = body("cut here now mock:chunks=4 mock:cut=2");
        QTcpSocket socket;
        socket.connectToHost(QUrl(m_mock.baseUrl()).host(), quint16(m_mock.port()));
        socket.write("POST /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse "
                     "HTTP/1.1\r\nHost: x\r\nx-goog-api-key: k\r\nContent-Length: " +
                     QByteArray::number(b.size()) + "\r\n\r\n" + b);
        QByteArray received;
        QTRY_VERIFY_WITH_TIMEOUT(
            (received += socket.readAll(), socket.state() == QAbstractSocket::UnconnectedState),
            5000);
        received += socket.readAll();
        QVERIFY(received.startsWith("HTTP/1.1 200"));
        QCOMPARE(received.count("data: "), 2);
        QVERIFY(!received.contains("finishReason"));
    }

    void listsModels()
    {
        TestHttpClient client(m_mock.baseUrl());
        const auto list = client.get("/v1beta/models", {{"x-goog-api-key", "k"}});
        QCOMPARE(list.status, 200);
        const QJsonArray models = list.json().value("models").toArray();
        QVERIFY(models.size() >= 2);
        QCOMPARE(models.at(0).toObject()["name"].toString(),
                 QStringLiteral("models/gemini-2.5-flash"));
        QVERIFY(models.at(0).toObject()["supportedGenerationMethods"].toArray().contains(
            QJsonValue("generateContent")));
        const auto one = client.get("/v1beta/models/gemini-2.0-flash?key=k");
        QCOMPARE(one.status, 200);
        QCOMPARE(one.value("name").toString(), QStringLiteral("models/gemini-2.0-flash"));
        const auto missing = client.get("/v1beta/models/nope?key=k");
        QCOMPARE(missing.status, 404);
        QCOMPARE(client.get("/v1beta/models").status, 403);
    }
};

QTEST_GUILESS_MAIN(TestMockGemini)
#include "TestMockGemini.moc"
