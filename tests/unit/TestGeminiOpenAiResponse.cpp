// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/ErrorShapes.h"
#include "protocol/GeminiErrors.h"
#include "protocol/GeminiToOpenAiResponse.h"
#include "protocol/GeminiToOpenAiStream.h"
#include "protocol/OpenAiUsageTracker.h"
#include "protocol/SseParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestGeminiOpenAiResponse : public QObject
{
    Q_OBJECT

private:
    static QJsonObject parse(const QByteArray &json)
    {
        return QJsonDocument::fromJson(json).object();
    }

    static SseEvent event(const QByteArray &data)
    {
        SseParser parser;
        const QList<SseEvent> events = parser.feed("data: " + data + "\r\n\r\n");
        return events.isEmpty() ? SseEvent() : events.first();
    }

    // Every event of an OpenAI stream: checks the framing and that each data is JSON or [DONE].
    static QList<QJsonObject> chunks(const QByteArray &stream, bool *done)
    {
        SseParser parser;
        QList<QJsonObject> out;
        *done = false;
        const QList<SseEvent> events = parser.feed(stream);
        if (!parser.pending().isEmpty())
            qWarning("incomplete event at the end: %s", parser.pending().constData());
        for (const SseEvent &e : events) {
            if (e.data == "[DONE]") {
                *done = true;
                continue;
            }
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(e.data, &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject()) {
                qWarning("chunk is not a JSON object: %s", e.data.constData());
                return {};
            }
            out.append(doc.object());
        }
        return out;
    }

private slots:
    void textResponse()
    {
        const QJsonObject o = parse(GeminiToOpenAiResponse::translate(
            R"({"candidates":[{"content":{"parts":[{"text":"Let me think","thought":true}, {"text":"Hello, "},{"text":"world"}],"role":"model"},"finishReason":"STOP", "index":0}],"usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":7, "cachedContentTokenCount":60,"thoughtsTokenCount":20,"totalTokenCount":127}, "modelVersion":"gemini-2.5-flash","responseId":"resp1"})",
            QStringLiteral("my-gemini")));
        QCOMPARE(o["object"].toString(), QStringLiteral("chat.completion"));
        QCOMPARE(o["id"].toString(), QStringLiteral("chatcmpl-resp1"));
        QCOMPARE(o["model"].toString(), QStringLiteral("my-gemini"));
        QVERIFY(o["created"].toInteger() > 0);
        const QJsonObject choice = o["choices"][0].toObject();
        QCOMPARE(choice["finish_reason"].toString(), QStringLiteral("stop"));
        QCOMPARE(choice["message"]["role"].toString(), QStringLiteral("assistant"));
        QCOMPARE(choice["message"]["content"].toString(), QStringLiteral("Hello, world"));
        QCOMPARE(choice["message"]["reasoning_content"].toString(), QStringLiteral("Let me think"));
        QVERIFY(!choice["message"].toObject().contains("tool_calls"));
        const QJsonObject usage = o["usage"].toObject();
        QCOMPARE(usage["prompt_tokens"].toInt(), 100);
        QCOMPARE(usage["completion_tokens"].toInt(), 27);
        QCOMPARE(usage["total_tokens"].toInt(), 127);
        QCOMPARE(usage["prompt_tokens_details"]["cached_tokens"].toInt(), 60);
        QCOMPARE(usage["completion_tokens_details"]["reasoning_tokens"].toInt(), 20);

        // The OpenAI usage reader bills it like the Gemini tracker would.
        OpenAiUsageTracker tracker;
        tracker.addResponseBody(QJsonDocument(o).toJson());
        QCOMPARE(tracker.usage().inputTokens, 40);
        QCOMPARE(tracker.usage().cacheReadTokens, 60);
        QCOMPARE(tracker.usage().outputTokens, 27);
    }

    void functionCallResponse()
    {
        const QJsonObject o = parse(GeminiToOpenAiResponse::translate(
            R"({"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather", "args":{"city":"Paris"}}},{"functionCall":{"name":"get_time"}}],"role":"model"}, "finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":5, "candidatesTokenCount":3},"modelVersion":"models/gemini-2.0-flash"})",
            QString()));
        QCOMPARE(o["model"].toString(), QStringLiteral("gemini-2.0-flash"));
        const QJsonObject choice = o["choices"][0].toObject();
        QCOMPARE(choice["finish_reason"].toString(), QStringLiteral("tool_calls"));
        QVERIFY(choice["message"]["content"].isNull());
        const QJsonArray calls = choice["message"]["tool_calls"].toArray();
        QCOMPARE(calls.size(), 2);
        QVERIFY(calls.at(0)["id"].toString().startsWith("call_"));
        QVERIFY(calls.at(0)["id"].toString().size() > 10);
        QVERIFY(calls.at(0)["id"] != calls.at(1)["id"]);
        QCOMPARE(calls.at(0)["type"].toString(), QStringLiteral("function"));
        QCOMPARE(calls.at(0)["function"]["name"].toString(), QStringLiteral("get_weather"));
        QCOMPARE(parse(calls.at(0)["function"]["arguments"].toString().toUtf8())["city"].toString(),
                 QStringLiteral("Paris"));
        QCOMPARE(calls.at(1)["function"]["arguments"].toString(), QStringLiteral("{}"));
    }

    void finishReasons_data()
    {
        QTest::addColumn<QString>("gemini");
        QTest::addColumn<QString>("openai");
        QTest::newRow("stop") << "STOP"
                              << "stop";
        QTest::newRow("max") << "MAX_TOKENS"
                             << "length";
        QTest::newRow("safety") << "SAFETY"
                                << "content_filter";
        QTest::newRow("recitation") << "RECITATION"
                                    << "content_filter";
        QTest::newRow("prohibited") << "PROHIBITED_CONTENT"
                                    << "content_filter";
        QTest::newRow("other") << "OTHER"
                               << "stop";
    }
    void finishReasons()
    {
        QFETCH(QString, gemini);
        QFETCH(QString, openai);
        const QByteArray body =
            QJsonDocument(
                QJsonObject{{"candidates",
                             QJsonArray{QJsonObject{
                                 {"content",
                                  QJsonObject{{"parts", QJsonArray{QJsonObject{{"text", "x"}}}}}},
                                 {"finishReason", gemini},
                                 {"index", 0}}}}})
                .toJson(QJsonDocument::Compact);
        QCOMPARE(parse(GeminiToOpenAiResponse::translate(body, "m"))["choices"][0]["finish_reason"]
                     .toString(),
                 openai);

        GeminiToOpenAiStream stream(QStringLiteral("m"), false);
        QByteArray out = stream.feed(event(body.simplified()));
        out += stream.finish();
        bool done = false;
        const QList<QJsonObject> list = chunks(out, &done);
        QVERIFY(done);
        QCOMPARE(list.last()["choices"][0]["finish_reason"].toString(), openai);
    }

    void blockedPrompt()
    {
        const QJsonObject o = parse(GeminiToOpenAiResponse::translate(
            R"({"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":4}})",
            "m"));
        QCOMPARE(o["choices"][0]["finish_reason"].toString(), QStringLiteral("content_filter"));
        QVERIFY(o["choices"][0]["message"]["content"].isNull());
        QCOMPARE(o["usage"]["prompt_tokens"].toInt(), 4);
    }

    void errorBodies()
    {
        const QByteArray gemini =
            R"({"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}})";
        const QJsonObject viaResponse = parse(GeminiToOpenAiResponse::translate(gemini, "m"));
        QCOMPARE(viaResponse["error"]["message"].toString(), QStringLiteral("Quota exceeded"));
        QCOMPARE(viaResponse["error"]["type"].toString(), QStringLiteral("rate_limit_error"));
        QCOMPARE(viaResponse["error"]["code"].toString(), QStringLiteral("resource_exhausted"));
        QVERIFY(viaResponse["error"].toObject().contains("param"));

        const QJsonObject invalidKey = parse(GeminiErrors::toOpenAi(
            R"({"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT"}})",
            400));
        QCOMPARE(invalidKey["error"]["type"].toString(), QStringLiteral("invalid_request_error"));
        const QJsonObject html = parse(GeminiErrors::toOpenAi("<html>Bad gateway</html>", 502));
        QCOMPARE(html["error"]["message"].toString(), QStringLiteral("<html>Bad gateway</html>"));
        QCOMPARE(html["error"]["type"].toString(), QStringLiteral("server_error"));
        const QJsonObject empty = parse(GeminiErrors::toOpenAi(QByteArray(), 503));
        QVERIFY(empty["error"]["message"].toString().contains("503"));

        const QJsonObject own = parse(
            ErrorShapes::body(ErrorShapes::Protocol::Gemini, 401, QStringLiteral("Invalid key.")));
        QCOMPARE(own["error"]["code"].toInt(), 401);
        QCOMPARE(own["error"]["message"].toString(), QStringLiteral("Invalid key."));
        QCOMPARE(own["error"]["status"].toString(), QStringLiteral("UNAUTHENTICATED"));
        QCOMPARE(ErrorShapes::geminiStatus(403), QStringLiteral("PERMISSION_DENIED"));
        QCOMPARE(ErrorShapes::geminiStatus(404), QStringLiteral("NOT_FOUND"));
        QCOMPARE(ErrorShapes::geminiStatus(429), QStringLiteral("RESOURCE_EXHAUSTED"));
        QCOMPARE(ErrorShapes::geminiStatus(500), QStringLiteral("INTERNAL"));
        QCOMPARE(ErrorShapes::geminiStatus(503), QStringLiteral("UNAVAILABLE"));
        QCOMPARE(ErrorShapes::geminiStatus(400), QStringLiteral("INVALID_ARGUMENT"));
    }

    void textStream()
    {
        GeminiToOpenAiStream stream(QStringLiteral("gem"), false);
        QByteArray out;
        out += stream.feed(event(
            R"({"candidates":[{"content":{"parts":[{"text":"Hel"}], "role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":9}, "responseId":"r9"})"));
        out += stream.feed(event(
            R"({"candidates":[{"content":{"parts":[{"text":"lo"}], "role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{ "promptTokenCount":9,"candidatesTokenCount":2,"totalTokenCount":11}})"));
        out += stream.finish();
        QVERIFY(out.endsWith("data: [DONE]\n\n"));
        bool done = false;
        const QList<QJsonObject> list = chunks(out, &done);
        QVERIFY(done);
        QCOMPARE(list.size(), 4); // role, "Hel", "lo", finish
        QCOMPARE(list.at(0)["choices"][0]["delta"]["role"].toString(), QStringLiteral("assistant"));
        QCOMPARE(list.at(1)["choices"][0]["delta"]["content"].toString(), QStringLiteral("Hel"));
        QVERIFY(!list.at(1)["choices"][0]["delta"].toObject().contains("role"));
        QCOMPARE(list.at(2)["choices"][0]["delta"]["content"].toString(), QStringLiteral("lo"));
        QCOMPARE(list.at(3)["choices"][0]["finish_reason"].toString(), QStringLiteral("stop"));
        for (const QJsonObject &c : list) {
            QCOMPARE(c["object"].toString(), QStringLiteral("chat.completion.chunk"));
            QCOMPARE(c["id"].toString(), QStringLiteral("chatcmpl-r9"));
            QCOMPARE(c["model"].toString(), QStringLiteral("gem"));
            QVERIFY(!c.contains("usage")); // no usage at all unless asked for
        }
        QVERIFY(list.at(0)["choices"][0]["finish_reason"].isNull());
        QCOMPARE(stream.tracker().usage().outputTokens, 2);
        // finish() is idempotent, feed() after it ignored.
        QVERIFY(stream.finish().isEmpty());
        QVERIFY(stream.feed(event(R"({"candidates":[{"content":{"parts":[{"text":"x"}]}}]})"))
                    .isEmpty());
    }

    void usageChunkOnlyWhenAsked()
    {
        const QByteArray last =
            R"({"candidates":[{"content":{"parts":[{"text":"Hi", "thought":false}]},"finishReason":"MAX_TOKENS","index":0}],"usageMetadata":{ "promptTokenCount":50,"cachedContentTokenCount":30,"candidatesTokenCount":4, "thoughtsTokenCount":6}})";
        GeminiToOpenAiStream withUsage(QStringLiteral("m"), true);
        QByteArray out = withUsage.feed(event(last));
        out += withUsage.finish();
        bool done = false;
        const QList<QJsonObject> list = chunks(out, &done);
        QVERIFY(done);
        const QJsonObject usageChunk = list.last();
        QCOMPARE(usageChunk["choices"].toArray().size(), 0);
        QCOMPARE(usageChunk["usage"]["prompt_tokens"].toInt(), 50);
        QCOMPARE(usageChunk["usage"]["completion_tokens"].toInt(), 10);
        QCOMPARE(usageChunk["usage"]["prompt_tokens_details"]["cached_tokens"].toInt(), 30);
        for (int i = 0; i < list.size() - 1; ++i) {
            QVERIFY(list.at(i).contains("usage"));
            QVERIFY(list.at(i)["usage"].isNull());
        }
        QCOMPARE(list.at(list.size() - 2)["choices"][0]["finish_reason"].toString(),
                 QStringLiteral("length"));
        // The relay's OpenAI usage reader sees the same usage.
        OpenAiUsageTracker tracker;
        SseParser parser;
        for (const SseEvent &e : parser.feed(out))
            tracker.addEvent(e);
        QVERIFY(tracker.sawDone());
        QCOMPARE(tracker.usage().inputTokens, 20);
        QCOMPARE(tracker.usage().cacheReadTokens, 30);
        QCOMPARE(tracker.usage().outputTokens, 10);

        GeminiToOpenAiStream withoutUsage(QStringLiteral("m"), false);
        out = withoutUsage.feed(event(last));
        out += withoutUsage.finish();
        QVERIFY(!out.contains("\"usage\""));
    }

    void functionCallStream()
    {
        GeminiToOpenAiStream stream(QStringLiteral("m"), false);
        QByteArray out = stream.feed(event(
            R"({"candidates":[{"content":{"parts":[ {"text":"Checking."}, {"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}, {"functionCall":{"name":"get_time","args":{}}}],"role":"model"}, "finishReason":"STOP","index":0}]})"));
        out += stream.finish();
        bool done = false;
        const QList<QJsonObject> list = chunks(out, &done);
        QVERIFY(done);
        QList<QJsonObject> calls;
        for (const QJsonObject &c : list) {
            const QJsonArray tc = c["choices"][0]["delta"]["tool_calls"].toArray();
            for (const QJsonValue &v : tc)
                calls.append(v.toObject());
        }
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0)["index"].toInt(), 0);
        QCOMPARE(calls.at(1)["index"].toInt(), 1);
        QVERIFY(calls.at(0)["id"].toString().startsWith("call_"));
        QCOMPARE(calls.at(0)["function"]["name"].toString(), QStringLiteral("get_weather"));
        QCOMPARE(calls.at(0)["function"]["arguments"].toString(),
                 QStringLiteral("{\"city\":\"Paris\"}"));
        QCOMPARE(list.last()["choices"][0]["finish_reason"].toString(),
                 QStringLiteral("tool_calls"));
    }

    void finishWithoutEventsStillWellFormed()
    {
        GeminiToOpenAiStream stream(QStringLiteral("m"), true);
        bool done = false;
        const QList<QJsonObject> list = chunks(stream.finish(), &done);
        QVERIFY(done);
        QCOMPARE(list.size(), 3); // role, finish, usage
        QCOMPARE(list.at(0)["choices"][0]["delta"]["role"].toString(), QStringLiteral("assistant"));
        QCOMPARE(list.at(2)["usage"]["total_tokens"].toInt(), 0);
    }

    void errorInStream()
    {
        GeminiToOpenAiStream stream(QStringLiteral("m"), true);
        QByteArray out = stream.feed(
            event(R"({"candidates":[{"content":{"parts":[{"text":"a"}]}, "index":0}]})"));
        out += stream.feed(event(
            R"({"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}})"));
        QVERIFY(stream.failed());
        QVERIFY(stream.isFinished());
        QVERIFY(stream.finish().isEmpty());
        bool done = false;
        const QList<QJsonObject> list = chunks(out, &done);
        QVERIFY(!done);
        QCOMPARE(list.last()["error"]["message"].toString(),
                 QStringLiteral("The model is overloaded."));
        QCOMPARE(list.last()["error"]["type"].toString(), QStringLiteral("server_error"));
        QCOMPARE(list.last()["error"]["code"].toString(), QStringLiteral("unavailable"));
        QCOMPARE(stream.tracker().errorType(), QStringLiteral("UNAVAILABLE"));
    }
};

QTEST_GUILESS_MAIN(TestGeminiOpenAiResponse)
#include "TestGeminiOpenAiResponse.moc"
