// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/OpenAiToGeminiRequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestGeminiOpenAiRequest : public QObject
{
    Q_OBJECT

private:
    static QJsonObject translate(const QByteArray &body, bool *stream = nullptr,
                                 QString *model = nullptr)
    {
        QString error;
        const auto out = OpenAiToGeminiRequest::translate(body, &error, stream, model);
        if (!out) {
            qWarning("translation failed: %s", qPrintable(error));
            return {};
        }
        return QJsonDocument::fromJson(*out).object();
    }
    // JSON written with single quotes (kept out of raw strings, which moc misreads).
    static QByteArray json(const char *singleQuoted)
    {
        return QByteArray(singleQuoted).replace('\'', '"');
    }
    static QString failure(const QByteArray &body)
    {
        QString error;
        const auto out = OpenAiToGeminiRequest::translate(body, &error, nullptr, nullptr);
        return out ? QString() : error;
    }

private slots:
    void systemAndMultiTurn()
    {
        bool stream = false;
        QString model;
        const QJsonObject g = translate(
            R"({"model":"models/gemini-2.5-flash","stream":true, "messages":[{"role":"system","content":"Be brief."}, {"role":"developer","content":[{"type":"text","text":"Use English."}]}, {"role":"user","content":"Hi"}, {"role":"assistant","content":"Hello!"}, {"role":"user","content":[{"type":"text","text":"How are you?"}]}, {"role":"user","content":"Answer now."}], "max_tokens":50,"temperature":0.2,"top_p":0.9,"stop":"END", "stream_options":{"include_usage":true}})",
            &stream, &model);
        QVERIFY(stream);
        QCOMPARE(model, QStringLiteral("gemini-2.5-flash"));
        const QJsonArray system = g["systemInstruction"]["parts"].toArray();
        QCOMPARE(system.size(), 2);
        QCOMPARE(system.at(0)["text"].toString(), QStringLiteral("Be brief."));
        QCOMPARE(system.at(1)["text"].toString(), QStringLiteral("Use English."));
        const QJsonArray contents = g["contents"].toArray();
        QCOMPARE(contents.size(), 3); // the two last user messages merged
        QCOMPARE(contents.at(0)["role"].toString(), QStringLiteral("user"));
        QCOMPARE(contents.at(1)["role"].toString(), QStringLiteral("model"));
        QCOMPARE(contents.at(1)["parts"][0]["text"].toString(), QStringLiteral("Hello!"));
        QCOMPARE(contents.at(2)["parts"].toArray().size(), 2);
        QCOMPARE(contents.at(2)["parts"][1]["text"].toString(), QStringLiteral("Answer now."));
        const QJsonObject config = g["generationConfig"].toObject();
        QCOMPARE(config["maxOutputTokens"].toInt(), 50);
        QCOMPARE(config["temperature"].toDouble(), 0.2);
        QCOMPARE(config["topP"].toDouble(), 0.9);
        QCOMPARE(config["stopSequences"].toArray(), QJsonArray{"END"});
        QVERIFY(!g.contains("model"));
        QVERIFY(!g.contains("stream_options"));
        QVERIFY(OpenAiToGeminiRequest::includeUsageRequested(
            R"({"stream_options":{"include_usage":true}})"));
        QVERIFY(!OpenAiToGeminiRequest::includeUsageRequested(R"({"stream":true})"));
    }

    void maxCompletionTokensWinsAndJsonMode()
    {
        const QJsonObject g = translate(
            R"({"model":"g","max_tokens":10, "max_completion_tokens":99,"stop":["a","b"],"n":2,"seed":7, "response_format":{"type":"json_object"},"reasoning_effort":"low", "messages":[{"role":"user","content":"x"}]})");
        const QJsonObject config = g["generationConfig"].toObject();
        QCOMPARE(config["maxOutputTokens"].toInt(), 99);
        QCOMPARE(config["stopSequences"].toArray().size(), 2);
        QCOMPARE(config["candidateCount"].toInt(), 2);
        QCOMPARE(config["seed"].toInt(), 7);
        QCOMPARE(config["responseMimeType"].toString(), QStringLiteral("application/json"));
        QCOMPARE(config["thinkingConfig"]["thinkingBudget"].toInt(), 1024);

        const QJsonObject s = translate(
            R"({"model":"g","messages":[{"role":"user","content":"x"}], "response_format":{"type":"json_schema","json_schema":{"name":"r","strict":true, "schema":{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"], "additionalProperties":false}}}})");
        const QJsonObject schema = s["generationConfig"]["responseSchema"].toObject();
        QCOMPARE(schema["type"].toString(), QStringLiteral("OBJECT"));
        QCOMPARE(schema["properties"]["n"]["type"].toString(), QStringLiteral("INTEGER"));
        QVERIFY(!schema.contains("additionalProperties"));
    }

    void images()
    {
        const QJsonObject g = translate(
            R"({"model":"g","messages":[{"role":"user","content":[ {"type":"text","text":"What is this?"}, {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}, {"type":"image_url","image_url":{"url":"https:\/\/example.com/cat.webp","detail":"low"}} ]}]})");
        const QJsonArray parts = g["contents"][0]["parts"].toArray();
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts.at(1)["inlineData"]["mimeType"].toString(), QStringLiteral("image/png"));
        QCOMPARE(parts.at(1)["inlineData"]["data"].toString(), QStringLiteral("iVBORw0KGgo="));
        QCOMPARE(parts.at(2)["fileData"]["fileUri"].toString(),
                 QStringLiteral("https://example.com/cat.webp"));
        QCOMPARE(parts.at(2)["fileData"]["mimeType"].toString(), QStringLiteral("image/webp"));

        QVERIFY(
            failure(
                R"({"model":"g","messages":[{"role":"user","content":[ {"type":"image_url","image_url":{"url":"ftp:\/\/x/y.png"}}]}]})")
                .contains("messages[0].content[0]"));
        QVERIFY(
            failure(
                R"({"model":"g","messages":[{"role":"user","content":[ {"type":"video","video":{}}]}]})")
                .contains("video"));
    }

    void toolsAndSchemaCleaning()
    {
        const QJsonObject g = translate(
            json("{'model':'g','messages':[{'role':'user','content':'x'}], "
                 "'tools':[{'type':'function','function':{'name':'get_weather', "
                 "'description':'Weather for a city','strict':true, "
                 "'parameters':{'$schema':'http://json-schema.org/draft-07/"
                 "schema#','type':'object', 'additionalProperties':false, "
                 "'properties':{'city':{'type':'string','format':'hostname','default':'Paris'}, "
                 "'unit':{'type':['string','null'],'enum':['c','f']}, "
                 "'days':{'type':'integer','minimum':1,'maximum':7}, "
                 "'when':{'$ref':'#/$defs/When'}, 'tags':{'type':'array','items':{'type':'string', "
                 "'additionalProperties':false}}}, 'required':['city','missing'], "
                 "'$defs':{'When':{'type':'string','format':'date-time','description':'d'}}}}}, "
                 "{'type':'function','function':{'name':'ping','parameters':{'type':'object', "
                 "'properties':{}}}}], "
                 "'tool_choice':{'type':'function','function':{'name':'get_weather'}}}"));
        const QJsonArray declarations = g["tools"][0]["functionDeclarations"].toArray();
        QCOMPARE(declarations.size(), 2);
        const QJsonObject weather = declarations.at(0).toObject();
        QCOMPARE(weather["name"].toString(), QStringLiteral("get_weather"));
        QCOMPARE(weather["description"].toString(), QStringLiteral("Weather for a city"));
        const QJsonObject params = weather["parameters"].toObject();
        QVERIFY(!params.contains("$schema"));
        QVERIFY(!params.contains("additionalProperties"));
        QVERIFY(!params.contains("$defs"));
        QCOMPARE(params["type"].toString(), QStringLiteral("OBJECT"));
        QCOMPARE(params["required"].toArray(), QJsonArray{"city"});
        const QJsonObject props = params["properties"].toObject();
        QVERIFY(!props["city"].toObject().contains("format"));
        QVERIFY(!props["city"].toObject().contains("default"));
        QCOMPARE(props["unit"]["type"].toString(), QStringLiteral("STRING"));
        QCOMPARE(props["unit"]["nullable"].toBool(), true);
        QCOMPARE(props["unit"]["enum"].toArray().size(), 2);
        QCOMPARE(props["days"]["minimum"].toInt(), 1);
        QCOMPARE(props["when"]["format"].toString(), QStringLiteral("date-time"));
        QCOMPARE(props["when"]["description"].toString(), QStringLiteral("d"));
        QVERIFY(!props["tags"]["items"].toObject().contains("additionalProperties"));
        // A function without parameters carries none (Gemini rejects an empty OBJECT).
        QVERIFY(!declarations.at(1).toObject().contains("parameters"));
        const QJsonObject calling = g["toolConfig"]["functionCallingConfig"].toObject();
        QCOMPARE(calling["mode"].toString(), QStringLiteral("ANY"));
        QCOMPARE(calling["allowedFunctionNames"].toArray(), QJsonArray{"get_weather"});
    }

    void toolChoiceModes_data()
    {
        QTest::addColumn<QString>("choice");
        QTest::addColumn<QString>("mode");
        QTest::newRow("auto") << "\"auto\""
                              << "AUTO";
        QTest::newRow("none") << "\"none\""
                              << "NONE";
        QTest::newRow("required") << "\"required\""
                                  << "ANY";
    }
    void toolChoiceModes()
    {
        QFETCH(QString, choice);
        QFETCH(QString, mode);
        const QByteArray body =
            R"({"model":"g","messages":[{"role":"user","content":"x"}], "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":)" +
            choice.toUtf8() + "}";
        const QJsonObject g = translate(body);
        QCOMPARE(g["toolConfig"]["functionCallingConfig"]["mode"].toString(), mode);
        QVERIFY(
            !g["toolConfig"]["functionCallingConfig"].toObject().contains("allowedFunctionNames"));
    }

    void toolCallsAndResults()
    {
        const QJsonObject g = translate(
            json("{'model':'g','messages':[ {'role':'user','content':'Weather in Paris and "
                 "Rome?'}, {'role':'assistant','content':null,'tool_calls':[ "
                 "{'id':'call_1','type':'function','function':{'name':'get_weather', "
                 "'arguments':'{\\'city\\':\\'Paris\\'}'}}, "
                 "{'id':'call_2','type':'function','function':{'name':'get_time', 'arguments':'not "
                 "json'}}]}, {'role':'tool','tool_call_id':'call_1','content':'{\\'temp\\':21}'}, "
                 "{'role':'tool','tool_call_id':'call_2','content':'noon'}, "
                 "{'role':'assistant','content':'Done.'}]}"));
        const QJsonArray contents = g["contents"].toArray();
        QCOMPARE(contents.size(), 4);
        const QJsonArray calls = contents.at(1)["parts"].toArray();
        QCOMPARE(contents.at(1)["role"].toString(), QStringLiteral("model"));
        QCOMPARE(calls.size(), 2);
        QCOMPARE(calls.at(0)["functionCall"]["name"].toString(), QStringLiteral("get_weather"));
        QCOMPARE(calls.at(0)["functionCall"]["args"]["city"].toString(), QStringLiteral("Paris"));
        QVERIFY(calls.at(0).toObject().contains("thoughtSignature"));
        QVERIFY(!calls.at(1).toObject().contains("thoughtSignature"));
        QCOMPARE(calls.at(1)["functionCall"]["args"].toObject(), QJsonObject());
        // Both results travel in one user turn, names looked up from the call ids.
        QCOMPARE(contents.at(2)["role"].toString(), QStringLiteral("user"));
        const QJsonArray results = contents.at(2)["parts"].toArray();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results.at(0)["functionResponse"]["name"].toString(),
                 QStringLiteral("get_weather"));
        QCOMPARE(results.at(0)["functionResponse"]["response"]["temp"].toInt(), 21);
        QCOMPARE(results.at(1)["functionResponse"]["name"].toString(), QStringLiteral("get_time"));
        QCOMPARE(results.at(1)["functionResponse"]["response"]["content"].toString(),
                 QStringLiteral("noon"));
        QCOMPARE(contents.at(3)["role"].toString(), QStringLiteral("model"));

        QVERIFY(
            failure(
                R"({"model":"g","messages":[{"role":"user","content":"x"}, {"role":"tool","tool_call_id":"call_zz","content":"r"}]})")
                .contains("call_zz"));
    }

    void badInput()
    {
        QVERIFY(!failure("not json").isEmpty());
        QVERIFY(failure(R"({"messages":[{"role":"user","content":"x"}]})").contains("model"));
        QVERIFY(failure(R"({"model":"g","messages":[]})").contains("messages"));
        QVERIFY(failure(R"({"model":"g","messages":[{"role":"system","content":"only"}]})")
                    .contains("messages"));
        QVERIFY(failure(R"({"model":"g","messages":[{"role":"wizard","content":"x"}]})")
                    .contains("wizard"));
        QVERIFY(
            failure(
                R"({"model":"g","messages":[{"role":"user","content":"x"}], "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"sometimes"})")
                .contains("tool_choice"));
        QVERIFY(
            failure(
                R"({"model":"g","messages":[{"role":"user","content":"x"}], "reasoning_effort":"extreme"})")
                .contains("reasoning_effort"));
    }

    void upstreamPath()
    {
        QCOMPARE(OpenAiToGeminiRequest::upstreamPath(QStringLiteral("gemini-2.5-flash"), false),
                 QByteArray("/v1beta/models/gemini-2.5-flash:generateContent"));
        QCOMPARE(
            OpenAiToGeminiRequest::upstreamPath(QStringLiteral("models/gemini-2.0-flash"), true),
            QByteArray("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse"));
        QCOMPARE(OpenAiToGeminiRequest::upstreamPath(QStringLiteral("a/b c"), false),
                 QByteArray("/v1beta/models/a%2Fb%20c:generateContent"));
    }
};

QTEST_GUILESS_MAIN(TestGeminiOpenAiRequest)
#include "TestGeminiOpenAiRequest.moc"
