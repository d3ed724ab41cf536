// SPDX-License-Identifier: GPL-3.0-or-later
// Real usage objects of each provider, through the provider's tracker and the built-in price
// table, to the exact price the provider bills. Each expected figure is worked out by hand in
// the comment of its row: the sum of tokens x USD per million tokens, so the cost in USD is
// that sum / 1e6 and the cost in nano-USD (compared, to stay exact) is that sum x 1000.
#include "pricing/PriceTable.h"
#include "protocol/AnthropicUsageTracker.h"
#include "protocol/GeminiUsageTracker.h"
#include "protocol/OpenAiUsageTracker.h"
#include "protocol/SseParser.h"

#include <QtTest>

namespace {

struct Tracked
{
    TokenUsage usage;
    QString model;
};

template <class Tracker> Tracked track(const QByteArray &payload, bool stream)
{
    Tracker tracker;
    if (stream) {
        SseParser parser;
        for (const SseEvent &e : parser.feed(payload))
            tracker.addEvent(e);
    } else {
        tracker.addResponseBody(payload);
    }
    return Tracked{tracker.usage(), tracker.model()};
}

Tracked trackPayload(const QString &provider, const QByteArray &payload, bool stream)
{
    if (provider == QLatin1String("anthropic"))
        return track<AnthropicUsageTracker>(payload, stream);
    if (provider == QLatin1String("openai"))
        return track<OpenAiUsageTracker>(payload, stream);
    return track<GeminiUsageTracker>(payload, stream);
}

TokenUsage usage(qint64 input, qint64 output, qint64 cacheWrite, qint64 cacheRead,
                 qint64 cacheWrite1h, qint64 reasoning)
{
    TokenUsage u;
    u.inputTokens = input;
    u.outputTokens = output;
    u.cacheWriteTokens = cacheWrite;
    u.cacheReadTokens = cacheRead;
    u.cacheWrite1hTokens = cacheWrite1h;
    u.reasoningTokens = reasoning;
    return u;
}

} // namespace

Q_DECLARE_METATYPE(TokenUsage)

class TestCostAccuracy : public QObject
{
    Q_OBJECT
private slots:
    void providerUsageToCost_data();
    void providerUsageToCost();
    void oneHourWritesAreNotPricedAtTheFiveMinuteRate();
};

void TestCostAccuracy::providerUsageToCost_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("model");
    QTest::addColumn<TokenUsage>("expectedUsage");
    QTest::addColumn<qint64>("expectedNanoUsd");

    // Sonnet 4.5 (3 in, 15 out, 3.75 5m write, 6 1h write, 0.30 read):
    // 2048*3 + 4000*3.75 + 6000*6 + 30000*0.3 + 500*15 = 6144 + 15000 + 36000 + 9000 + 7500
    // = 73644 -> 0.073644 USD (every write at the 5-minute rate would give 0.060144).
    QTest::newRow("anthropic message, 5m and 1h cache writes")
        << "anthropic" << false << QByteArray(R"({
          "id": "msg_01Aq9w938a90dw8q", "type": "message", "role": "assistant",
          "model": "claude-sonnet-4-5-20250929",
          "content": [{"type": "text", "text": "Hello"}],
          "stop_reason": "end_turn", "stop_sequence": null,
          "usage": {"input_tokens": 2048, "cache_creation_input_tokens": 10000,
                    "cache_read_input_tokens": 30000,
                    "cache_creation": {"ephemeral_5m_input_tokens": 4000,
                                       "ephemeral_1h_input_tokens": 6000},
                    "output_tokens": 500, "service_tier": "standard"}})")
        << "claude-sonnet-4-5-20250929" << usage(2048, 500, 10000, 30000, 6000, 0)
        << qint64(73644000);

    // Opus 4.1 (15 in, 75 out, 30 1h write): output from message_delta (cumulative).
    // 12*15 + 20000*30 + 300*75 = 180 + 600000 + 22500 = 622680 -> 0.62268 USD.
    QTest::newRow("anthropic stream, 1h cache write in message_start")
        << "anthropic" << true
        << QByteArray("event: message_start\n"
                      R"(data: {"type":"message_start","message":{"id":"msg_01","type":"message",)"
                      R"("role":"assistant","model":"claude-opus-4-1-20250805","content":[],)"
                      R"("stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,)"
                      R"("cache_creation_input_tokens":20000,"cache_read_input_tokens":0,)"
                      R"("cache_creation":{"ephemeral_5m_input_tokens":0,)"
                      R"("ephemeral_1h_input_tokens":20000},"output_tokens":1,)"
                      R"("service_tier":"standard"}}})"
                      "\n\n"
                      "event: content_block_start\n"
                      R"(data: {"type":"content_block_start","index":0,)"
                      R"("content_block":{"type":"text","text":""}})"
                      "\n\n"
                      "event: content_block_delta\n"
                      R"(data: {"type":"content_block_delta","index":0,)"
                      R"("delta":{"type":"text_delta","text":"Hi"}})"
                      "\n\n"
                      "event: content_block_stop\n"
                      R"(data: {"type":"content_block_stop","index":0})"
                      "\n\n"
                      "event: message_delta\n"
                      R"(data: {"type":"message_delta","delta":{"stop_reason":"end_turn",)"
                      R"("stop_sequence":null},"usage":{"output_tokens":300}})"
                      "\n\n"
                      "event: message_stop\n"
                      R"(data: {"type":"message_stop"})"
                      "\n\n")
        << "claude-opus-4-1-20250805" << usage(12, 300, 20000, 0, 20000, 0) << qint64(622680000);

    // Haiku 4.5 (1 in, 5 out, 1.25 5m, 2 1h, 0.10 read); message_delta repeats the input
    // fields and the TTL split, as the API does now.
    // 100*1 + 1000*1.25 + 2000*2 + 500*0.1 + 42*5 = 100 + 1250 + 4000 + 50 + 210 = 5610
    // -> 0.00561 USD.
    QTest::newRow("anthropic stream, split repeated in message_delta")
        << "anthropic" << true
        << QByteArray("event: message_start\n"
                      R"(data: {"type":"message_start","message":{"id":"msg_02","type":"message",)"
                      R"("role":"assistant","model":"claude-haiku-4-5-20251001","content":[],)"
                      R"("stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":100,)"
                      R"("cache_creation_input_tokens":3000,"cache_read_input_tokens":500,)"
                      R"("cache_creation":{"ephemeral_5m_input_tokens":1000,)"
                      R"("ephemeral_1h_input_tokens":2000},"output_tokens":1}}})"
                      "\n\n"
                      "event: message_delta\n"
                      R"(data: {"type":"message_delta","delta":{"stop_reason":"end_turn",)"
                      R"("stop_sequence":null},"usage":{"input_tokens":100,)"
                      R"("cache_creation_input_tokens":3000,"cache_read_input_tokens":500,)"
                      R"("cache_creation":{"ephemeral_5m_input_tokens":1000,)"
                      R"("ephemeral_1h_input_tokens":2000},"output_tokens":42}})"
                      "\n\n"
                      "event: message_stop\n"
                      R"(data: {"type":"message_stop"})"
                      "\n\n")
        << "claude-haiku-4-5-20251001" << usage(100, 42, 3000, 500, 2000, 0) << qint64(5610000);

    // Sonnet 4.5 with the 1M context: prompt 150000 + 40000 + 20000 = 210000 > 200000, so the
    // whole call is at the long-context rates (6 in, 22.50 out, 7.50 5m, 12 1h, 0.60 read):
    // 150000*6 + 30000*7.5 + 10000*12 + 20000*0.6 + 2000*22.5
    // = 900000 + 225000 + 120000 + 12000 + 45000 = 1302000 -> 1.302 USD.
    QTest::newRow("anthropic long context above 200k")
        << "anthropic" << false << QByteArray(R"({
          "id": "msg_03", "type": "message", "role": "assistant",
          "model": "claude-sonnet-4-5-20250929", "content": [],
          "stop_reason": "end_turn", "stop_sequence": null,
          "usage": {"input_tokens": 150000, "cache_creation_input_tokens": 40000,
                    "cache_read_input_tokens": 20000,
                    "cache_creation": {"ephemeral_5m_input_tokens": 30000,
                                       "ephemeral_1h_input_tokens": 10000},
                    "output_tokens": 2000}})")
        << "claude-sonnet-4-5-20250929" << usage(150000, 2000, 40000, 20000, 10000, 0)
        << qint64(1302000000);

    // Sonnet 4 at exactly 200000 prompt tokens: still the short-context rates.
    // 200000*3 + 1000*15 = 600000 + 15000 = 615000 -> 0.615 USD.
    QTest::newRow("anthropic at the 200k threshold")
        << "anthropic" << false << QByteArray(R"({
          "id": "msg_04", "type": "message", "role": "assistant",
          "model": "claude-sonnet-4-20250514", "content": [],
          "stop_reason": "end_turn", "stop_sequence": null,
          "usage": {"input_tokens": 200000, "cache_creation_input_tokens": 0,
                    "cache_read_input_tokens": 0, "output_tokens": 1000}})")
        << "claude-sonnet-4-20250514" << usage(200000, 1000, 0, 0, 0, 0) << qint64(615000000);

    // gpt-5 (1.25 in, 10 out, 0.125 cached): reasoning_tokens are inside completion_tokens.
    // (12000-8000)*1.25 + 8000*0.125 + 3000*10 = 5000 + 1000 + 30000 = 36000 -> 0.036 USD
    // (adding the reasoning again would give 0.061).
    QTest::newRow("openai cached and reasoning tokens")
        << "openai" << false << QByteArray(R"({
          "id": "chatcmpl-1", "object": "chat.completion", "created": 1764460000,
          "model": "gpt-5-2025-08-07",
          "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"},
                       "finish_reason": "stop"}],
          "usage": {"prompt_tokens": 12000, "completion_tokens": 3000, "total_tokens": 15000,
                    "prompt_tokens_details": {"cached_tokens": 8000, "audio_tokens": 0},
                    "completion_tokens_details": {"reasoning_tokens": 2500, "audio_tokens": 0,
                                                  "accepted_prediction_tokens": 0,
                                                  "rejected_prediction_tokens": 0}},
          "service_tier": "default"})")
        << "gpt-5-2025-08-07" << usage(4000, 3000, 0, 8000, 0, 2500) << qint64(36000000);

    // o4-mini stream (1.10 in, 4.40 out, 0.275 cached), usage in the last chunk:
    // 976*1.1 + 1024*0.275 + 900*4.4 = 1073.6 + 281.6 + 3960 = 5315.2 -> 0.0053152 USD.
    QTest::newRow("openai stream with include_usage")
        << "openai" << true
        << QByteArray(
               R"(data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1,)"
               R"("model":"o4-mini-2025-04-16","choices":[{"index":0,"delta":{"role":)"
               R"("assistant","content":"ok"},"finish_reason":null}],"usage":null})"
               "\n\n"
               R"(data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1,)"
               R"("model":"o4-mini-2025-04-16","choices":[{"index":0,"delta":{},)"
               R"("finish_reason":"stop"}],"usage":null})"
               "\n\n"
               R"(data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1,)"
               R"("model":"o4-mini-2025-04-16","choices":[],"usage":{"prompt_tokens":2000,)"
               R"("completion_tokens":900,"total_tokens":2900,"prompt_tokens_details":)"
               R"({"cached_tokens":1024},"completion_tokens_details":{"reasoning_tokens":640}}})"
               "\n\n"
               "data: [DONE]\n\n")
        << "o4-mini-2025-04-16" << usage(976, 900, 0, 1024, 0, 640) << qint64(5315200);

    // Gemini 2.5 Flash (0.30 in, 2.50 out, 0.03 cached): promptTokenCount includes the cached
    // tokens, candidatesTokenCount does not include the thoughts (billed as output).
    // (5000-4000)*0.3 + 4000*0.03 + (300+1200)*2.5 = 300 + 120 + 3750 = 4170 -> 0.00417 USD.
    QTest::newRow("gemini cached content and thoughts")
        << "gemini" << false << QByteArray(R"({
          "candidates": [{"content": {"parts": [{"text": "ok"}], "role": "model"},
                          "finishReason": "STOP", "index": 0}],
          "usageMetadata": {"promptTokenCount": 5000, "candidatesTokenCount": 300,
                            "totalTokenCount": 6500, "cachedContentTokenCount": 4000,
                            "thoughtsTokenCount": 1200,
                            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 5000}],
                            "cacheTokensDetails": [{"modality": "TEXT", "tokenCount": 4000}]},
          "modelVersion": "gemini-2.5-flash", "responseId": "r1"})")
        << "gemini-2.5-flash" << usage(1000, 1500, 0, 4000, 0, 1200) << qint64(4170000);

    // Gemini 2.5 Pro stream above 200k prompt tokens (2.50 in, 15 out, 0.25 cached); each
    // chunk repeats the cumulative usageMetadata.
    // (250000-100000)*2.5 + 100000*0.25 + (800+1200)*15 = 375000 + 25000 + 30000 = 430000
    // -> 0.43 USD.
    QTest::newRow("gemini 2.5 pro long context stream")
        << "gemini" << true
        << QByteArray(
               R"(data: {"candidates":[{"content":{"parts":[{"text":"Hel"}],"role":"model"},)"
               R"("index":0}],"usageMetadata":{"promptTokenCount":250000,)"
               R"("totalTokenCount":251200,"cachedContentTokenCount":100000,)"
               R"("thoughtsTokenCount":1200},"modelVersion":"gemini-2.5-pro","responseId":"r2"})"
               "\r\n\r\n"
               R"(data: {"candidates":[{"content":{"parts":[{"text":"lo"}],"role":"model"},)"
               R"("finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":250000,)"
               R"("candidatesTokenCount":800,"totalTokenCount":252000,)"
               R"("cachedContentTokenCount":100000,"thoughtsTokenCount":1200},)"
               R"("modelVersion":"gemini-2.5-pro","responseId":"r2"})"
               "\r\n\r\n")
        << "gemini-2.5-pro" << usage(150000, 2000, 0, 100000, 0, 1200) << qint64(430000000);

    // Gemini 2.5 Pro below the threshold (1.25 in, 10 out):
    // 180000*1.25 + (1000+500)*10 = 225000 + 15000 = 240000 -> 0.24 USD.
    QTest::newRow("gemini 2.5 pro short context")
        << "gemini" << false << QByteArray(R"({
          "candidates": [{"content": {"parts": [{"text": "ok"}], "role": "model"},
                          "finishReason": "STOP", "index": 0}],
          "usageMetadata": {"promptTokenCount": 180000, "candidatesTokenCount": 1000,
                            "totalTokenCount": 181500, "thoughtsTokenCount": 500},
          "modelVersion": "gemini-2.5-pro"})")
        << "gemini-2.5-pro" << usage(180000, 1500, 0, 0, 0, 500) << qint64(240000000);
}

void TestCostAccuracy::providerUsageToCost()
{
    QFETCH(QString, provider);
    QFETCH(bool, stream);
    QFETCH(QByteArray, payload);
    QFETCH(QString, model);
    QFETCH(TokenUsage, expectedUsage);
    QFETCH(qint64, expectedNanoUsd);

    const Tracked t = trackPayload(provider, payload, stream);
    QCOMPARE(t.model, model);
    QCOMPARE(t.usage.inputTokens, expectedUsage.inputTokens);
    QCOMPARE(t.usage.outputTokens, expectedUsage.outputTokens);
    QCOMPARE(t.usage.cacheWriteTokens, expectedUsage.cacheWriteTokens);
    QCOMPARE(t.usage.cacheReadTokens, expectedUsage.cacheReadTokens);
    QCOMPARE(t.usage.cacheWrite1hTokens, expectedUsage.cacheWrite1hTokens);
    QCOMPARE(t.usage.reasoningTokens, expectedUsage.reasoningTokens);
    QVERIFY(t.usage == expectedUsage);

    const PriceTable prices = PriceTable::builtin();
    const double usd = prices.cost(t.model, t.usage);
    QCOMPARE(qRound64(usd * 1e9), expectedNanoUsd);

    // The split survives the JSON form used by the admin API and the spool.
    QVERIFY(TokenUsage::fromJson(t.usage.toJson()) == t.usage);
}

void TestCostAccuracy::oneHourWritesAreNotPricedAtTheFiveMinuteRate()
{
    // The same 10000 written tokens cost 1.25 x input for a 5-minute TTL, 2 x for 1 hour.
    const PriceTable prices = PriceTable::builtin();
    const auto body = [](int fiveMinutes, int oneHour) {
        return QStringLiteral(R"({"id":"m","type":"message","model":"claude-sonnet-4-5",
                "content":[],"usage":{"input_tokens":0,"cache_creation_input_tokens":%1,
                "cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":%2,
                "ephemeral_1h_input_tokens":%3},"output_tokens":0}})")
            .arg(fiveMinutes + oneHour)
            .arg(fiveMinutes)
            .arg(oneHour)
            .toUtf8();
    };
    const Tracked fiveMinutes = track<AnthropicUsageTracker>(body(10000, 0), false);
    const Tracked oneHour = track<AnthropicUsageTracker>(body(0, 10000), false);
    // 10000*3.75 = 37500 -> 0.0375 USD; 10000*6 = 60000 -> 0.06 USD.
    QCOMPARE(qRound64(prices.cost(fiveMinutes.model, fiveMinutes.usage) * 1e9), qint64(37500000));
    QCOMPARE(qRound64(prices.cost(oneHour.model, oneHour.usage) * 1e9), qint64(60000000));

    // An answer that only carries the split still counts every write.
    const Tracked splitOnly = track<AnthropicUsageTracker>(
        R"({"id":"m","type":"message","model":"claude-sonnet-4-5","content":[],
            "usage":{"input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":100,
            "ephemeral_1h_input_tokens":300},"output_tokens":0}})",
        false);
    QCOMPARE(splitOnly.usage.cacheWriteTokens, qint64(400));
    QCOMPARE(splitOnly.usage.cacheWrite1hTokens, qint64(300));
}

QTEST_GUILESS_MAIN(TestCostAccuracy)
#include "TestCostAccuracy.moc"
