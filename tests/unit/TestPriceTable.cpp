// SPDX-License-Identifier: GPL-3.0-or-later
#include "pricing/PriceTable.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

class TestPriceTable : public QObject
{
    Q_OBJECT
private slots:
    void builtinLoads();
    void builtinIsSane();
    void lookup_data();
    void lookup();
    void unknownModels();
    void costArithmetic();
    void overrides();
    void overrideDefaults();
    void badOverrides_data();
    void badOverrides();
    void builtinSplitPrices();
    void oneHourCacheWrites();
    void longContextTier();
    void longContextOverrides();
    void rememberedAnswersFollowOverrides();
    void rememberedNamesAreBounded();
};

void TestPriceTable::rememberedAnswersFollowOverrides()
{
    PriceTable table = PriceTable::builtin();
    const QString dated = QStringLiteral("acme-model-20250101");
    QVERIFY(!table.find(dated)); // unknown, and remembered as such
    QVERIFY(!table.find(dated));
    const PriceTable before = table; // a copy taken before the change keeps its answers
    QString error;
    QVERIFY(
        table.loadOverrides("{\"models\":{\"acme-model\":{\"input\":2,\"output\":4}}}", &error));
    const std::optional<ModelPrice> now = table.find(dated); // the date is stripped
    QVERIFY2(now, "an answer remembered before the override was reused");
    QCOMPARE(now->input, 2.0);
    QVERIFY(!before.find(dated));
    // A known dated name: the same answer the first time and from memory.
    const std::optional<ModelPrice> first = table.find(QStringLiteral("claude-sonnet-4-20250514"));
    QVERIFY(first);
    QCOMPARE(table.find(QStringLiteral("claude-sonnet-4-20250514"))->output, first->output);
}

void TestPriceTable::rememberedNamesAreBounded()
{
    // Client-chosen names fill the memory only up to its bound, then it starts over; lookups stay
    // correct throughout, and long names are not kept at all.
    PriceTable table = PriceTable::builtin();
    for (int i = 0; i < PriceTable::MaxRememberedNames; ++i)
        QVERIFY(!table.find(QStringLiteral("nobody-%1").arg(i)));
    QCOMPARE(table.rememberedNames(), PriceTable::MaxRememberedNames);
    QVERIFY(table.find(QStringLiteral("claude-sonnet-4-20250514")));
    QCOMPARE(table.rememberedNames(), 1);
    QVERIFY(table.find(QStringLiteral("CLAUDE-SONNET-4-20250514")));
    QCOMPARE(table.rememberedNames(), 2);
    const QString longName = QStringLiteral("claude-sonnet-4-") +
                             QString(PriceTable::MaxRememberedNameLength, QLatin1Char('x'));
    QVERIFY(table.find(longName));
    QVERIFY(table.find(longName));
    QCOMPARE(table.rememberedNames(), 2);
}

void TestPriceTable::builtinLoads()
{
    const PriceTable table = PriceTable::builtin();
    QVERIFY(!table.isEmpty());
    const auto sonnet = table.find(QStringLiteral("claude-sonnet-4-5"));
    QVERIFY(sonnet.has_value());
    QCOMPARE(sonnet->input, 3.0);
    QCOMPARE(sonnet->output, 15.0);
    QCOMPARE(sonnet->cacheWrite, 3.75);
    QCOMPARE(sonnet->cacheRead, 0.3);
    for (const char *model : {"claude-opus-4-5",
                              "claude-opus-4-1",
                              "claude-sonnet-4",
                              "claude-3-7-sonnet",
                              "claude-3-5-sonnet",
                              "claude-haiku-4-5",
                              "claude-3-5-haiku",
                              "claude-3-haiku",
                              "gpt-4o",
                              "gpt-4o-mini",
                              "gpt-4.1",
                              "gpt-4.1-mini",
                              "gpt-4.1-nano",
                              "o3",
                              "o4-mini",
                              "gpt-5",
                              "gpt-5-mini",
                              "gpt-5-nano",
                              "deepseek-chat",
                              "qwen-plus",
                              "kimi-k2",
                              "glm-4.6"})
        QVERIFY2(table.find(QString::fromLatin1(model)).has_value(), model);
}

void TestPriceTable::builtinIsSane()
{
    // The resource file itself parses, and every price is a finite non-negative number.
    QFile file(QStringLiteral(":/aicarpool/prices.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject models = root.value("models").toObject();
    const PriceTable table = PriceTable::builtin();
    QCOMPARE(table.models().size(), models.size());
    for (const QString &name : table.models()) {
        const auto p = table.find(name);
        QVERIFY(p.has_value());
        for (double v : {p->input, p->output, p->cacheWrite, p->cacheRead})
            QVERIFY2(std::isfinite(v) && v >= 0, qPrintable(name));
        QVERIFY2(p->cacheRead <= p->input, qPrintable(name));
    }
    const QJsonObject aliases = root.value("aliases").toObject();
    for (auto it = aliases.begin(); it != aliases.end(); ++it)
        QVERIFY2(table.find(it.key()).has_value(), qPrintable(it.key()));
}

void TestPriceTable::lookup_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<double>("input");
    QTest::addColumn<double>("output");
    QTest::newRow("exact") << "gpt-4o-mini" << 0.15 << 0.6;
    QTest::newRow("case") << "GPT-4o-Mini" << 0.15 << 0.6;
    QTest::newRow("anthropic date") << "claude-sonnet-4-5-20250929" << 3.0 << 15.0;
    QTest::newRow("haiku 4.5 date") << "claude-haiku-4-5-20251001" << 1.0 << 5.0;
    QTest::newRow("opus 4.1 date") << "claude-opus-4-1-20250805" << 15.0 << 75.0;
    QTest::newRow("opus 4.5 date") << "claude-opus-4-5-20251101" << 5.0 << 25.0;
    QTest::newRow("claude 3.5 haiku") << "claude-3-5-haiku-20241022" << 0.8 << 4.0;
    QTest::newRow("claude 3 haiku") << "claude-3-haiku-20240307" << 0.25 << 1.25;
    QTest::newRow("latest") << "claude-3-7-sonnet-latest" << 3.0 << 15.0;
    QTest::newRow("openai date") << "gpt-4o-2024-08-06" << 2.5 << 10.0;
    QTest::newRow("openai mini date") << "gpt-4o-mini-2024-07-18" << 0.15 << 0.6;
    QTest::newRow("o4-mini date") << "o4-mini-2025-04-16" << 1.1 << 4.4;
    QTest::newRow("alias") << "claude-sonnet-4-0" << 3.0 << 15.0;
    QTest::newRow("dotted alias") << "claude-opus-4.5" << 5.0 << 25.0;
    QTest::newRow("vertex style") << "claude-sonnet-4-5@20250929" << 3.0 << 15.0;
    QTest::newRow("prefix") << "gpt-4.1-mini-experimental" << 0.4 << 1.6;
    QTest::newRow("prefix of alias") << "kimi-k2-0905-preview" << 0.6 << 2.5;
    QTest::newRow("longest prefix") << "gpt-5-mini-preview" << 0.25 << 2.0;
    QTest::newRow("deepseek") << "deepseek-reasoner" << 0.28 << 0.42;
    QTest::newRow("qwen latest") << "qwen-plus-latest" << 0.4 << 1.2;
    QTest::newRow("qwen dated") << "qwen-plus-2025-07-28" << 0.4 << 1.2;
}

void TestPriceTable::lookup()
{
    QFETCH(QString, model);
    QFETCH(double, input);
    QFETCH(double, output);
    const auto p = PriceTable::builtin().find(model);
    QVERIFY(p.has_value());
    QCOMPARE(p->input, input);
    QCOMPARE(p->output, output);
}

void TestPriceTable::unknownModels()
{
    const PriceTable table = PriceTable::builtin();
    for (const char *model : {"", "totally-unknown", "gpt", "o3x", "gpt-4o1", "claude",
                              "claude-sonnet", "-20250929", "my-gpt-4o"})
        QVERIFY2(!table.find(QString::fromLatin1(model)).has_value(), model);
    TokenUsage u;
    u.inputTokens = 1000000;
    QCOMPARE(table.cost(QStringLiteral("totally-unknown"), u), 0.0);
}

void TestPriceTable::costArithmetic()
{
    const PriceTable table = PriceTable::builtin();
    TokenUsage u;
    u.inputTokens = 1000;
    u.outputTokens = 500;
    u.cacheWriteTokens = 2000;
    u.cacheReadTokens = 10000;
    // Sonnet 4.5: 3 / 15 / 3.75 / 0.30 USD per million.
    const double expected = (1000 * 3.0 + 500 * 15.0 + 2000 * 3.75 + 10000 * 0.3) / 1e6;
    QVERIFY(qFuzzyCompare(table.cost(QStringLiteral("claude-sonnet-4-5-20250929"), u), expected));
    QVERIFY(qFuzzyCompare(expected, 0.021));
    // gpt-4o: cached input at 1.25, no cache writes.
    TokenUsage o;
    o.inputTokens = 176;
    o.cacheReadTokens = 1024;
    o.outputTokens = 9;
    QVERIFY(qFuzzyCompare(table.cost(QStringLiteral("gpt-4o"), o),
                          (176 * 2.5 + 1024 * 1.25 + 9 * 10.0) / 1e6));
    QCOMPARE(table.cost(QStringLiteral("gpt-4o"), TokenUsage()), 0.0);
}

void TestPriceTable::overrides()
{
    PriceTable table = PriceTable::builtin();
    const int before = table.models().size();
    QString error;
    QVERIFY2(table.loadOverrides(R"({"models": {
                 "claude-sonnet-4-5": {"input": 2, "output": 10, "cacheWrite": 2.5, "cacheRead": 0.2},
                 "acme-llm": {"input": 0.5, "output": 1.5}},
               "aliases": {"acme": "acme-llm", "house-model": "claude-sonnet-4-5"}})",
                                 &error),
             qPrintable(error));
    QCOMPARE(table.models().size(), before + 1);
    QCOMPARE(table.find(QStringLiteral("claude-sonnet-4-5-20250929"))->input, 2.0);
    QCOMPARE(table.find(QStringLiteral("house-model"))->output, 10.0);
    QCOMPARE(table.find(QStringLiteral("acme"))->output, 1.5);
    QCOMPARE(table.find(QStringLiteral("ACME-LLM"))->input, 0.5);
    // Untouched entries stay.
    QCOMPARE(table.find(QStringLiteral("gpt-4o"))->input, 2.5);
}

void TestPriceTable::overrideDefaults()
{
    PriceTable table;
    QString error;
    QVERIFY(table.loadOverrides(R"({"models":{"m":{"input":4,"output":8}}})", &error));
    const auto p = table.find(QStringLiteral("m"));
    QVERIFY(p.has_value());
    QCOMPARE(p->cacheWrite, 5.0); // 1.25 x input
    QCOMPARE(p->cacheRead, 0.4);  // 0.1 x input
    // An explicit zero is kept, not replaced by the default.
    QVERIFY(
        table.loadOverrides(R"({"models":{"z":{"input":4,"output":8,"cacheRead":0}}})", &error));
    QCOMPARE(table.find(QStringLiteral("z"))->cacheRead, 0.0);
}

void TestPriceTable::badOverrides_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QByteArray("{models:") << "JSON";
    QTest::newRow("array") << QByteArray("[]") << "object";
    QTest::newRow("unknown top key") << QByteArray(R"({"modles":{}})") << "modles";
    QTest::newRow("negative") << QByteArray(R"({"models":{"m":{"input":-1,"output":1}}})")
                              << "\"m\"";
    QTest::newRow("string price") << QByteArray(R"({"models":{"m":{"input":"1","output":1}}})")
                                  << "input";
    QTest::newRow("missing output") << QByteArray(R"({"models":{"m":{"input":1}}})") << "output";
    QTest::newRow("not an object") << QByteArray(R"({"models":{"m":3}})") << "\"m\"";
    QTest::newRow("dangling alias") << QByteArray(R"({"aliases":{"a":"nope"}})") << "nope";
    QTest::newRow("negative 1h write")
        << QByteArray(R"({"models":{"m":{"input":1,"output":1,"cacheWrite1h":-2}}})")
        << "cacheWrite1h";
    QTest::newRow("long context not an object")
        << QByteArray(R"({"models":{"m":{"input":1,"output":1,"longContext":200000}}})")
        << "longContext";
    QTest::newRow("long context without threshold")
        << QByteArray(R"({"models":{"m":{"input":1,"output":1,"longContext":{"input":2,)"
                      R"("output":2}}}})")
        << "threshold";
    QTest::newRow("long context zero threshold")
        << QByteArray(R"({"models":{"m":{"input":1,"output":1,"longContext":{"threshold":0,)"
                      R"("input":2,"output":2}}}})")
        << "threshold";
    QTest::newRow("long context fractional threshold")
        << QByteArray(R"({"models":{"m":{"input":1,"output":1,"longContext":{)"
                      R"("threshold":1000.5,"input":2,"output":2}}}})")
        << "threshold";
    QTest::newRow("long context string threshold")
        << QByteArray(R"({"models":{"m":{"input":1,"output":1,"longContext":{)"
                      R"("threshold":"200k","input":2,"output":2}}}})")
        << "threshold";
    QTest::newRow("long context without output")
        << QByteArray(R"({"models":{"m":{"input":1,"output":1,"longContext":{)"
                      R"("threshold":1000,"input":2}}}})")
        << "output";
    QTest::newRow("long context negative cache read")
        << QByteArray(R"({"models":{"m":{"input":1,"output":1,"longContext":{)"
                      R"("threshold":1000,"input":2,"output":2,"cacheRead":-1}}}})")
        << "cacheRead";
    QTest::newRow("long context unknown key")
        << QByteArray(R"({"models":{"m":{"input":1,"output":1,"longContext":{)"
                      R"("threshold":1000,"input":2,"output":2,"cachedInput":1}}}})")
        << "cachedInput";
}

void TestPriceTable::badOverrides()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    PriceTable table = PriceTable::builtin();
    const QStringList before = table.models();
    QString error;
    // A good entry next to the bad one must not be applied either.
    QJsonDocument doc = QJsonDocument::fromJson(json);
    if (doc.isObject() && doc.object().contains("models")) {
        QJsonObject root = doc.object();
        QJsonObject models = root.value("models").toObject();
        models.insert("zz-good-model", QJsonObject{{"input", 1}, {"output", 2}});
        root.insert("models", models);
        json = QJsonDocument(root).toJson();
    }
    QVERIFY(!table.loadOverrides(json, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QCOMPARE(table.models(), before);
    QVERIFY(!table.find(QStringLiteral("zz-good-model")).has_value());
}

void TestPriceTable::builtinSplitPrices()
{
    const PriceTable table = PriceTable::builtin();
    // Anthropic bills 1-hour cache writes at 2 x input.
    for (const char *model :
         {"claude-opus-4-5", "claude-opus-4-1", "claude-sonnet-4-5", "claude-sonnet-4",
          "claude-haiku-4-5", "claude-3-5-haiku", "claude-3-haiku"}) {
        const auto p = table.find(QString::fromLatin1(model));
        QVERIFY2(p.has_value(), model);
        QCOMPARE(p->cacheWrite1h, p->input * 2);
    }
    // The long-context tiers that are published.
    for (const char *model : {"claude-sonnet-4-5-20250929", "claude-sonnet-4-20250514"}) {
        const auto p = table.find(QString::fromLatin1(model));
        QVERIFY2(p && p->longContext, model);
        QCOMPARE(p->longContext->threshold, qint64(200000));
        QCOMPARE(p->longContext->input, 6.0);
        QCOMPARE(p->longContext->output, 22.5);
        QCOMPARE(p->longContext->cacheWrite, 7.5);
        QCOMPARE(p->longContext->cacheWrite1h, 12.0);
        QCOMPARE(p->longContext->cacheRead, 0.6);
    }
    const auto pro = table.find(QStringLiteral("gemini-2.5-pro"));
    QVERIFY(pro && pro->longContext);
    QCOMPARE(pro->longContext->threshold, qint64(200000));
    QCOMPARE(pro->longContext->input, 2.5);
    QCOMPARE(pro->longContext->output, 15.0);
    QCOMPARE(pro->longContext->cacheRead, 0.25);
    // Models without one keep a single tier.
    for (const char *model : {"claude-opus-4-5", "claude-haiku-4-5", "gemini-2.5-flash", "gpt-5"})
        QVERIFY2(!table.find(QString::fromLatin1(model))->longContext.has_value(), model);
    // Every long-context price is a finite number >= the short-context one.
    for (const QString &name : table.models()) {
        const auto p = table.find(name);
        QVERIFY2(std::isfinite(p->cacheWrite1h) && p->cacheWrite1h >= 0, qPrintable(name));
        if (!p->longContext)
            continue;
        const LongContextPrice &lc = *p->longContext;
        QVERIFY2(lc.threshold > 0, qPrintable(name));
        QVERIFY2(lc.input >= p->input && lc.output >= p->output && lc.cacheRead >= p->cacheRead &&
                     lc.cacheWrite >= p->cacheWrite && lc.cacheWrite1h >= p->cacheWrite1h,
                 qPrintable(name));
    }
}

void TestPriceTable::oneHourCacheWrites()
{
    ModelPrice p;
    p.input = 3;
    p.output = 15;
    p.cacheWrite = 3.75;
    p.cacheWrite1h = 6;
    p.cacheRead = 0.3;
    TokenUsage u;
    u.cacheWriteTokens = 1000000;
    QCOMPARE(PriceTable::cost(p, u), 3.75); // all 5-minute
    u.cacheWrite1hTokens = 1000000;
    QCOMPARE(PriceTable::cost(p, u), 6.0); // all 1-hour
    u.cacheWrite1hTokens = 250000;
    QCOMPARE(PriceTable::cost(p, u), 0.75 * 3.75 + 0.25 * 6); // 4.3125
    // A 1-hour count above the total of the writes is capped at the total.
    u.cacheWrite1hTokens = 5000000;
    QCOMPARE(PriceTable::cost(p, u), 6.0);
    // Reasoning tokens are part of the output: they add nothing.
    TokenUsage r;
    r.outputTokens = 1000000;
    r.reasoningTokens = 800000;
    QCOMPARE(PriceTable::cost(p, r), 15.0);

    // Overrides: cacheWrite1h defaults to 2 x input; an explicit value is kept.
    PriceTable table;
    QString error;
    QVERIFY2(table.loadOverrides(R"({"models":{"m":{"input":4,"output":8},
                                              "n":{"input":4,"output":8,"cacheWrite1h":7}}})",
                                 &error),
             qPrintable(error));
    QCOMPARE(table.find(QStringLiteral("m"))->cacheWrite1h, 8.0);
    QCOMPARE(table.find(QStringLiteral("n"))->cacheWrite1h, 7.0);
}

void TestPriceTable::longContextTier()
{
    ModelPrice p;
    p.input = 3;
    p.output = 15;
    p.cacheWrite = 3.75;
    p.cacheWrite1h = 6;
    p.cacheRead = 0.3;
    p.longContext = LongContextPrice{200000, 6, 22.5, 7.5, 12, 0.6};
    TokenUsage u;
    u.inputTokens = 100000;
    u.cacheWriteTokens = 60000;
    u.cacheReadTokens = 40000;
    u.outputTokens = 1000;
    // Exactly at the threshold: the short-context rates.
    // 100000*3 + 60000*3.75 + 40000*0.3 + 1000*15 = 300000+225000+12000+15000 = 552000 -> 0.552
    QCOMPARE(qRound64(PriceTable::cost(p, u) * 1e9), qint64(552000000));
    // One token more, wherever it sits in the prompt, moves the whole call to the long rates.
    // 100001*6 + 60000*7.5 + 40000*0.6 + 1000*22.5 = 600006+450000+24000+22500 -> 1.096506
    u.inputTokens = 100001;
    QCOMPARE(qRound64(PriceTable::cost(p, u) * 1e9), qint64(1096506000));
    u.inputTokens = 100000;
    u.cacheReadTokens = 40001;
    // 100000*6 + 60000*7.5 + 40001*0.6 + 1000*22.5 = 600000+450000+24000.6+22500 -> 1.0965006
    QCOMPARE(qRound64(PriceTable::cost(p, u) * 1e9), qint64(1096500600));
    // Output does not count towards the threshold.
    u.cacheReadTokens = 40000;
    u.outputTokens = 500000;
    // 300000 + 225000 + 12000 + 500000*15 = 8037000 -> 8.037
    QCOMPARE(qRound64(PriceTable::cost(p, u) * 1e9), qint64(8037000000));
}

void TestPriceTable::longContextOverrides()
{
    PriceTable table;
    QString error;
    QVERIFY2(table.loadOverrides(R"({"models":{
        "m":{"input":2,"output":8,"cacheWrite":2.5,"cacheWrite1h":4,"cacheRead":0.2,
             "longContext":{"threshold":128000,"input":4,"output":12}},
        "n":{"input":2,"output":8,
             "longContext":{"threshold":1000,"input":3,"output":9,"cacheWrite":1,
                            "cacheWrite1h":2,"cacheRead":0.1,"_note":"a comment"}},
        "z":{"input":0,"output":0,"cacheRead":0.5,
             "longContext":{"threshold":10,"input":1,"output":1}}}})",
                                 &error),
             qPrintable(error));
    // Cache prices follow the input price: x2 here.
    const auto m = table.find(QStringLiteral("m"));
    QVERIFY(m && m->longContext);
    QCOMPARE(m->longContext->threshold, qint64(128000));
    QCOMPARE(m->longContext->input, 4.0);
    QCOMPARE(m->longContext->output, 12.0);
    QCOMPARE(m->longContext->cacheWrite, 5.0);
    QCOMPARE(m->longContext->cacheWrite1h, 8.0);
    QCOMPARE(m->longContext->cacheRead, 0.4);
    // Given prices are kept as they are.
    const auto n = table.find(QStringLiteral("n"));
    QVERIFY(n && n->longContext);
    QCOMPARE(n->longContext->cacheWrite, 1.0);
    QCOMPARE(n->longContext->cacheWrite1h, 2.0);
    QCOMPARE(n->longContext->cacheRead, 0.1);
    // A model priced 0 for input keeps its own cache prices.
    QCOMPARE(table.find(QStringLiteral("z"))->longContext->cacheRead, 0.5);
    // Replacing a model without longContext drops its tier.
    QVERIFY(table.loadOverrides(R"({"models":{"m":{"input":2,"output":8}}})", &error));
    QVERIFY(!table.find(QStringLiteral("m"))->longContext.has_value());
}

QTEST_GUILESS_MAIN(TestPriceTable)
#include "TestPriceTable.moc"
