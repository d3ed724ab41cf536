// SPDX-License-Identifier: GPL-3.0-or-later
// Token counts from upstream JSON that are out of range: clamped, never converted with
// undefined behaviour (found by the usage-extraction fuzz target), and sums cannot overflow.
#include "protocol/AnthropicUsageTracker.h"
#include "protocol/GeminiUsageTracker.h"
#include "protocol/OpenAiUsageTracker.h"

#include <QJsonValue>
#include <QTest>

#include <cmath>
#include <limits>

class TestTokenCounts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countFromJson()
    {
        QCOMPARE(TokenUsage::countFromJson(QJsonValue(12)), qint64(12));
        QCOMPARE(TokenUsage::countFromJson(QJsonValue(12.9)), qint64(12));
        QCOMPARE(TokenUsage::countFromJson(QJsonValue(-5)), qint64(0));
        QCOMPARE(TokenUsage::countFromJson(QJsonValue(1e300)), TokenUsage::kMaxCount);
        QCOMPARE(TokenUsage::countFromJson(QJsonValue(-1e300)), qint64(0));
        QCOMPARE(TokenUsage::countFromJson(QJsonValue(9.3e18)), TokenUsage::kMaxCount);
        QCOMPARE(TokenUsage::countFromJson(QJsonValue(std::nan(""))), qint64(0));
        QCOMPARE(TokenUsage::countFromJson(QJsonValue(QStringLiteral("7"))), qint64(0));
        QCOMPARE(TokenUsage::countFromJson(QJsonValue()), qint64(0));
    }

    void hugeCountsAreClampedByEveryTracker()
    {
        AnthropicUsageTracker anthropic;
        anthropic.addResponseBody(R"({"type":"message","usage":{"input_tokens":1e300,)"
                                  R"("output_tokens":9.3e18,"cache_read_input_tokens":1e19,)"
                                  R"("cache_creation_input_tokens":1e308}})");
        QCOMPARE(anthropic.usage().inputTokens, TokenUsage::kMaxCount);
        QCOMPARE(anthropic.usage().outputTokens, TokenUsage::kMaxCount);
        QCOMPARE(anthropic.usage().totalTokens(), 4 * TokenUsage::kMaxCount);

        OpenAiUsageTracker openai;
        openai.addResponseBody(R"({"choices":[],"usage":{"prompt_tokens":1e300,)"
                               R"("completion_tokens":1e300}})");
        QCOMPARE(openai.usage().outputTokens, TokenUsage::kMaxCount);
        QVERIFY(openai.usage().inputTokens >= 0);
        QVERIFY(openai.usage().totalTokens() > 0);

        GeminiUsageTracker gemini;
        gemini.addResponseBody(R"({"candidates":[],"usageMetadata":{"promptTokenCount":1e300,)"
                               R"("candidatesTokenCount":1e300}})");
        QVERIFY(gemini.usage().outputTokens >= TokenUsage::kMaxCount);
        QVERIFY(gemini.usage().totalTokens() > 0);
    }
};

QTEST_APPLESS_MAIN(TestTokenCounts)
#include "TestTokenCounts.moc"
