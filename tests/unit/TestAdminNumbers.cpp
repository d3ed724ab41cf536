// SPDX-License-Identifier: GPL-3.0-or-later
// Out-of-range numbers: bounded integers from JSON and saturating token sums.
#include "api/admin/ApiError.h"
#include "api/admin/JsonNumbers.h"
#include "protocol/AnthropicUsageTracker.h"
#include "protocol/ErrorTranslation.h"
#include "protocol/GeminiOpenAiMapping.h"
#include "protocol/GeminiUsageTracker.h"
#include "protocol/OpenAiToAnthropicRequest.h"
#include "protocol/OpenAiUsageTracker.h"
#include "protocol/TokenCount.h"
#include "protocol/TokenUsage.h"

#include <QJsonDocument>
#include <QTest>

#include <limits>

class TestAdminNumbers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeNumbersInRangeOnly()
    {
        QCOMPARE(JsonNumbers::wholeNumber(QJsonValue(5), 1, 10), std::optional<qint64>(5));
        QCOMPARE(JsonNumbers::wholeNumber(QJsonValue(1), 1, 10), std::optional<qint64>(1));
        QCOMPARE(JsonNumbers::wholeNumber(QJsonValue(10), 1, 10), std::optional<qint64>(10));
        for (const QJsonValue &v :
             {QJsonValue(0), QJsonValue(11), QJsonValue(1.5), QJsonValue(1e300), QJsonValue(-1e300),
              QJsonValue(std::numeric_limits<double>::infinity()),
              QJsonValue(std::numeric_limits<double>::quiet_NaN()), QJsonValue(QStringLiteral("5")),
              QJsonValue(true), QJsonValue()})
            QVERIFY2(!JsonNumbers::wholeNumber(v, 1, 10), qPrintable(v.toVariant().toString()));
        // Bounds near 2^63, which a double cannot hold exactly.
        const qint64 max = std::numeric_limits<qint64>::max();
        QVERIFY(!JsonNumbers::wholeNumber(QJsonValue(9.3e18), 0, max));
        QVERIFY(!JsonNumbers::wholeNumber(QJsonValue(9.223372036854775807e18), 0, max));
        QCOMPARE(JsonNumbers::wholeNumber(QJsonValue(double(JsonNumbers::MaxExact)), 0,
                                          JsonNumbers::MaxExact),
                 std::optional<qint64>(JsonNumbers::MaxExact));
    }

    void readThrowsAClear400()
    {
        try {
            JsonNumbers::read(QJsonValue(1e300), QStringLiteral("expiresAt"), 0, 100);
            QFAIL("no error");
        } catch (const ApiError &e) {
            QCOMPARE(e.status, 400);
            QCOMPARE(e.type, QStringLiteral("invalid_request_error"));
            QCOMPARE(e.message,
                     QStringLiteral("\"expiresAt\" must be a whole number from 0 to 100."));
        }
        QCOMPARE(JsonNumbers::read(QJsonValue(7), QStringLiteral("x"), 0, 100), 7);
    }

    void tokenCountsClampAndSaturate()
    {
        QCOMPARE(TokenCount::fromJson(QJsonValue(1e300)), TokenCount::Max);
        QCOMPARE(TokenCount::fromJson(QJsonValue(-5)), 0);
        QCOMPARE(TokenCount::fromJson(QJsonValue(std::numeric_limits<double>::quiet_NaN())), 0);
        QCOMPARE(TokenCount::fromJson(QJsonValue(42.9)), 42);
        QCOMPARE(TokenCount::fromJson(QJsonValue(QStringLiteral("42"))), 0);
        const qint64 max = std::numeric_limits<qint64>::max();
        QCOMPARE(TokenCount::add(max, 1), max);
        QCOMPARE(TokenCount::add(max - 1, max - 1), max);
        QCOMPARE(TokenCount::add(2, 3), 5);
        TokenUsage u;
        u.inputTokens = max;
        u.outputTokens = max;
        u.cacheReadTokens = 1;
        QCOMPARE(u.totalTokens(), max);
    }

    void hugeNumbersInTranslationsAreClamped()
    {
        QString error;
        const auto anthropic = OpenAiToAnthropicRequest::translate(
            R"({"model":"m","max_tokens":1e300,"messages":[{"role":"user","content":"hi"}]})",
            &error, nullptr);
        QVERIFY2(anthropic, qPrintable(error));
        QCOMPARE(QJsonDocument::fromJson(*anthropic).object().value("max_tokens").toInteger(),
                 TokenCount::Max);
        const QJsonObject usage =
            GeminiOpenAiMapping::usage(QJsonObject{{"promptTokenCount", 1e300},
                                                   {"candidatesTokenCount", 1e300},
                                                   {"thoughtsTokenCount", 5}});
        QCOMPARE(usage.value("prompt_tokens").toInteger(), TokenCount::Max);
        QCOMPARE(usage.value("total_tokens").toInteger(), 2 * TokenCount::Max + 5);
        // An error code of 1e300 is shown as a number, not converted to an integer.
        const QByteArray translated = ErrorTranslation::openAiToAnthropic(
            R"({"error":{"message":"x","type":"t","code":1e300}})", 400);
        QVERIFY(!translated.isEmpty());
    }

    void hugeUpstreamCountsAreClamped()
    {
        AnthropicUsageTracker a;
        a.addResponseBody(R"({"type":"message","usage":{"input_tokens":1e300,"output_tokens":-1,
                              "cache_read_input_tokens":1e19}})");
        QCOMPARE(a.usage().inputTokens, TokenCount::Max);
        QCOMPARE(a.usage().outputTokens, 0);
        QCOMPARE(a.usage().cacheReadTokens, TokenCount::Max);

        OpenAiUsageTracker o;
        o.addResponseBody(R"({"usage":{"prompt_tokens":1e300,"completion_tokens":1e300}})");
        QCOMPARE(o.usage().outputTokens, TokenCount::Max);
        QVERIFY(o.usage().inputTokens >= 0);

        GeminiUsageTracker g;
        g.addResponseBody(R"({"usageMetadata":{"promptTokenCount":1e300,
                              "toolUsePromptTokenCount":1e300,"candidatesTokenCount":1e300,
                              "thoughtsTokenCount":1e300}})");
        QCOMPARE(g.usage().inputTokens, 2 * TokenCount::Max);
        QCOMPARE(g.usage().outputTokens, 2 * TokenCount::Max);
    }
};

QTEST_GUILESS_MAIN(TestAdminNumbers)
#include "TestAdminNumbers.moc"
