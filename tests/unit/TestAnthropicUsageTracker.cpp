// SPDX-License-Identifier: GPL-3.0-or-later
#include "SseSamples.h"
#include "protocol/AnthropicUsageTracker.h"

#include <QtTest>

using namespace SseSamples;

namespace {

AnthropicUsageTracker trackStream(const QByteArray &stream)
{
    AnthropicUsageTracker tracker;
    SseParser parser;
    for (const SseEvent &e : parser.feed(stream))
        tracker.addEvent(e);
    return tracker;
}

} // namespace

class TestAnthropicUsageTracker : public QObject
{
    Q_OBJECT
private slots:
    void streamWithCache();
    void streamSplitEverywhere();
    void messageDeltaCarriesInputFields();
    void eventTypeFromDataWhenNoEventLine();
    void incompleteStream();
    void streamError();
    void nonStreamingBody();
    void errorBody();
    void garbageIsIgnored();
    void inPlaceAndLenientReadingsAgree();
    void usageJson();
};

void TestAnthropicUsageTracker::streamWithCache()
{
    const AnthropicUsageTracker t = trackStream(anthropicStream());
    const TokenUsage u = t.usage();
    QCOMPARE(u.inputTokens, 25);
    QCOMPARE(u.cacheWriteTokens, 1200);
    QCOMPARE(u.cacheReadTokens, 3400);
    QCOMPARE(u.outputTokens, 15); // the cumulative count from message_delta, not message_start's 1
    QCOMPARE(t.model(), QStringLiteral("claude-sonnet-4-5-20250929"));
    QCOMPARE(t.messageId(), QStringLiteral("msg_01XFDUDYJgAACzvnptvVoYEL"));
    QCOMPARE(t.stopReason(), QStringLiteral("end_turn"));
    QVERIFY(t.sawMessageStop());
    QVERIFY(t.errorType().isEmpty());
}

void TestAnthropicUsageTracker::streamSplitEverywhere()
{
    const QByteArray stream = withLineEnding(anthropicStream(), "\r\n");
    for (qsizetype cut = 0; cut <= stream.size(); cut += 5) {
        AnthropicUsageTracker t;
        for (const SseEvent &e : feedSplit(stream, {cut}))
            t.addEvent(e);
        QCOMPARE(t.usage().outputTokens, 15);
        QCOMPARE(t.usage().cacheReadTokens, 3400);
        QVERIFY(t.sawMessageStop());
    }
}

void TestAnthropicUsageTracker::messageDeltaCarriesInputFields()
{
    // Newer API versions repeat (and may update) the input counts in message_delta.
    const QByteArray stream =
        "event: message_start\n"
        "data: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-opus-4-1-20250805\","
        "\"usage\":{\"input_tokens\":0,\"cache_creation_input_tokens\":0,"
        "\"cache_read_input_tokens\":0,\"output_tokens\":0}}}\n\n"
        "event: message_delta\n"
        "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},"
        "\"usage\":{\"input_tokens\":310,\"cache_creation_input_tokens\":40,"
        "\"cache_read_input_tokens\":2048,\"output_tokens\":77}}\n\n"
        "event: message_delta\n"
        "data: {\"type\":\"message_delta\",\"delta\":{},\"usage\":{\"output_tokens\":90}}\n\n"
        "event: message_stop\n"
        "data: {\"type\":\"message_stop\"}\n\n";
    const AnthropicUsageTracker t = trackStream(stream);
    QCOMPARE(t.usage().inputTokens, 310);
    QCOMPARE(t.usage().cacheWriteTokens, 40);
    QCOMPARE(t.usage().cacheReadTokens, 2048);
    QCOMPARE(t.usage().outputTokens, 90);
    QCOMPARE(t.stopReason(), QStringLiteral("tool_use"));
    QCOMPARE(t.model(), QStringLiteral("claude-opus-4-1-20250805"));
}

void TestAnthropicUsageTracker::eventTypeFromDataWhenNoEventLine()
{
    const QByteArray stream =
        "data: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-3-5-haiku-20241022\","
        "\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n"
        "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},"
        "\"usage\":{\"output_tokens\":64}}\n\n"
        "data: {\"type\":\"message_stop\"}\n\n";
    const AnthropicUsageTracker t = trackStream(stream);
    QCOMPARE(t.usage().inputTokens, 12);
    QCOMPARE(t.usage().outputTokens, 64);
    QCOMPARE(t.stopReason(), QStringLiteral("max_tokens"));
    QVERIFY(t.sawMessageStop());
}

void TestAnthropicUsageTracker::incompleteStream()
{
    QByteArray stream = anthropicStream();
    stream.truncate(stream.indexOf("event: message_delta"));
    const AnthropicUsageTracker t = trackStream(stream);
    QVERIFY(!t.sawMessageStop());
    QCOMPARE(t.usage().inputTokens, 25);
    QCOMPARE(t.usage().outputTokens, 1);
    QVERIFY(t.stopReason().isEmpty());
}

void TestAnthropicUsageTracker::streamError()
{
    QByteArray stream = anthropicStream();
    stream.truncate(stream.indexOf("event: content_block_stop"));
    stream += "event: error\n"
              "data: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", "
              "\"message\": \"Overloaded\"}}\n\n";
    const AnthropicUsageTracker t = trackStream(stream);
    QCOMPARE(t.errorType(), QStringLiteral("overloaded_error"));
    QCOMPARE(t.errorMessage(), QStringLiteral("Overloaded"));
    QVERIFY(!t.sawMessageStop());
    QCOMPARE(t.usage().cacheWriteTokens, 1200);
}

void TestAnthropicUsageTracker::nonStreamingBody()
{
    AnthropicUsageTracker t;
    t.addResponseBody(R"({
      "id": "msg_013Zva2CMHLNnXjNJJKqJ2EF",
      "type": "message",
      "role": "assistant",
      "model": "claude-haiku-4-5-20251001",
      "content": [{"type": "text", "text": "Hi! My name is Claude."}],
      "stop_reason": "end_turn",
      "stop_sequence": null,
      "usage": {"input_tokens": 2095, "output_tokens": 503,
                "cache_creation_input_tokens": 2051, "cache_read_input_tokens": 0,
                "service_tier": "standard"}
    })");
    QCOMPARE(t.usage().inputTokens, 2095);
    QCOMPARE(t.usage().outputTokens, 503);
    QCOMPARE(t.usage().cacheWriteTokens, 2051);
    QCOMPARE(t.usage().cacheReadTokens, 0);
    QCOMPARE(t.model(), QStringLiteral("claude-haiku-4-5-20251001"));
    QCOMPARE(t.stopReason(), QStringLiteral("end_turn"));
    QVERIFY(t.sawMessageStop());
    QVERIFY(t.errorType().isEmpty());
}

void TestAnthropicUsageTracker::errorBody()
{
    AnthropicUsageTracker t;
    t.addResponseBody(R"({"type":"error","error":{"type":"rate_limit_error",)"
                      R"("message":"Number of request tokens has exceeded your rate limit."},)"
                      R"("request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"})");
    QCOMPARE(t.errorType(), QStringLiteral("rate_limit_error"));
    QVERIFY(t.errorMessage().startsWith(QLatin1String("Number of request tokens")));
    QVERIFY(t.usage().isEmpty());
    QVERIFY(!t.sawMessageStop());
}

// Strict answers are read in place, others through JsonSkim: both read the same.
void TestAnthropicUsageTracker::inPlaceAndLenientReadingsAgree()
{
    const QList<QByteArray> bodies = {
        "{\"type\":\"message\",\"id\":\"msg_1\",\"model\":\"claude-sonnet-4-5\","
        "\"stop_reason\":\"end_turn\",\"content\":[{\"type\":\"text\",\"text\":\"a\\\"b\"}],"
        "\"usage\":{\"input_tokens\":12,\"output_tokens\":3.9,\"cache_read_input_tokens\":"
        "1.5e3,\"cache_creation_input_tokens\":7,\"cache_creation\":{"
        "\"ephemeral_5m_input_tokens\":5,\"ephemeral_1h_input_tokens\":9}}}",
        // Escaped names and values, repeated members (the last counts), odd numbers.
        "{\"t\\u0079pe\":\"m\\u0065ssage\",\"model\":\"x\\/y\",\"usage\":{\"input_tokens\":1},"
        "\"usage\":{\"input_tokens\":-4,\"output_tokens\":1e300,\"cache_read_input_tokens\":"
        "\"9\",\"cache_creation\":[1]}}",
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}",
        "{\"input_tokens\":42}",
        "{\"type\":\"message\",\"usage\":null,\"model\":5}",
    };
    for (const QByteArray &body : bodies) {
        AnthropicUsageTracker inPlace;
        inPlace.addResponseBody(body);
        AnthropicUsageTracker lenient;
        lenient.addSkimmedResponseBody(body);
        QVERIFY2(JsonView::of(body).isObject(), body.constData());
        QCOMPARE(inPlace.usage(), lenient.usage());
        QCOMPARE(inPlace.model(), lenient.model());
        QCOMPARE(inPlace.messageId(), lenient.messageId());
        QCOMPARE(inPlace.stopReason(), lenient.stopReason());
        QCOMPARE(inPlace.errorType(), lenient.errorType());
        QCOMPARE(inPlace.sawMessageStop(), lenient.sawMessageStop());
    }
    AnthropicUsageTracker first;
    first.addResponseBody(bodies.first());
    QCOMPARE(first.usage().cacheReadTokens, 1500);
    QCOMPARE(first.usage().outputTokens, 3);
    QCOMPARE(first.usage().cacheWrite1hTokens, 9);
    QCOMPARE(first.usage().cacheWriteTokens, 14); // the split's sum is larger than the total
    AnthropicUsageTracker second;
    second.addResponseBody(bodies.at(1));
    QCOMPARE(second.model(), QStringLiteral("x/y"));
    QCOMPARE(second.usage().inputTokens, 0);
    QCOMPARE(second.usage().outputTokens, TokenCount::Max);
    QCOMPARE(second.usage().cacheReadTokens, 0);
}

void TestAnthropicUsageTracker::garbageIsIgnored()
{
    AnthropicUsageTracker t;
    t.addResponseBody("not json");
    t.addResponseBody("[1,2]");
    t.addResponseBody(R"({"input_tokens": 55})"); // count_tokens answer: nothing billed
    SseEvent e;
    e.event = "message_start";
    e.data = "{broken";
    e.hasData = true;
    t.addEvent(e);
    SseEvent comment;
    comment.raw = ": ping\n\n";
    t.addEvent(comment);
    QVERIFY(t.usage().isEmpty());
    QVERIFY(t.model().isEmpty());
    QVERIFY(t.errorType().isEmpty());
}

void TestAnthropicUsageTracker::usageJson()
{
    const TokenUsage u = trackStream(anthropicStream()).usage();
    const QJsonObject o = u.toJson();
    QCOMPARE(o.value("inputTokens").toInteger(), 25);
    QCOMPARE(o.value("outputTokens").toInteger(), 15);
    QCOMPARE(o.value("cacheWriteTokens").toInteger(), 1200);
    QCOMPARE(o.value("cacheReadTokens").toInteger(), 3400);
    QCOMPARE(TokenUsage::fromJson(o), u);
    QCOMPARE(u.totalTokens(), 25 + 15 + 1200 + 3400);
}

QTEST_GUILESS_MAIN(TestAnthropicUsageTracker)
#include "TestAnthropicUsageTracker.moc"
