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
};

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

QTEST_GUILESS_MAIN(TestPriceTable)
#include "TestPriceTable.moc"
