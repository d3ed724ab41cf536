// SPDX-License-Identifier: GPL-3.0-or-later
#include "SseSamples.h"
#include "protocol/OpenAiUsageTracker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace SseSamples;

namespace {

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestOpenAiUsageTracker : public QObject
{
    Q_OBJECT
private slots:
    void streamWithUsageChunk();
    void usageOnlyChunkDetection();
    void relayCanDropTheUsageChunk();
    void streamWithoutUsage();
    void nonStreamingBody();
    void compatibleProviderCacheFields();
    void errorBodies();
    void streamError();
    void includeUsage_data();
    void includeUsage();
    void includeUsagePreservesBytes();
    void readAsQtReads();
};

void TestOpenAiUsageTracker::streamWithUsageChunk()
{
    OpenAiUsageTracker t;
    SseParser parser;
    for (const SseEvent &e : parser.feed(openAiStream()))
        t.addEvent(e);
    QVERIFY(t.sawUsage());
    QCOMPARE(t.usage().inputTokens, 1200 - 1024);
    QCOMPARE(t.usage().cacheReadTokens, 1024);
    QCOMPARE(t.usage().cacheWriteTokens, 0);
    QCOMPARE(t.usage().outputTokens, 9);
    QCOMPARE(t.model(), QStringLiteral("gpt-4o-mini-2024-07-18"));
    QCOMPARE(t.stopReason(), QStringLiteral("stop"));
    QVERIFY(t.sawDone());
    QVERIFY(t.errorType().isEmpty());
}

void TestOpenAiUsageTracker::usageOnlyChunkDetection()
{
    SseParser parser;
    const QList<SseEvent> events = parser.feed(openAiStream());
    QCOMPARE(events.size(), 5);
    QList<bool> flags;
    for (const SseEvent &e : events)
        flags << OpenAiUsageTracker::isUsageOnlyChunk(e);
    QCOMPARE(flags, (QList<bool>{false, false, false, true, false}));

    // Empty choices but no usage (e.g. Azure's prompt-filter chunk) is not a usage chunk.
    SseEvent filter;
    filter.hasData = true;
    filter.data = R"({"choices":[],"prompt_filter_results":[],"usage":null})";
    QVERIFY(!OpenAiUsageTracker::isUsageOnlyChunk(filter));
    // Usage together with a choice is not usage-only either.
    SseEvent both;
    both.hasData = true;
    both.data = R"({"choices":[{"index":0,"delta":{}}],"usage":{"prompt_tokens":1}})";
    QVERIFY(!OpenAiUsageTracker::isUsageOnlyChunk(both));
}

void TestOpenAiUsageTracker::relayCanDropTheUsageChunk()
{
    // Forwarding every raw block except the usage chunk yields the stream a client that did not
    // ask for usage would have received; the tracker still sees the usage.
    const QByteArray stream = withLineEnding(openAiStream(), "\r\n");
    for (qsizetype cut = 0; cut <= stream.size(); cut += 11) {
        OpenAiUsageTracker t;
        QByteArray forwarded;
        for (const SseEvent &e : feedSplit(stream, {cut})) {
            t.addEvent(e);
            if (!OpenAiUsageTracker::isUsageOnlyChunk(e))
                forwarded += e.raw;
        }
        QVERIFY(!forwarded.contains("\"usage\":{"));
        QVERIFY(forwarded.endsWith("data: [DONE]\r\n\r\n"));
        QCOMPARE(t.usage().outputTokens, 9);
        QCOMPARE(forwarded.count("data: "), 4);
    }
}

void TestOpenAiUsageTracker::streamWithoutUsage()
{
    QByteArray stream = openAiStream();
    const qsizetype usageStart = stream.indexOf("data: {\"id\":\"chatcmpl-AbC123\"", 0);
    const qsizetype last = stream.lastIndexOf("data: {");
    QVERIFY(usageStart >= 0 && last > usageStart);
    stream.remove(last, stream.indexOf("data: [DONE]") - last);
    OpenAiUsageTracker t;
    SseParser parser;
    for (const SseEvent &e : parser.feed(stream))
        t.addEvent(e);
    QVERIFY(!t.sawUsage());
    QVERIFY(t.usage().isEmpty());
    QVERIFY(t.sawDone());
}

void TestOpenAiUsageTracker::nonStreamingBody()
{
    OpenAiUsageTracker t;
    t.addResponseBody(R"({
      "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
      "object": "chat.completion",
      "created": 1741570283,
      "model": "gpt-4o-2024-08-06",
      "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello there!",
                   "refusal": null, "annotations": []}, "logprobs": null,
                   "finish_reason": "length"}],
      "usage": {"prompt_tokens": 1117, "completion_tokens": 46, "total_tokens": 1163,
                "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                  "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}},
      "service_tier": "default",
      "system_fingerprint": "fp_fc9f1d7035"
    })");
    QCOMPARE(t.usage().inputTokens, 1117);
    QCOMPARE(t.usage().outputTokens, 46);
    QCOMPARE(t.usage().cacheReadTokens, 0);
    QCOMPARE(t.model(), QStringLiteral("gpt-4o-2024-08-06"));
    QCOMPARE(t.stopReason(), QStringLiteral("length"));
    QVERIFY(!t.sawDone());
}

void TestOpenAiUsageTracker::compatibleProviderCacheFields()
{
    OpenAiUsageTracker deepseek;
    deepseek.addResponseBody(
        R"({"model":"deepseek-chat","choices":[{"finish_reason":"stop"}],"usage":)"
        R"({"prompt_tokens":500,"completion_tokens":20,"total_tokens":520,)"
        R"("prompt_cache_hit_tokens":320,"prompt_cache_miss_tokens":180}})");
    QCOMPARE(deepseek.usage().cacheReadTokens, 320);
    QCOMPARE(deepseek.usage().inputTokens, 180);

    OpenAiUsageTracker kimi;
    kimi.addResponseBody(R"({"model":"kimi-k2-0905-preview","usage":)"
                         R"({"prompt_tokens":100,"completion_tokens":5,"cached_tokens":64}})");
    QCOMPARE(kimi.usage().cacheReadTokens, 64);
    QCOMPARE(kimi.usage().inputTokens, 36);

    // A cached count larger than the prompt is clamped.
    OpenAiUsageTracker odd;
    odd.addResponseBody(R"({"usage":{"prompt_tokens":10,"completion_tokens":1,)"
                        R"("prompt_tokens_details":{"cached_tokens":50}}})");
    QCOMPARE(odd.usage().inputTokens, 0);
    QCOMPARE(odd.usage().cacheReadTokens, 10);
}

void TestOpenAiUsageTracker::errorBodies()
{
    OpenAiUsageTracker t;
    t.addResponseBody(R"({"error":{"message":"Incorrect API key provided.",)"
                      R"("type":"invalid_request_error","param":null,"code":"invalid_api_key"}})");
    QCOMPARE(t.errorType(), QStringLiteral("invalid_request_error"));
    QCOMPARE(t.errorMessage(), QStringLiteral("Incorrect API key provided."));

    OpenAiUsageTracker codeOnly;
    codeOnly.addResponseBody(R"({"error":{"message":"Rate limit","type":null,"code":"429"}})");
    QCOMPARE(codeOnly.errorType(), QStringLiteral("429"));
    OpenAiUsageTracker numeric;
    numeric.addResponseBody(R"({"error":{"message":"x","code":503}})");
    QCOMPARE(numeric.errorType(), QStringLiteral("503"));
    OpenAiUsageTracker bare;
    bare.addResponseBody(R"({"error":{"message":"x"}})");
    QCOMPARE(bare.errorType(), QStringLiteral("error"));
}

void TestOpenAiUsageTracker::streamError()
{
    SseParser parser;
    OpenAiUsageTracker t;
    const auto events = parser.feed(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}],\"model\":\"o3\"}\n\n"
        "data: {\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\","
        "\"param\":null,\"code\":null}}\n\n");
    for (const SseEvent &e : events)
        t.addEvent(e);
    QCOMPARE(t.errorType(), QStringLiteral("server_error"));
    QCOMPARE(t.model(), QStringLiteral("o3"));
    QVERIFY(!t.sawDone());
}

void TestOpenAiUsageTracker::includeUsage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("asked");
    QTest::addColumn<bool>("changed");
    QTest::newRow("no options") << QByteArray(R"({"model":"gpt-4o","stream":true,"messages":[]})")
                                << false << true;
    QTest::newRow("other option")
        << QByteArray(R"({"stream":true,"stream_options":{"include_obfuscation":false}})") << false
        << true;
    QTest::newRow("false") << QByteArray(
                                  R"({"stream":true,"stream_options":{"include_usage":false}})")
                           << false << true;
    QTest::newRow("true") << QByteArray(
                                 R"({"stream":true,"stream_options":{"include_usage":true}})")
                          << true << false;
    QTest::newRow("null options") << QByteArray(R"({"stream":true,"stream_options":null})") << false
                                  << true;
    QTest::newRow("empty options")
        << QByteArray(R"({"stream":true,"stream_options":{ }})") << false << true;
    QTest::newRow("not streaming")
        << QByteArray(R"({"model":"gpt-4o","messages":[]})") << false << false;
    QTest::newRow("stream false") << QByteArray(R"({"stream":false})") << false << false;
    QTest::newRow("not json") << QByteArray("{\"stream\":true,") << false << false;
    QTest::newRow("array") << QByteArray("[{\"stream\":true}]") << false << false;
    QTest::newRow("escaped key")
        << QByteArray(R"({"stream":true,"stream_\u006fptions":{"include_usage":false}})") << false
        << true;
    QTest::newRow("whitespace")
        << QByteArray("  {\n  \"stream\" : true ,\n  \"stream_options\" : {\n    \"include_usage\" "
                      ": false\n  }\n}\n")
        << false << true;
}

void TestOpenAiUsageTracker::includeUsage()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, asked);
    QFETCH(bool, changed);
    bool clientAsked = !asked;
    const QByteArray out = OpenAiUsageTracker::withIncludeUsage(body, &clientAsked);
    QCOMPARE(clientAsked, asked);
    QCOMPARE(out != body, changed);
    if (changed || asked) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(out, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(doc.object().value("stream_options").toObject().value("include_usage").toBool());
        // Every other field is unchanged.
        QJsonObject before = parse(body);
        QJsonObject after = doc.object();
        QJsonObject beforeOptions = before.value("stream_options").toObject();
        QJsonObject afterOptions = after.value("stream_options").toObject();
        beforeOptions.remove("include_usage");
        afterOptions.remove("include_usage");
        QCOMPARE(afterOptions, beforeOptions);
        before.remove("stream_options");
        after.remove("stream_options");
        QCOMPARE(after, before);
    }
}

void TestOpenAiUsageTracker::includeUsagePreservesBytes()
{
    // Key order, number spelling and large integers survive (a JSON round trip would not).
    const QByteArray body =
        R"({"model":"gpt-4o","seed":12345678901234567890,"temperature":1.0,"stream":true,)"
        R"("messages":[{"role":"user","content":"stream_options \"x\" {}"}]})";
    bool asked = true;
    const QByteArray out = OpenAiUsageTracker::withIncludeUsage(body, &asked);
    QVERIFY(!asked);
    QCOMPARE(out, QByteArray(R"({"stream_options":{"include_usage":true},)") + body.mid(1));

    const QByteArray withOptions =
        R"({"stream":true,"stream_options":{"include_usage":false,"x":1.50}})";
    QCOMPARE(OpenAiUsageTracker::withIncludeUsage(withOptions, nullptr),
             QByteArray(R"({"stream":true,"stream_options":{"include_usage":true,"x":1.50}})"));
    const QByteArray emptyOptions = R"({"stream":true,"stream_options":{}})";
    QCOMPARE(OpenAiUsageTracker::withIncludeUsage(emptyOptions, nullptr),
             QByteArray(R"({"stream":true,"stream_options":{"include_usage":true}})"));
}

// Answers are read in place; escapes, repeats and bodies only QJsonDocument accepts (a raw tab
// inside a string) read as Qt reads them.
void TestOpenAiUsageTracker::readAsQtReads()
{
    OpenAiUsageTracker rawTab;
    rawTab.addResponseBody("{\"model\":\"gpt-4o\",\"choices\":[{\"finish_reason\":\"stop\","
                           "\"message\":{\"content\":\"a\tb\"}}],\"usage\":{\"prompt_tokens\":10,"
                           "\"completion_tokens\":2}}");
    QCOMPARE(rawTab.model(), QStringLiteral("gpt-4o"));
    QCOMPARE(rawTab.stopReason(), QStringLiteral("stop"));
    QCOMPARE(rawTab.usage().inputTokens, 10);
    QCOMPARE(rawTab.usage().outputTokens, 2);

    OpenAiUsageTracker escaped;
    escaped.addResponseBody(
        "{\"us\\u0061ge\":{\"prompt_tokens\":1},\"usage\":{\"prompt_tokens\":5,"
        "\"prompt_tokens_details\":{\"cached_tokens\":2.0}},\"model\":\"a\\/b\"}");
    QCOMPARE(escaped.usage().inputTokens, 3);
    QCOMPARE(escaped.usage().cacheReadTokens, 2);
    QCOMPARE(escaped.model(), QStringLiteral("a/b"));

    const QList<std::pair<QByteArray, QString>> errors = {
        {"{\"error\":{\"code\":429.0,\"message\":\"slow\"}}", "429"},
        {"{\"error\":{\"code\":1e30}}", "0"},
        {"{\"error\":{\"code\":-12}}", "-12"},
        {"{\"error\":{\"code\":\"rate_limit\"}}", "rate_limit"},
        {"{\"error\":{\"type\":\"t\\u0031\",\"code\":5}}", "t1"},
        {"{\"error\":{}}", "error"}};
    for (const auto &[body, type] : errors) {
        OpenAiUsageTracker t;
        t.addResponseBody(body);
        QCOMPARE(t.errorType(), type);
    }

    // A streaming request only Qt reads is edited through Qt's rewriting.
    bool asked = true;
    const QByteArray out = OpenAiUsageTracker::withIncludeUsage(
        "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a\tb\"}]}", &asked);
    QVERIFY(!asked);
    const QJsonObject edited = QJsonDocument::fromJson(out).object();
    QVERIFY(edited.value("stream_options").toObject().value("include_usage").toBool());
    QCOMPARE(edited.value("messages").toArray().at(0).toObject().value("content").toString(),
             QStringLiteral("a\tb"));
}

QTEST_GUILESS_MAIN(TestOpenAiUsageTracker)
#include "TestOpenAiUsageTracker.moc"
