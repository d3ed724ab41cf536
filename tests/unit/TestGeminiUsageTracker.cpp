// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/GeminiUsageTracker.h"
#include "protocol/SseParser.h"

#include <QTest>

class TestGeminiUsageTracker : public QObject
{
    Q_OBJECT

private slots:
    void nonStreamingBody()
    {
        GeminiUsageTracker t;
        t.addResponseBody(
            R"({"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"}, "finishReason":"STOP","index":0}], "usageMetadata":{"promptTokenCount":1200,"candidatesTokenCount":40, "totalTokenCount":1300,"cachedContentTokenCount":1000,"thoughtsTokenCount":60}, "modelVersion":"gemini-2.5-flash","responseId":"abc123"})");
        const TokenUsage u = t.usage();
        QCOMPARE(u.inputTokens, 200);
        QCOMPARE(u.cacheReadTokens, 1000);
        QCOMPARE(u.cacheWriteTokens, 0);
        QCOMPARE(u.outputTokens, 100); // candidates + thoughts
        QCOMPARE(t.thoughtsTokens(), 60);
        QCOMPARE(t.model(), QStringLiteral("gemini-2.5-flash"));
        QCOMPARE(t.responseId(), QStringLiteral("abc123"));
        QCOMPARE(t.stopReason(), QStringLiteral("STOP"));
        QVERIFY(t.sawUsage());
        QVERIFY(t.errorType().isEmpty());
    }

    void streamKeepsLastCumulativeUsage()
    {
        // As Google sends it: CRLF framing, usage repeated and growing, finishReason last.
        const QByteArray raw =
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Here\"}],\"role\": "
            "\"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 5,"
            "\"candidatesTokenCount\": 39,\"totalTokenCount\": 230,\"thoughtsTokenCount\": 186},"
            "\"modelVersion\": \"models/gemini-2.5-flash-preview-05-20\",\"responseId\": \"r1\"}"
            "\r\n\r\n"
            "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" you go\"}],\"role\": "
            "\"model\"},\"finishReason\": \"MAX_TOKENS\",\"index\": 0}],\"usageMetadata\": "
            "{\"promptTokenCount\": 5,\"candidatesTokenCount\": 44,\"totalTokenCount\": 235,"
            "\"thoughtsTokenCount\": 186},\"modelVersion\": "
            "\"models/gemini-2.5-flash-preview-05-20\",\"responseId\": \"r1\"}\r\n\r\n";
        SseParser parser;
        GeminiUsageTracker t;
        // Split at every byte boundary class: feed in small pieces.
        QList<SseEvent> events;
        for (qsizetype i = 0; i < raw.size(); i += 7)
            events += parser.feed(raw.mid(i, 7));
        QCOMPARE(events.size(), 2);
        for (const SseEvent &e : std::as_const(events))
            t.addEvent(e);
        QCOMPARE(t.usage().inputTokens, 5);
        QCOMPARE(t.usage().outputTokens, 44 + 186);
        QCOMPARE(t.usage().cacheReadTokens, 0);
        QCOMPARE(t.model(), QStringLiteral("gemini-2.5-flash-preview-05-20"));
        QCOMPARE(t.stopReason(), QStringLiteral("MAX_TOKENS"));
        QVERIFY(t.sawFinishReason());
    }

    void intermediateChunksWithoutCountsDoNotLowerUsage()
    {
        GeminiUsageTracker t;
        SseEvent a;
        a.hasData = true;
        a.data =
            R"({"candidates":[{"content":{"parts":[{"text":"x"}]}}], "usageMetadata":{"promptTokenCount":900,"cachedContentTokenCount":800, "candidatesTokenCount":10}})";
        SseEvent b;
        b.hasData = true;
        b.data =
            R"({"candidates":[{"content":{"parts":[{"text":"y"}]}}], "usageMetadata":{"trafficType":"ON_DEMAND"}})";
        t.addEvent(a);
        t.addEvent(b);
        QVERIFY(!t.sawFinishReason());
        QCOMPARE(t.usage().inputTokens, 100);
        QCOMPARE(t.usage().cacheReadTokens, 800);
        QCOMPARE(t.usage().outputTokens, 10);
    }

    void toolUsePromptTokensCountAsInput()
    {
        GeminiUsageTracker t;
        t.addResponseBody(
            R"({"candidates":[],"usageMetadata":{"promptTokenCount":10, "toolUsePromptTokenCount":30,"candidatesTokenCount":2}})");
        QCOMPARE(t.usage().inputTokens, 40);
        QCOMPARE(t.usage().outputTokens, 2);
    }

    void jsonArrayBody()
    {
        GeminiUsageTracker t;
        t.addResponseBody(
            R"([{"candidates":[{"content":{"parts":[{"text":"a"}]},"index":0}], "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":1}}, {"candidates":[{"content":{"parts":[{"text":"b"}]},"finishReason":"STOP","index":0}], "usageMetadata":{"promptTokenCount":3,"candidatesTokenCount":2}}])");
        QCOMPARE(t.usage().outputTokens, 2);
        QCOMPARE(t.stopReason(), QStringLiteral("STOP"));
    }

    void blockedPrompt()
    {
        GeminiUsageTracker t;
        t.addResponseBody(
            R"({"promptFeedback":{"blockReason":"SAFETY"}, "usageMetadata":{"promptTokenCount":8,"totalTokenCount":8}})");
        QCOMPARE(t.stopReason(), QStringLiteral("SAFETY"));
        QCOMPARE(t.usage().inputTokens, 8);
        QCOMPARE(t.usage().outputTokens, 0);
    }

    void errors()
    {
        GeminiUsageTracker t;
        t.addResponseBody(
            R"({"error":{"code":429,"message":"Resource has been exhausted", "status":"RESOURCE_EXHAUSTED"}})");
        QCOMPARE(t.errorType(), QStringLiteral("RESOURCE_EXHAUSTED"));
        QCOMPARE(t.errorMessage(), QStringLiteral("Resource has been exhausted"));
        QCOMPARE(t.errorCode(), 429);
        QVERIFY(t.usage().isEmpty());

        GeminiUsageTracker s;
        SseEvent e;
        e.hasData = true;
        e.data = R"({"error":{"code":500,"message":"internal"}})";
        s.addEvent(e);
        QCOMPARE(s.errorType(), QStringLiteral("error"));
        QCOMPARE(s.errorCode(), 500);

        GeminiUsageTracker junk;
        junk.addResponseBody("<html>502</html>");
        SseEvent comment;
        comment.raw = ": keep-alive\n\n";
        junk.addEvent(comment);
        QVERIFY(junk.errorType().isEmpty());
        QVERIFY(!junk.sawUsage());
    }
};

QTEST_GUILESS_MAIN(TestGeminiUsageTracker)
#include "TestGeminiUsageTracker.moc"
