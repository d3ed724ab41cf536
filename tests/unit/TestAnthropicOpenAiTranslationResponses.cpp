// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/AnthropicToOpenAiResponse.h"
#include "protocol/AnthropicUsageTracker.h"
#include "protocol/ErrorTranslation.h"
#include "protocol/OpenAiToAnthropicResponse.h"
#include "protocol/OpenAiUsageTracker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace {

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    return error.error == QJsonParseError::NoError ? doc.object() : QJsonObject();
}

// A real-shaped Anthropic message with text, two tool calls and prompt caching.
const QByteArray anthropicMessage =
    "{\"id\":\"msg_01Aq9w938a90dw8q\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
    "\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\",\"text\":\"I'll check \"},"
    "{\"type\":\"text\",\"text\":\"both.\"},{\"type\":\"tool_use\",\"id\":"
    "\"toolu_01A09q90qw90lq917835lq9\",\"name\":\"get_weather\",\"input\":{\"location\":"
    "\"San Francisco, CA\",\"unit\":\"celsius\"}},{\"type\":\"tool_use\",\"id\":\"toolu_02B\","
    "\"name\":\"get_time\",\"input\":{}}],\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
    "\"usage\":{\"input_tokens\":2095,\"cache_creation_input_tokens\":300,"
    "\"cache_read_input_tokens\":1800,\"output_tokens\":503,\"service_tier\":\"standard\"}}";

// A real-shaped OpenAI chat completion with tool calls and cached prompt tokens.
const QByteArray openAiCompletion =
    "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\","
    "\"created\":1741569952,\"model\":\"gpt-4.1-2025-04-14\",\"choices\":[{\"index\":0,"
    "\"message\":{\"role\":\"assistant\",\"content\":\"Checking.\",\"refusal\":null,"
    "\"annotations\":[],\"tool_calls\":[{\"id\":\"call_12345xyz\",\"type\":\"function\","
    "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"location\\\":\\\"Paris, France"
    "\\\"}\"}},{\"id\":\"call_67890abc\",\"type\":\"function\",\"function\":{\"name\":"
    "\"get_time\",\"arguments\":\"{\\\"tz\\\":\"}}]},\"logprobs\":null,\"finish_reason\":"
    "\"tool_calls\"}],\"usage\":{\"prompt_tokens\":1117,\"completion_tokens\":46,\"total_tokens\":"
    "1163,\"prompt_tokens_details\":{\"cached_tokens\":1024,\"audio_tokens\":0},"
    "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
    "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},\"service_tier\":"
    "\"default\",\"system_fingerprint\":\"fp_3f58d112f7\"}";

} // namespace

class TestAnthropicOpenAiTranslationResponses : public QObject
{
    Q_OBJECT
private slots:
    void anthropicToOpenAi();
    void anthropicToOpenAiTextOnly();
    void anthropicStopReasons_data();
    void anthropicStopReasons();
    void openAiToAnthropic();
    void openAiToAnthropicProviders();
    void openAiStopReasons_data();
    void openAiStopReasons();
    void roundTrip();
    void errorBodyInsteadOfMessage();
    void anthropicErrorsToOpenAi_data();
    void anthropicErrorsToOpenAi();
    void openAiErrorsToAnthropic_data();
    void openAiErrorsToAnthropic();
};

void TestAnthropicOpenAiTranslationResponses::anthropicToOpenAi()
{
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const QJsonObject o =
        parse(AnthropicToOpenAiResponse::translate(anthropicMessage, QStringLiteral("gpt-4o")));
    QCOMPARE(o.value(QLatin1String("id")).toString(),
             QStringLiteral("chatcmpl-msg_01Aq9w938a90dw8q"));
    QCOMPARE(o.value(QLatin1String("object")).toString(), QStringLiteral("chat.completion"));
    QCOMPARE(o.value(QLatin1String("model")).toString(), QStringLiteral("gpt-4o"));
    QVERIFY(o.value(QLatin1String("created")).toInteger() >= before);
    QVERIFY(o.value(QLatin1String("created")).toInteger() <= QDateTime::currentSecsSinceEpoch());
    const QJsonArray choices = o.value(QLatin1String("choices")).toArray();
    QCOMPARE(choices.size(), 1);
    const QJsonObject choice = choices.at(0).toObject();
    QCOMPARE(choice.value(QLatin1String("index")).toInt(-1), 0);
    QCOMPARE(choice.value(QLatin1String("finish_reason")).toString(), QStringLiteral("tool_calls"));
    const QJsonObject message = choice.value(QLatin1String("message")).toObject();
    QCOMPARE(message.value(QLatin1String("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(message.value(QLatin1String("content")).toString(),
             QStringLiteral("I'll check both."));
    const QJsonArray calls = message.value(QLatin1String("tool_calls")).toArray();
    QCOMPARE(calls.size(), 2);
    const QJsonObject call = calls.at(0).toObject();
    QCOMPARE(call.value(QLatin1String("id")).toString(),
             QStringLiteral("toolu_01A09q90qw90lq917835lq9"));
    QCOMPARE(call.value(QLatin1String("type")).toString(), QStringLiteral("function"));
    const QJsonObject function = call.value(QLatin1String("function")).toObject();
    QCOMPARE(function.value(QLatin1String("name")).toString(), QStringLiteral("get_weather"));
    QVERIFY(function.value(QLatin1String("arguments")).isString());
    QCOMPARE(parse(function.value(QLatin1String("arguments")).toString().toUtf8()),
             (QJsonObject{{QStringLiteral("location"), QStringLiteral("San Francisco, CA")},
                          {QStringLiteral("unit"), QStringLiteral("celsius")}}));
    QCOMPARE(calls.at(1)
                 .toObject()
                 .value(QLatin1String("function"))
                 .toObject()
                 .value(QLatin1String("arguments")),
             QJsonValue(QStringLiteral("{}")));

    const QJsonObject usage = o.value(QLatin1String("usage")).toObject();
    QCOMPARE(usage.value(QLatin1String("prompt_tokens")).toInt(), 2095 + 300 + 1800);
    QCOMPARE(usage.value(QLatin1String("completion_tokens")).toInt(), 503);
    QCOMPARE(usage.value(QLatin1String("total_tokens")).toInt(), 2095 + 300 + 1800 + 503);
    QCOMPARE(usage.value(QLatin1String("prompt_tokens_details"))
                 .toObject()
                 .value(QLatin1String("cached_tokens"))
                 .toInt(),
             1800);

    // The client's usage reader agrees with what the relay bills from the upstream body.
    OpenAiUsageTracker client;
    client.addResponseBody(AnthropicToOpenAiResponse::translate(anthropicMessage, {}));
    AnthropicUsageTracker upstream;
    upstream.addResponseBody(anthropicMessage);
    QCOMPARE(client.usage().totalTokens(), upstream.usage().totalTokens());
    QCOMPARE(client.usage().cacheReadTokens, upstream.usage().cacheReadTokens);
    QCOMPARE(client.model(), QStringLiteral("claude-sonnet-4-5-20250929")); // no requested model
}

void TestAnthropicOpenAiTranslationResponses::anthropicToOpenAiTextOnly()
{
    const QByteArray body =
        "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-haiku-4-"
        "5\","
        "\"content\":[{\"type\":\"thinking\",\"thinking\":\"Simple.\",\"signature\":\"abc\"},"
        "{\"type\":\"text\",\"text\":\"Hi!\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
        "\"usage\":{\"input_tokens\":10,\"output_tokens\":3}}";
    const QJsonObject message =
        parse(AnthropicToOpenAiResponse::translate(body, QStringLiteral("m")))
            .value(QLatin1String("choices"))
            .toArray()
            .at(0)
            .toObject()
            .value(QLatin1String("message"))
            .toObject();
    QCOMPARE(message.value(QLatin1String("content")).toString(), QStringLiteral("Hi!"));
    QCOMPARE(message.value(QLatin1String("reasoning_content")).toString(),
             QStringLiteral("Simple."));
    QVERIFY(!message.contains(QLatin1String("tool_calls")));

    // Only a tool call: content is null.
    const QByteArray toolOnly =
        "{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":"
        "[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{\"a\":1}}],"
        "\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
    const QJsonObject m2 = parse(AnthropicToOpenAiResponse::translate(toolOnly, {}))
                               .value(QLatin1String("choices"))
                               .toArray()
                               .at(0)
                               .toObject()
                               .value(QLatin1String("message"))
                               .toObject();
    QVERIFY(m2.contains(QLatin1String("content")));
    QVERIFY(m2.value(QLatin1String("content")).isNull());
}

void TestAnthropicOpenAiTranslationResponses::anthropicStopReasons_data()
{
    QTest::addColumn<QString>("stop");
    QTest::addColumn<QString>("finish");
    QTest::newRow("end_turn") << "end_turn"
                              << "stop";
    QTest::newRow("stop_sequence") << "stop_sequence"
                                   << "stop";
    QTest::newRow("max_tokens") << "max_tokens"
                                << "length";
    QTest::newRow("tool_use") << "tool_use"
                              << "tool_calls";
    QTest::newRow("refusal") << "refusal"
                             << "content_filter";
    QTest::newRow("pause_turn") << "pause_turn"
                                << "stop";
    QTest::newRow("context window") << "model_context_window_exceeded"
                                    << "length";
}

void TestAnthropicOpenAiTranslationResponses::anthropicStopReasons()
{
    QFETCH(QString, stop);
    QFETCH(QString, finish);
    const QByteArray body = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                            "\"model\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],"
                            "\"stop_reason\":\"" +
                            stop.toUtf8() +
                            "\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
    QCOMPARE(parse(AnthropicToOpenAiResponse::translate(body, {}))
                 .value(QLatin1String("choices"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("finish_reason"))
                 .toString(),
             finish);
}

void TestAnthropicOpenAiTranslationResponses::openAiToAnthropic()
{
    const QByteArray out =
        OpenAiToAnthropicResponse::translate(openAiCompletion, QStringLiteral("claude-sonnet-4-5"));
    const QJsonObject a = parse(out);
    QCOMPARE(a.value(QLatin1String("id")).toString(),
             QStringLiteral("msg_B9MBs8CjcvOU2jLn4n570S5qMJKcT"));
    QCOMPARE(a.value(QLatin1String("type")).toString(), QStringLiteral("message"));
    QCOMPARE(a.value(QLatin1String("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(a.value(QLatin1String("model")).toString(), QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(a.value(QLatin1String("stop_reason")).toString(), QStringLiteral("tool_use"));
    QVERIFY(a.value(QLatin1String("stop_sequence")).isNull());
    const QJsonArray content = a.value(QLatin1String("content")).toArray();
    QCOMPARE(content.size(), 3);
    QCOMPARE(content.at(0).toObject(),
             (QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                          {QStringLiteral("text"), QStringLiteral("Checking.")}}));
    const QJsonObject use = content.at(1).toObject();
    QCOMPARE(use.value(QLatin1String("type")).toString(), QStringLiteral("tool_use"));
    QCOMPARE(use.value(QLatin1String("id")).toString(), QStringLiteral("call_12345xyz"));
    QCOMPARE(use.value(QLatin1String("name")).toString(), QStringLiteral("get_weather"));
    QCOMPARE(use.value(QLatin1String("input")).toObject(),
             (QJsonObject{{QStringLiteral("location"), QStringLiteral("Paris, France")}}));
    // Truncated arguments JSON: input {} (documented choice).
    QCOMPARE(content.at(2).toObject().value(QLatin1String("input")).toObject(), QJsonObject());
    QVERIFY(content.at(2).toObject().value(QLatin1String("input")).isObject());

    const QJsonObject usage = a.value(QLatin1String("usage")).toObject();
    QCOMPARE(usage.value(QLatin1String("input_tokens")).toInt(), 1117 - 1024);
    QCOMPARE(usage.value(QLatin1String("cache_read_input_tokens")).toInt(), 1024);
    QCOMPARE(usage.value(QLatin1String("cache_creation_input_tokens")).toInt(-1), 0);
    QCOMPARE(usage.value(QLatin1String("output_tokens")).toInt(), 46);

    AnthropicUsageTracker client;
    client.addResponseBody(out);
    OpenAiUsageTracker upstream;
    upstream.addResponseBody(openAiCompletion);
    QCOMPARE(client.usage(), upstream.usage());
    QCOMPARE(client.stopReason(), QStringLiteral("tool_use"));
}

void TestAnthropicOpenAiTranslationResponses::openAiToAnthropicProviders()
{
    // DeepSeek: cache hits in prompt_cache_hit_tokens; finish "stop" although tool calls are
    // present (seen on compatible servers) still means tool_use; empty content gives no block.
    const QByteArray deepSeek =
        "{\"id\":\"930c60df-bf64-41c9-a88e-3ec75f81e00e\",\"object\":\"chat.completion\","
        "\"created\":1705651092,\"model\":\"deepseek-chat\",\"choices\":[{\"index\":0,\"message\":"
        "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"index\":0,\"id\":"
        "\"call_0_8e1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":"
        "\"{\\\"x\\\":1}\"}}]},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":"
        "{\"prompt_tokens\":100,\"completion_tokens\":20,\"total_tokens\":120,"
        "\"prompt_cache_hit_tokens\":64,\"prompt_cache_miss_tokens\":36}}";
    const QJsonObject a = parse(OpenAiToAnthropicResponse::translate(deepSeek, {}));
    QCOMPARE(a.value(QLatin1String("id")).toString(),
             QStringLiteral("msg_930c60df-bf64-41c9-a88e-3ec75f81e00e"));
    QCOMPARE(a.value(QLatin1String("model")).toString(), QStringLiteral("deepseek-chat"));
    QCOMPARE(a.value(QLatin1String("stop_reason")).toString(), QStringLiteral("tool_use"));
    const QJsonArray content = a.value(QLatin1String("content")).toArray();
    QCOMPARE(content.size(), 1);
    QCOMPARE(content.at(0).toObject().value(QLatin1String("input")).toObject(),
             (QJsonObject{{QStringLiteral("x"), 1}}));
    const QJsonObject usage = a.value(QLatin1String("usage")).toObject();
    QCOMPARE(usage.value(QLatin1String("input_tokens")).toInt(), 36);
    QCOMPARE(usage.value(QLatin1String("cache_read_input_tokens")).toInt(), 64);

    // A refusal without content becomes the text.
    const QByteArray refusal =
        "{\"id\":\"chatcmpl-r\",\"object\":\"chat.completion\",\"model\":\"gpt-4o\",\"choices\":"
        "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"refusal\":"
        "\"I can't help with that.\"},\"finish_reason\":\"content_filter\"}],\"usage\":"
        "{\"prompt_tokens\":5,\"completion_tokens\":6,\"total_tokens\":11}}";
    const QJsonObject r = parse(OpenAiToAnthropicResponse::translate(refusal, {}));
    QCOMPARE(
        r.value(QLatin1String("content")).toArray().at(0).toObject().value(QLatin1String("text")),
        QJsonValue(QStringLiteral("I can't help with that.")));
    QCOMPARE(r.value(QLatin1String("stop_reason")).toString(), QStringLiteral("refusal"));
}

void TestAnthropicOpenAiTranslationResponses::openAiStopReasons_data()
{
    QTest::addColumn<QString>("finish");
    QTest::addColumn<QString>("stop");
    QTest::newRow("stop") << "stop"
                          << "end_turn";
    QTest::newRow("length") << "length"
                            << "max_tokens";
    QTest::newRow("tool_calls") << "tool_calls"
                                << "tool_use";
    QTest::newRow("function_call") << "function_call"
                                   << "tool_use";
    QTest::newRow("content_filter") << "content_filter"
                                    << "refusal";
    QTest::newRow("missing") << ""
                             << "end_turn";
}

void TestAnthropicOpenAiTranslationResponses::openAiStopReasons()
{
    QFETCH(QString, finish);
    QFETCH(QString, stop);
    const QByteArray body = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":"
                            "\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                            "\"content\":\"x\"},\"finish_reason\":\"" +
                            finish.toUtf8() + "\"}]}";
    QCOMPARE(parse(OpenAiToAnthropicResponse::translate(body, {}))
                 .value(QLatin1String("stop_reason"))
                 .toString(),
             stop);
}

void TestAnthropicOpenAiTranslationResponses::roundTrip()
{
    // Anthropic -> OpenAI -> Anthropic keeps content, tool calls, stop reason and token totals;
    // the cache-write count folds into input_tokens (OpenAI has no such field).
    const QByteArray openAi = AnthropicToOpenAiResponse::translate(anthropicMessage, {});
    const QJsonObject back = parse(OpenAiToAnthropicResponse::translate(openAi, {}));
    const QJsonObject original = parse(anthropicMessage);
    QCOMPARE(back.value(QLatin1String("id")).toString(),
             original.value(QLatin1String("id")).toString());
    QCOMPARE(back.value(QLatin1String("model")), original.value(QLatin1String("model")));
    QCOMPARE(back.value(QLatin1String("stop_reason")),
             original.value(QLatin1String("stop_reason")));
    const QJsonArray content = back.value(QLatin1String("content")).toArray();
    const QJsonArray originalContent = original.value(QLatin1String("content")).toArray();
    QCOMPARE(content.size(), 3); // the two text blocks are joined
    QCOMPARE(content.at(0).toObject().value(QLatin1String("text")).toString(),
             QStringLiteral("I'll check both."));
    QCOMPARE(content.at(1).toObject(), originalContent.at(2).toObject());
    QCOMPARE(content.at(2).toObject(), originalContent.at(3).toObject());
    AnthropicUsageTracker a;
    a.addResponseBody(anthropicMessage);
    AnthropicUsageTracker b;
    b.addResponseBody(QJsonDocument(back).toJson());
    QCOMPARE(b.usage().totalTokens(), a.usage().totalTokens());
    QCOMPARE(b.usage().cacheReadTokens, a.usage().cacheReadTokens);
    QCOMPARE(b.usage().outputTokens, a.usage().outputTokens);
    QCOMPARE(b.usage().inputTokens, a.usage().inputTokens + a.usage().cacheWriteTokens);

    // OpenAI -> Anthropic -> OpenAI: content, calls, finish reason and usage survive exactly.
    const QByteArray anthropic = OpenAiToAnthropicResponse::translate(openAiCompletion, {});
    const QJsonObject o = parse(AnthropicToOpenAiResponse::translate(anthropic, {}));
    const QJsonObject oc = parse(openAiCompletion);
    QCOMPARE(o.value(QLatin1String("id")).toString(),
             QStringLiteral("chatcmpl-msg_B9MBs8CjcvOU2jLn4n570S5qMJKcT"));
    const QJsonObject usage = o.value(QLatin1String("usage")).toObject();
    const QJsonObject originalUsage = oc.value(QLatin1String("usage")).toObject();
    for (const char *key : {"prompt_tokens", "completion_tokens", "total_tokens"})
        QCOMPARE(usage.value(QLatin1String(key)), originalUsage.value(QLatin1String(key)));
    QCOMPARE(usage.value(QLatin1String("prompt_tokens_details"))
                 .toObject()
                 .value(QLatin1String("cached_tokens")),
             QJsonValue(1024));
    const QJsonObject choice = o.value(QLatin1String("choices")).toArray().at(0).toObject();
    QCOMPARE(choice.value(QLatin1String("finish_reason")).toString(), QStringLiteral("tool_calls"));
    QCOMPARE(choice.value(QLatin1String("message")).toObject().value(QLatin1String("content")),
             QJsonValue(QStringLiteral("Checking.")));
    QCOMPARE(choice.value(QLatin1String("message"))
                 .toObject()
                 .value(QLatin1String("tool_calls"))
                 .toArray()
                 .at(0),
             oc.value(QLatin1String("choices"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("message"))
                 .toObject()
                 .value(QLatin1String("tool_calls"))
                 .toArray()
                 .at(0));
}

void TestAnthropicOpenAiTranslationResponses::errorBodyInsteadOfMessage()
{
    // A translator handed an error body (e.g. a 200 that is not a message) produces an error in
    // the client's format rather than an empty message.
    const QJsonObject o = parse(AnthropicToOpenAiResponse::translate(
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
        {}));
    QCOMPARE(o.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString(),
             QStringLiteral("Overloaded"));
    const QJsonObject a = parse(OpenAiToAnthropicResponse::translate(
        "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}", {}));
    QCOMPARE(a.value(QLatin1String("type")).toString(), QStringLiteral("error"));
    QCOMPARE(a.value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(),
             QStringLiteral("invalid_request_error"));
}

void TestAnthropicOpenAiTranslationResponses::anthropicErrorsToOpenAi_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    auto body = [](const char *type, const char *message) {
        return QByteArray("{\"type\":\"error\",\"error\":{\"type\":\"") + type +
               "\",\"message\":\"" + message +
               "\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";
    };
    QTest::newRow("invalid") << body("invalid_request_error", "max_tokens: Field required") << 400
                             << "invalid_request_error"
                             << "invalid_request_error"
                             << "max_tokens: Field required";
    QTest::newRow("auth") << body("authentication_error", "invalid x-api-key") << 401
                          << "authentication_error"
                          << "authentication_error"
                          << "invalid x-api-key";
    QTest::newRow("permission") << body("permission_error", "no access") << 403
                                << "permission_error"
                                << "permission_error"
                                << "no access";
    QTest::newRow("not found") << body("not_found_error", "model: claude-x") << 404
                               << "invalid_request_error"
                               << "not_found_error"
                               << "model: claude-x";
    QTest::newRow("rate") << body("rate_limit_error", "slow down") << 429 << "rate_limit_error"
                          << "rate_limit_error"
                          << "slow down";
    QTest::newRow("api") << body("api_error", "Internal server error") << 500 << "api_error"
                         << "api_error"
                         << "Internal server error";
    QTest::newRow("overloaded") << body("overloaded_error", "Overloaded") << 529 << "api_error"
                                << "overloaded_error"
                                << "Overloaded";
    QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>\n") << 502
                          << "api_error"
                          << "api_error"
                          << "<html><body>502 Bad Gateway</body></html>";
    QTest::newRow("text 429") << QByteArray("Too Many Requests") << 429 << "rate_limit_error"
                              << "rate_limit_error"
                              << "Too Many Requests";
    QTest::newRow("empty 503") << QByteArray() << 503 << "api_error"
                               << "overloaded_error"
                               << "";
}

void TestAnthropicOpenAiTranslationResponses::anthropicErrorsToOpenAi()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, type);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const QJsonObject o = parse(ErrorTranslation::anthropicToOpenAi(body, status));
    QCOMPARE(o.keys(), QStringList{QStringLiteral("error")});
    const QJsonObject e = o.value(QLatin1String("error")).toObject();
    QCOMPARE(e.value(QLatin1String("type")).toString(), type);
    QCOMPARE(e.value(QLatin1String("code")).toString(), code);
    QCOMPARE(e.value(QLatin1String("message")).toString(), message);
    QVERIFY(e.contains(QLatin1String("param")));
    // An OpenAI client's error reader recognises it.
    OpenAiUsageTracker t;
    t.addResponseBody(ErrorTranslation::anthropicToOpenAi(body, status));
    QCOMPARE(t.errorMessage(), message);
}

void TestAnthropicOpenAiTranslationResponses::openAiErrorsToAnthropic_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("message");
    QTest::newRow("openai 401")
        << QByteArray("{\"error\":{\"message\":\"Incorrect API key provided: sk-abc***.\",\"type\":"
                      "\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}")
        << 401 << "authentication_error"
        << "Incorrect API key provided: sk-abc***.";
    QTest::newRow("openai 429")
        << QByteArray("{\"error\":{\"message\":\"Rate limit reached for gpt-4o\",\"type\":"
                      "\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}")
        << 429 << "rate_limit_error"
        << "Rate limit reached for gpt-4o";
    QTest::newRow("openai 400 context")
        << QByteArray("{\"error\":{\"message\":\"This model's maximum context length is 128000 "
                      "tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\","
                      "\"code\":\"context_length_exceeded\"}}")
        << 400 << "invalid_request_error"
        << "This model's maximum context length is 128000 tokens.";
    QTest::newRow("404") << QByteArray("{\"error\":{\"message\":\"The model `x` does not exist\","
                                       "\"type\":\"invalid_request_error\",\"code\":"
                                       "\"model_not_found\"}}")
                         << 404 << "not_found_error"
                         << "The model `x` does not exist";
    QTest::newRow("403") << QByteArray("{\"error\":{\"message\":\"denied\"}}") << 403
                         << "permission_error"
                         << "denied";
    QTest::newRow("500") << QByteArray("{\"error\":{\"message\":\"The server had an error\","
                                       "\"type\":\"server_error\"}}")
                         << 500 << "api_error"
                         << "The server had an error";
    QTest::newRow("503") << QByteArray("{\"error\":{\"message\":\"busy\"}}") << 503
                         << "overloaded_error"
                         << "busy";
    QTest::newRow("glm") << QByteArray("{\"error\":{\"code\":\"1211\",\"message\":\"模型不存在\"}}")
                         << 400 << "invalid_request_error" << QStringLiteral("模型不存在");
    QTest::newRow("string error") << QByteArray("{\"error\":\"Invalid token\"}") << 401
                                  << "authentication_error"
                                  << "Invalid token";
    QTest::newRow("detail") << QByteArray("{\"detail\":\"Not Found\"}") << 404 << "not_found_error"
                            << "Not Found";
    QTest::newRow("plain text") << QByteArray("upstream connect error\r\n") << 502 << "api_error"
                                << "upstream connect error";
    QTest::newRow("in stream, by type")
        << QByteArray("{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\"}}") << 0
        << "permission_error"
        << "quota";
    QTest::newRow("in stream, by code")
        << QByteArray("{\"error\":{\"message\":\"slow\",\"type\":\"x\",\"code\":"
                      "\"rate_limit_exceeded\"}}")
        << 0 << "rate_limit_error"
        << "slow";
}

void TestAnthropicOpenAiTranslationResponses::openAiErrorsToAnthropic()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, type);
    QFETCH(QString, message);
    const QByteArray out = ErrorTranslation::openAiToAnthropic(body, status);
    const QJsonObject a = parse(out);
    QCOMPARE(a.value(QLatin1String("type")).toString(), QStringLiteral("error"));
    const QJsonObject e = a.value(QLatin1String("error")).toObject();
    QCOMPARE(e.value(QLatin1String("type")).toString(), type);
    QCOMPARE(e.value(QLatin1String("message")).toString(), message);
    AnthropicUsageTracker t;
    t.addResponseBody(out);
    QCOMPARE(t.errorType(), type);
}

QTEST_GUILESS_MAIN(TestAnthropicOpenAiTranslationResponses)
#include "TestAnthropicOpenAiTranslationResponses.moc"
