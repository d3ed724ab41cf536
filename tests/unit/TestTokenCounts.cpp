// SPDX-License-Identifier: GPL-3.0-or-later
// Token counts from upstream JSON that are out of range: clamped, never converted with
// undefined behaviour (found by the usage-extraction fuzz target), and sums cannot overflow.
#include "protocol/AnthropicUsageTracker.h"
#include "protocol/GeminiUsageTracker.h"
#include "protocol/OpenAiUsageTracker.h"
#include "protocol/TokenCount.h"

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
        QCOMPARE(TokenCount::fromJson(QJsonValue(12)), qint64(12));
        QCOMPARE(TokenCount::fromJson(QJsonValue(12.9)), qint64(12));
        QCOMPARE(TokenCount::fromJson(QJsonValue(-5)), qint64(0));
        QCOMPARE(TokenCount::fromJson(QJsonValue(1e300)), TokenCount::Max);
        QCOMPARE(TokenCount::fromJson(QJsonValue(-1e300)), qint64(0));
        QCOMPARE(TokenCount::fromJson(QJsonValue(9.3e18)), TokenCount::Max);
        QCOMPARE(TokenCount::fromJson(QJsonValue(std::nan(""))), qint64(0));
        QCOMPARE(TokenCount::fromJson(QJsonValue(QStringLiteral("7"))), qint64(0));
        QCOMPARE(TokenCount::fromJson(QJsonValue()), qint64(0));
    }

    void hugeCountsAreClampedByEveryTracker()
    {
        AnthropicUsageTracker anthropic;
        anthropic.addResponseBody(R"({"type":"message","usage":{"input_tokens":1e300,)"
                                  R"("output_tokens":9.3e18,"cache_read_input_tokens":1e19,)"
                                  R"("cache_creation_input_tokens":1e308}})");
        QCOMPARE(anthropic.usage().inputTokens, TokenCount::Max);
        QCOMPARE(anthropic.usage().outputTokens, TokenCount::Max);
        QCOMPARE(anthropic.usage().totalTokens(), 4 * TokenCount::Max);

        OpenAiUsageTracker openai;
        openai.addResponseBody(R"({"choices":[],"usage":{"prompt_tokens":1e300,)"
                               R"("completion_tokens":1e300}})");
        QCOMPARE(openai.usage().outputTokens, TokenCount::Max);
        QVERIFY(openai.usage().inputTokens >= 0);
        QVERIFY(openai.usage().totalTokens() > 0);

        GeminiUsageTracker gemini;
        gemini.addResponseBody(R"({"candidates":[],"usageMetadata":{"promptTokenCount":1e300,)"
                               R"("candidatesTokenCount":1e300}})");
        QVERIFY(gemini.usage().outputTokens >= TokenCount::Max);
        QVERIFY(gemini.usage().totalTokens() > 0);
    }
};

QTEST_APPLESS_MAIN(TestTokenCounts)
#include "TestTokenCounts.moc"
