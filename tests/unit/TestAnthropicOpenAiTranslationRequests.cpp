// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/AnthropicToOpenAiRequest.h"
#include "protocol/OpenAiToAnthropicRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace {

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonObject toAnthropic(const QByteArray &openAi, bool *stream = nullptr)
{
    QString error;
    const auto out = OpenAiToAnthropicRequest::translate(openAi, &error, stream);
    if (!out) {
        qWarning("translation failed: %s", qPrintable(error));
        return {};
    }
    return parse(*out);
}

QJsonObject toOpenAi(const QByteArray &anthropic, bool *stream = nullptr)
{
    QString error;
    const auto out = AnthropicToOpenAiRequest::translate(anthropic, &error, stream);
    if (!out) {
        qWarning("translation failed: %s", qPrintable(error));
        return {};
    }
    return parse(*out);
}

const QByteArray pngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+"
                             "M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

// A multi-turn OpenAI request as the openai SDK sends it: system + developer prompts, an image,
// a tool call with its result, two parallel tool definitions.
QByteArray openAiConversation()
{
    return "{\"model\":\"claude-sonnet-4-5\",\"messages\":["
           "{\"role\":\"system\",\"content\":\"You are a weather assistant.\"},"
           "{\"role\":\"developer\",\"content\":[{\"type\":\"text\",\"text\":\"Answer "
           "briefly.\"}]},"
           "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is in this picture, "
           "and what is the weather in Paris?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":"
           "\"data:image/png;base64," +
           pngBase64 +
           "\"}}]},"
           "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_Xy12\","
           "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
           "\"{\\\"city\\\":\\\"Paris\\\",\\\"unit\\\":\\\"celsius\\\"}\"}},{\"id\":\"call_Zz34\","
           "\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":"
           "\"{\\\"timezone\\\":\\\"Europe/Paris\\\"}\"}}]},"
           "{\"role\":\"tool\",\"tool_call_id\":\"call_Xy12\",\"content\":\"18 C, sunny\"},"
           "{\"role\":\"tool\",\"tool_call_id\":\"call_Zz34\",\"content\":[{\"type\":\"text\","
           "\"text\":\"14:05\"}]},"
           "{\"role\":\"user\",\"content\":\"Thanks! And in https://example.com/tokyo.jpg?\"},"
           "{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":"
           "\"https://example.com/tokyo.jpg\",\"detail\":\"high\"}}]}"
           "],"
           "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
           "\"description\":\"Current weather\",\"parameters\":{\"type\":\"object\",\"properties\":"
           "{\"city\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\",\"enum\":[\"celsius\","
           "\"fahrenheit\"]}},\"required\":[\"city\"]}}},{\"type\":\"function\",\"function\":"
           "{\"name\":\"get_time\",\"parameters\":{\"type\":\"object\",\"properties\":{"
           "\"timezone\":"
           "{\"type\":\"string\"}}}}}],"
           "\"tool_choice\":\"required\",\"parallel_tool_calls\":false,"
           "\"max_completion_tokens\":1024,\"temperature\":0.2,\"top_p\":0.9,\"stop\":\"END\","
           "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"user\":\"user-42\","
           "\"seed\":7,\"presence_penalty\":0}";
}

// A Claude Code style Anthropic request: system blocks with cache_control, thinking, tool use.
QByteArray anthropicConversation()
{
    return "{\"model\":\"qwen3-coder-plus\",\"max_tokens\":32000,\"stream\":true,"
           "\"system\":[{\"type\":\"text\",\"text\":\"You are Claude Code.\"},{\"type\":\"text\","
           "\"text\":\"Work in /repo.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
           "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":4000},"
           "\"metadata\":{\"user_id\":\"user_abc_account__session_1234\"},"
           "\"messages\":["
           "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"<system-reminder>x"
           "</system-reminder>\"},{\"type\":\"text\",\"text\":\"List the files\","
           "\"cache_control\":{\"type\":\"ephemeral\"}}]},"
           "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"ls it is\","
           "\"signature\":\"EqQB\"},{\"type\":\"text\",\"text\":\"I'll list them.\"},"
           "{\"type\":\"tool_use\",\"id\":\"toolu_01A\",\"name\":\"Bash\",\"input\":{\"command\":"
           "\"ls\",\"description\":\"List files\"}},{\"type\":\"tool_use\",\"id\":\"toolu_01B\","
           "\"name\":\"Read\",\"input\":{\"file_path\":\"/repo/README.md\"}}]},"
           "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_"
           "01A\","
           "\"content\":\"a.txt\\nb.txt\"},{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01B\","
           "\"content\":[{\"type\":\"text\",\"text\":\"# Readme\"},{\"type\":\"image\",\"source\":"
           "{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" +
           pngBase64 +
           "\"}}],\"is_error\":false},{\"type\":\"text\",\"text\":\"Now summarise.\"}]}"
           "],"
           "\"tools\":[{\"name\":\"Bash\",\"description\":\"Run a command\",\"input_schema\":"
           "{\"type\":\"object\",\"properties\":{\"command\":{\"type\":\"string\"}},\"required\":"
           "[\"command\"]}},{\"name\":\"Read\",\"description\":\"Read a file\",\"input_schema\":"
           "{\"type\":\"object\",\"properties\":{\"file_path\":{\"type\":\"string\"}}},"
           "\"cache_control\":{\"type\":\"ephemeral\"}}],"
           "\"tool_choice\":{\"type\":\"auto\",\"disable_parallel_tool_use\":true},"
           "\"temperature\":1,\"top_k\":40,\"stop_sequences\":[\"</done>\"]}";
}

} // namespace

class TestAnthropicOpenAiTranslationRequests : public QObject
{
    Q_OBJECT
private slots:
    void openAiToAnthropic();
    void openAiToAnthropicDefaults();
    void openAiToAnthropicToolChoice_data();
    void openAiToAnthropicToolChoice();
    void openAiToAnthropicBadInput_data();
    void openAiToAnthropicBadInput();
    void anthropicToOpenAi();
    void anthropicToOpenAiPlainText();
    void anthropicToOpenAiBadInput_data();
    void anthropicToOpenAiBadInput();
    void roundTripFromOpenAi();
    void roundTripFromAnthropic();
};

void TestAnthropicOpenAiTranslationRequests::openAiToAnthropic()
{
    bool stream = false;
    const QJsonObject a = toAnthropic(openAiConversation(), &stream);
    QVERIFY(!a.isEmpty());
    QVERIFY(stream);
    QCOMPARE(a.value(QLatin1String("model")).toString(), QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(a.value(QLatin1String("system")).toString(),
             QStringLiteral("You are a weather assistant.\n\nAnswer briefly."));
    QCOMPARE(a.value(QLatin1String("max_tokens")).toInt(), 1024);
    QCOMPARE(a.value(QLatin1String("temperature")).toDouble(), 0.2);
    QCOMPARE(a.value(QLatin1String("top_p")).toDouble(), 0.9);
    QCOMPARE(a.value(QLatin1String("stop_sequences")).toArray(), QJsonArray{QStringLiteral("END")});
    QCOMPARE(a.value(QLatin1String("stream")).toBool(), true);
    QCOMPARE(
        a.value(QLatin1String("metadata")).toObject().value(QLatin1String("user_id")).toString(),
        QStringLiteral("user-42"));
    for (const char *openAiOnly : {"stream_options", "seed", "presence_penalty", "user",
                                   "max_completion_tokens", "stop", "parallel_tool_calls"})
        QVERIFY2(!a.contains(QLatin1String(openAiOnly)), openAiOnly);

    const QJsonArray messages = a.value(QLatin1String("messages")).toArray();
    QCOMPARE(messages.size(), 3); // user, assistant, user (tool results + the two user messages)
    QStringList roles;
    for (const QJsonValue &m : messages)
        roles.append(m.toObject().value(QLatin1String("role")).toString());
    QCOMPARE(roles, (QStringList{QStringLiteral("user"), QStringLiteral("assistant"),
                                 QStringLiteral("user")}));

    const QJsonArray first = messages.at(0).toObject().value(QLatin1String("content")).toArray();
    QCOMPARE(first.size(), 2);
    QCOMPARE(first.at(0).toObject().value(QLatin1String("type")).toString(),
             QStringLiteral("text"));
    const QJsonObject image = first.at(1).toObject();
    QCOMPARE(image.value(QLatin1String("type")).toString(), QStringLiteral("image"));
    const QJsonObject source = image.value(QLatin1String("source")).toObject();
    QCOMPARE(source.value(QLatin1String("type")).toString(), QStringLiteral("base64"));
    QCOMPARE(source.value(QLatin1String("media_type")).toString(), QStringLiteral("image/png"));
    QCOMPARE(source.value(QLatin1String("data")).toString().toLatin1(), pngBase64);

    const QJsonArray assistant =
        messages.at(1).toObject().value(QLatin1String("content")).toArray();
    QCOMPARE(assistant.size(), 2); // null content adds no text block
    const QJsonObject use = assistant.at(0).toObject();
    QCOMPARE(use.value(QLatin1String("type")).toString(), QStringLiteral("tool_use"));
    QCOMPARE(use.value(QLatin1String("id")).toString(), QStringLiteral("call_Xy12"));
    QCOMPARE(use.value(QLatin1String("name")).toString(), QStringLiteral("get_weather"));
    QCOMPARE(use.value(QLatin1String("input")).toObject(),
             (QJsonObject{{QStringLiteral("city"), QStringLiteral("Paris")},
                          {QStringLiteral("unit"), QStringLiteral("celsius")}}));

    const QJsonArray last = messages.at(2).toObject().value(QLatin1String("content")).toArray();
    QCOMPARE(last.size(), 4);
    const QJsonObject result = last.at(0).toObject();
    QCOMPARE(result.value(QLatin1String("type")).toString(), QStringLiteral("tool_result"));
    QCOMPARE(result.value(QLatin1String("tool_use_id")).toString(), QStringLiteral("call_Xy12"));
    QCOMPARE(result.value(QLatin1String("content"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("text")),
             QJsonValue(QStringLiteral("18 C, sunny")));
    QCOMPARE(last.at(1).toObject().value(QLatin1String("tool_use_id")).toString(),
             QStringLiteral("call_Zz34"));
    QCOMPARE(last.at(2).toObject().value(QLatin1String("type")).toString(), QStringLiteral("text"));
    const QJsonObject urlSource = last.at(3).toObject().value(QLatin1String("source")).toObject();
    QCOMPARE(urlSource.value(QLatin1String("type")).toString(), QStringLiteral("url"));
    QCOMPARE(urlSource.value(QLatin1String("url")).toString(),
             QStringLiteral("https://example.com/tokyo.jpg"));

    const QJsonArray tools = a.value(QLatin1String("tools")).toArray();
    QCOMPARE(tools.size(), 2);
    QCOMPARE(tools.at(0).toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("get_weather"));
    QCOMPARE(tools.at(0).toObject().value(QLatin1String("description")).toString(),
             QStringLiteral("Current weather"));
    QCOMPARE(tools.at(0)
                 .toObject()
                 .value(QLatin1String("input_schema"))
                 .toObject()
                 .value(QLatin1String("required"))
                 .toArray(),
             QJsonArray{QStringLiteral("city")});
    QVERIFY(!tools.at(1).toObject().contains(QLatin1String("description")));
    QCOMPARE(a.value(QLatin1String("tool_choice")).toObject(),
             (QJsonObject{{QStringLiteral("type"), QStringLiteral("any")},
                          {QStringLiteral("disable_parallel_tool_use"), true}}));
}

void TestAnthropicOpenAiTranslationRequests::openAiToAnthropicDefaults()
{
    bool stream = true;
    const QJsonObject a = toAnthropic(
        "{\"model\":\"claude-haiku-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
        "\"temperature\":1.7,\"stop\":[\"a\",\"b\"],\"n\":1,"
        "\"tool_choice\":\"auto\",\"max_tokens\":50}",
        &stream);
    QVERIFY(!stream);
    QVERIFY(!a.contains(QLatin1String("stream")));
    QCOMPARE(a.value(QLatin1String("max_tokens")).toInt(), 50);
    QCOMPARE(a.value(QLatin1String("temperature")).toDouble(), 1.0); // clamped to Anthropic's range
    QCOMPARE(a.value(QLatin1String("stop_sequences")).toArray().size(), 2);
    QVERIFY(!a.contains(QLatin1String("system")));
    QVERIFY(!a.contains(QLatin1String("tool_choice"))); // no tools: dropped
    QCOMPARE(a.value(QLatin1String("messages"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("content")),
             QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                               {QStringLiteral("text"), QStringLiteral("Hi")}}}));

    const QJsonObject b =
        toAnthropic("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
    QCOMPARE(b.value(QLatin1String("max_tokens")).toInt(),
             OpenAiToAnthropicRequest::DefaultMaxTokens);

    // Invalid arguments in the history become {} rather than failing the conversation.
    const QJsonObject c = toAnthropic(
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":"
        "\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
        "\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":\"}}]},{\"role\":\"tool\","
        "\"tool_call_id\":\"c1\",\"content\":\"\"}]}");
    const QJsonArray assistant = c.value(QLatin1String("messages"))
                                     .toArray()
                                     .at(1)
                                     .toObject()
                                     .value(QLatin1String("content"))
                                     .toArray();
    QCOMPARE(assistant.size(), 1); // the empty text is dropped
    QCOMPARE(assistant.at(0).toObject().value(QLatin1String("input")).toObject(), QJsonObject());

    QVERIFY(OpenAiToAnthropicRequest::includeUsageRequested(openAiConversation()));
    QVERIFY(!OpenAiToAnthropicRequest::includeUsageRequested("{\"stream\":true}"));
}

void TestAnthropicOpenAiTranslationRequests::openAiToAnthropicToolChoice_data()
{
    QTest::addColumn<QByteArray>("choice");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("auto") << QByteArray("\"auto\"") << QByteArray("{\"type\":\"auto\"}");
    QTest::newRow("none") << QByteArray("\"none\"") << QByteArray("{\"type\":\"none\"}");
    QTest::newRow("required") << QByteArray("\"required\"") << QByteArray("{\"type\":\"any\"}");
    QTest::newRow("named") << QByteArray("{\"type\":\"function\",\"function\":{\"name\":\"f\"}}")
                           << QByteArray("{\"type\":\"tool\",\"name\":\"f\"}");
    QTest::newRow("absent") << QByteArray() << QByteArray();
}

void TestAnthropicOpenAiTranslationRequests::openAiToAnthropicToolChoice()
{
    QFETCH(QByteArray, choice);
    QFETCH(QByteArray, expected);
    QByteArray body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                      "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]";
    if (!choice.isEmpty())
        body += ",\"tool_choice\":" + choice;
    body += "}";
    const QJsonObject a = toAnthropic(body);
    QCOMPARE(a.value(QLatin1String("tool_choice")).toObject(), parse(expected));
    // A tool without parameters still gets the object schema Anthropic requires.
    QCOMPARE(a.value(QLatin1String("tools"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("input_schema"))
                 .toObject()
                 .value(QLatin1String("type"))
                 .toString(),
             QStringLiteral("object"));

    // And back.
    QByteArray anthropic = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\","
                           "\"content\":\"Hi\"}],\"tools\":[{\"name\":\"f\",\"input_schema\":"
                           "{\"type\":\"object\"}}]";
    if (!expected.isEmpty())
        anthropic += ",\"tool_choice\":" + expected;
    anthropic += "}";
    const QJsonObject o = toOpenAi(anthropic);
    if (choice.isEmpty())
        QVERIFY(!o.contains(QLatin1String("tool_choice")));
    else
        QCOMPARE(o.value(QLatin1String("tool_choice")),
                 QJsonDocument::fromJson("[" + choice + "]").array().at(0));
}

void TestAnthropicOpenAiTranslationRequests::openAiToAnthropicBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QByteArray("{\"model\":") << "JSON";
    QTest::newRow("array") << QByteArray("[1]") << "JSON object";
    QTest::newRow("no model") << QByteArray(
                                     "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
                              << "model";
    QTest::newRow("no messages") << QByteArray("{\"model\":\"m\"}") << "messages";
    QTest::newRow("n") << QByteArray("{\"model\":\"m\",\"n\":3,\"messages\":[{\"role\":\"user\","
                                     "\"content\":\"x\"}]}")
                       << "n:";
    QTest::newRow("role") << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"function\","
                                        "\"content\":\"x\"}]}")
                          << "messages[0].role";
    QTest::newRow("audio") << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                                         "\"content\":[{\"type\":\"input_audio\",\"input_audio\":"
                                         "{}}]}]}")
                           << "messages[0].content[0]";
    QTest::newRow("image url scheme")
        << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                      "\"image_url\",\"image_url\":{\"url\":\"ftp://x/y.png\"}}]}]}")
        << "messages[0].content[0].image_url";
    QTest::newRow("tool type") << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                                             "\"content\":\"x\"}],\"tools\":[{\"type\":"
                                             "\"custom\",\"custom\":{}}]}")
                               << "tools[0].type";
    QTest::newRow("tool message id") << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":"
                                                   "\"tool\",\"content\":\"x\"}]}")
                                     << "messages[0].tool_call_id";
    QTest::newRow("functions") << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                                             "\"content\":\"x\"}],\"functions\":[]}")
                               << "functions";
    QTest::newRow("only system") << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":"
                                               "\"system\",\"content\":\"x\"}]}")
                                 << "non-system";
    QTest::newRow("max tokens") << QByteArray("{\"model\":\"m\",\"max_tokens\":0,\"messages\":"
                                              "[{\"role\":\"user\",\"content\":\"x\"}]}")
                                << "max_tokens";
}

void TestAnthropicOpenAiTranslationRequests::openAiToAnthropicBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, mentions);
    QString error;
    bool stream = true;
    const auto out = OpenAiToAnthropicRequest::translate(body, &error, &stream);
    QVERIFY(!out);
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QVERIFY(!stream);
}

void TestAnthropicOpenAiTranslationRequests::anthropicToOpenAi()
{
    bool stream = false;
    const QJsonObject o = toOpenAi(anthropicConversation(), &stream);
    QVERIFY(!o.isEmpty());
    QVERIFY(stream);
    QCOMPARE(o.value(QLatin1String("model")).toString(), QStringLiteral("qwen3-coder-plus"));
    QCOMPARE(o.value(QLatin1String("max_tokens")).toInt(), 32000);
    QCOMPARE(o.value(QLatin1String("stream")).toBool(), true);
    QCOMPARE(o.value(QLatin1String("stream_options")).toObject(),
             (QJsonObject{{QStringLiteral("include_usage"), true}}));
    QCOMPARE(o.value(QLatin1String("user")).toString(),
             QStringLiteral("user_abc_account__session_1234"));
    QCOMPARE(o.value(QLatin1String("stop")).toArray(), QJsonArray{QStringLiteral("</done>")});
    QCOMPARE(o.value(QLatin1String("temperature")).toDouble(), 1.0);
    QCOMPARE(o.value(QLatin1String("parallel_tool_calls")).toBool(true), false);
    QCOMPARE(o.value(QLatin1String("tool_choice")).toString(), QStringLiteral("auto"));
    for (const char *anthropicOnly : {"thinking", "top_k", "system", "metadata", "stop_sequences"})
        QVERIFY2(!o.contains(QLatin1String(anthropicOnly)), anthropicOnly);
    QVERIFY(!QJsonDocument(o).toJson().contains("cache_control"));

    const QJsonArray m = o.value(QLatin1String("messages")).toArray();
    QStringList roles;
    for (const QJsonValue &v : m)
        roles.append(v.toObject().value(QLatin1String("role")).toString());
    QCOMPARE(roles, (QStringList{QStringLiteral("system"), QStringLiteral("user"),
                                 QStringLiteral("assistant"), QStringLiteral("tool"),
                                 QStringLiteral("tool"), QStringLiteral("user")}));
    QCOMPARE(m.at(0).toObject().value(QLatin1String("content")).toString(),
             QStringLiteral("You are Claude Code.\n\nWork in /repo."));
    // A text-only user message becomes a plain string.
    QCOMPARE(m.at(1).toObject().value(QLatin1String("content")).toString(),
             QStringLiteral("<system-reminder>x</system-reminder>\n\nList the files"));

    const QJsonObject assistant = m.at(2).toObject();
    QCOMPARE(assistant.value(QLatin1String("content")).toString(),
             QStringLiteral("I'll list them."));
    const QJsonArray calls = assistant.value(QLatin1String("tool_calls")).toArray();
    QCOMPARE(calls.size(), 2);
    const QJsonObject call = calls.at(0).toObject();
    QCOMPARE(call.value(QLatin1String("id")).toString(), QStringLiteral("toolu_01A"));
    QCOMPARE(call.value(QLatin1String("type")).toString(), QStringLiteral("function"));
    const QJsonObject function = call.value(QLatin1String("function")).toObject();
    QCOMPARE(function.value(QLatin1String("name")).toString(), QStringLiteral("Bash"));
    QCOMPARE(parse(function.value(QLatin1String("arguments")).toString().toUtf8()),
             (QJsonObject{{QStringLiteral("command"), QStringLiteral("ls")},
                          {QStringLiteral("description"), QStringLiteral("List files")}}));

    QCOMPARE(m.at(3).toObject().value(QLatin1String("tool_call_id")).toString(),
             QStringLiteral("toolu_01A"));
    QCOMPARE(m.at(3).toObject().value(QLatin1String("content")).toString(),
             QStringLiteral("a.txt\nb.txt"));
    QCOMPARE(m.at(4).toObject().value(QLatin1String("tool_call_id")).toString(),
             QStringLiteral("toolu_01B"));
    QCOMPARE(m.at(4).toObject().value(QLatin1String("content")).toString(),
             QStringLiteral("# Readme"));
    // The tool result's image and the user's text follow the tool messages.
    const QJsonArray last = m.at(5).toObject().value(QLatin1String("content")).toArray();
    QCOMPARE(last.size(), 2);
    QCOMPARE(last.at(0)
                 .toObject()
                 .value(QLatin1String("image_url"))
                 .toObject()
                 .value(QLatin1String("url")),
             QJsonValue(QStringLiteral("data:image/png;base64,") + QString::fromLatin1(pngBase64)));
    QCOMPARE(last.at(1).toObject().value(QLatin1String("text")).toString(),
             QStringLiteral("Now summarise."));

    const QJsonArray tools = o.value(QLatin1String("tools")).toArray();
    QCOMPARE(tools.size(), 2);
    const QJsonObject f = tools.at(0).toObject().value(QLatin1String("function")).toObject();
    QCOMPARE(tools.at(0).toObject().value(QLatin1String("type")).toString(),
             QStringLiteral("function"));
    QCOMPARE(f.value(QLatin1String("name")).toString(), QStringLiteral("Bash"));
    QCOMPARE(f.value(QLatin1String("description")).toString(), QStringLiteral("Run a command"));
    QCOMPARE(f.value(QLatin1String("parameters")).toObject().value(QLatin1String("required")),
             QJsonValue(QJsonArray{QStringLiteral("command")}));
}

void TestAnthropicOpenAiTranslationRequests::anthropicToOpenAiPlainText()
{
    bool stream = true;
    const QJsonObject o = toOpenAi(
        "{\"model\":\"deepseek-chat\",\"max_tokens\":100,\"system\":\"Be terse.\",\"messages\":["
        "{\"role\":\"user\",\"content\":\"Hello\"},{\"role\":\"assistant\",\"content\":\"Hi\"},"
        "{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":"
        "\"https://example.com/a.png\"}},{\"type\":\"document\",\"source\":{\"type\":\"text\","
        "\"media_type\":\"text/plain\",\"data\":\"doc text\"}}]}]}",
        &stream);
    QVERIFY(!stream);
    QVERIFY(!o.contains(QLatin1String("stream")));
    QVERIFY(!o.contains(QLatin1String("stream_options")));
    const QJsonArray m = o.value(QLatin1String("messages")).toArray();
    QCOMPARE(m.size(), 4);
    QCOMPARE(m.at(0).toObject(),
             (QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                          {QStringLiteral("content"), QStringLiteral("Be terse.")}}));
    QCOMPARE(m.at(2).toObject().value(QLatin1String("content")).toString(), QStringLiteral("Hi"));
    const QJsonArray parts = m.at(3).toObject().value(QLatin1String("content")).toArray();
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts.at(0)
                 .toObject()
                 .value(QLatin1String("image_url"))
                 .toObject()
                 .value(QLatin1String("url")),
             QJsonValue(QStringLiteral("https://example.com/a.png")));
    QCOMPARE(parts.at(1).toObject().value(QLatin1String("text")).toString(),
             QStringLiteral("doc text"));
}

void TestAnthropicOpenAiTranslationRequests::anthropicToOpenAiBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QByteArray("nope") << "JSON";
    QTest::newRow("no model") << QByteArray("{\"max_tokens\":1,\"messages\":[{\"role\":\"user\","
                                            "\"content\":\"x\"}]}")
                              << "model";
    QTest::newRow("empty messages")
        << QByteArray("{\"model\":\"m\",\"messages\":[]}") << "messages";
    QTest::newRow("role") << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"system\","
                                        "\"content\":\"x\"}]}")
                          << "messages[0].role";
    QTest::newRow("server tool")
        << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                      "\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]}")
        << "tools[0]";
    QTest::newRow("block type")
        << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                      "\"search_result\"}]}]}")
        << "messages[0].content[0]";
    QTest::newRow("image source")
        << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                      "\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]}]}")
        << "messages[0].content[0].source";
    QTest::newRow("system block")
        << QByteArray("{\"model\":\"m\",\"system\":[{\"type\":\"image\"}],\"messages\":[{\"role\":"
                      "\"user\",\"content\":\"x\"}]}")
        << "system[0]";
    QTest::newRow("tool result id")
        << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                      "\"tool_result\",\"content\":\"x\"}]}]}")
        << "tool_use_id";
}

void TestAnthropicOpenAiTranslationRequests::anthropicToOpenAiBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, mentions);
    QString error;
    const auto out = AnthropicToOpenAiRequest::translate(body, &error, nullptr);
    QVERIFY(!out);
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void TestAnthropicOpenAiTranslationRequests::roundTripFromOpenAi()
{
    // A canonical OpenAI request (compact arguments, string contents where text-only) survives
    // OpenAI -> Anthropic -> OpenAI unchanged.
    const QByteArray original =
        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":300,\"temperature\":0.5,\"top_p\":0.8,"
        "\"stop\":[\"END\"],\"user\":\"u1\",\"stream\":true,\"stream_options\":{\"include_usage\":"
        "true},\"messages\":["
        "{\"role\":\"system\",\"content\":\"Be helpful.\"},"
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather?\"},{\"type\":"
        "\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," +
        pngBase64 +
        "\"}}]},"
        "{\"role\":\"assistant\",\"content\":\"Checking.\",\"tool_calls\":[{\"id\":\"call_1\","
        "\"type\":\"function\",\"function\":{\"name\":\"w\",\"arguments\":\"{\\\"c\\\":\\\"P\\\"}"
        "\"}},"
        "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"t\",\"arguments\":\"{}"
        "\"}}]},"
        "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"sunny\"},"
        "{\"role\":\"tool\",\"tool_call_id\":\"call_2\",\"content\":\"noon\"},"
        "{\"role\":\"user\",\"content\":\"Thanks\"},"
        "{\"role\":\"assistant\",\"content\":\"You're welcome.\"},"
        "{\"role\":\"user\",\"content\":\"Bye\"}],"
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"w\",\"description\":"
        "\"weather\","
        "\"parameters\":{\"type\":\"object\",\"properties\":{\"c\":{\"type\":\"string\"}}}}},"
        "{\"type\":\"function\",\"function\":{\"name\":\"t\",\"parameters\":{\"type\":\"object\","
        "\"properties\":{}}}}],"
        "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"w\"}},"
        "\"parallel_tool_calls\":false}";
    QString error;
    const auto anthropic = OpenAiToAnthropicRequest::translate(original, &error, nullptr);
    QVERIFY2(anthropic, qPrintable(error));
    const auto back = AnthropicToOpenAiRequest::translate(*anthropic, &error, nullptr);
    QVERIFY2(back, qPrintable(error));
    const QJsonObject expected = parse(original);
    const QJsonObject actual = parse(*back);
    for (const QString &key : expected.keys())
        QVERIFY2(actual.value(key) == expected.value(key),
                 qPrintable(key + QStringLiteral(": ") +
                            QString::fromUtf8(QJsonDocument(QJsonArray{actual.value(key)})
                                                  .toJson(QJsonDocument::Compact))));
    QCOMPARE(actual, expected);
}

void TestAnthropicOpenAiTranslationRequests::roundTripFromAnthropic()
{
    // A canonical Anthropic request survives Anthropic -> OpenAI -> Anthropic unchanged.
    const QByteArray original =
        "{\"model\":\"glm-4.6\",\"max_tokens\":2048,\"temperature\":0.7,\"top_p\":0.95,"
        "\"stop_sequences\":[\"###\"],\"stream\":true,\"metadata\":{\"user_id\":\"user_1\"},"
        "\"system\":\"You are a coder.\",\"messages\":["
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Fix it\"},{\"type\":"
        "\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/bug.png\"}}]},"
        "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Reading.\"},{\"type\":"
        "\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\",\"input\":{\"path\":\"a.c\",\"lines\":"
        "[1,2]}},{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"Grep\",\"input\":{\"q\":"
        "\"main\"}}]},"
        "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
        "\"content\":[{\"type\":\"text\",\"text\":\"int main(){}\"}]},{\"type\":\"tool_result\","
        "\"tool_use_id\":\"toolu_2\",\"content\":[{\"type\":\"text\",\"text\":\"a.c:1\"}]},"
        "{\"type\":\"text\",\"text\":\"Go on\"}]},"
        "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}]},"
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Thanks\"}]}],"
        "\"tools\":[{\"name\":\"Read\",\"description\":\"Read a file\",\"input_schema\":{\"type\":"
        "\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}},"
        "{\"name\":\"Grep\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"q\":{\"type\":"
        "\"string\"}}}}],"
        "\"tool_choice\":{\"type\":\"any\",\"disable_parallel_tool_use\":true}}";
    QString error;
    const auto openAi = AnthropicToOpenAiRequest::translate(original, &error, nullptr);
    QVERIFY2(openAi, qPrintable(error));
    const auto back = OpenAiToAnthropicRequest::translate(*openAi, &error, nullptr);
    QVERIFY2(back, qPrintable(error));
    const QJsonObject expected = parse(original);
    const QJsonObject actual = parse(*back);
    for (const QString &key : expected.keys())
        QVERIFY2(actual.value(key) == expected.value(key), qPrintable(key));
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(TestAnthropicOpenAiTranslationRequests)
#include "TestAnthropicOpenAiTranslationRequests.moc"
