// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocol/JsonView.h"

#include <QJsonDocument>
#include <QTest>

class TestJsonView : public QObject
{
    Q_OBJECT

    static JsonHash hashOf(const QByteArray &text, const char *skip = "")
    {
        const JsonView view = JsonView::of(text);
        if (!view.isValid())
            qFatal("not valid: %s", text.constData());
        return view.canonicalHash(QLatin1String(skip));
    }

private slots:
    void strictGrammar_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("object") << QByteArray(" {\"a\": [1, -2.5e+3, true, false, null, \"x\"]} ")
                                << true;
        QTest::newRow("scalar") << QByteArray("42") << true;
        QTest::newRow("empty containers") << QByteArray("{\"a\":{},\"b\":[]}") << true;
        QTest::newRow("escapes") << QByteArray(
                                        "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"]")
                                 << true;
        QTest::newRow("utf-8") << QByteArray("[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]") << true;
        QTest::newRow("empty text") << QByteArray() << false;
        QTest::newRow("only space") << QByteArray("  ") << false;
        QTest::newRow("trailing bytes") << QByteArray("{} x") << false;
        QTest::newRow("two values") << QByteArray("{}{}") << false;
        QTest::newRow("trailing comma") << QByteArray("[1,]") << false;
        QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << false;
        QTest::newRow("unquoted name") << QByteArray("{a:1}") << false;
        QTest::newRow("leading zero") << QByteArray("[01]") << false;
        QTest::newRow("bare point") << QByteArray("[1.]") << false;
        QTest::newRow("plus sign") << QByteArray("[+1]") << false;
        QTest::newRow("bad literal") << QByteArray("[nul]") << false;
        QTest::newRow("bad escape") << QByteArray("[\"\\x\"]") << false;
        QTest::newRow("short unicode escape") << QByteArray("[\"\\u12\"]") << false;
        QTest::newRow("unterminated string") << QByteArray("[\"abc") << false;
        QTest::newRow("raw control character") << QByteArray("[\"a\x01\"]") << false;
        QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{}") << false;
        QTest::newRow("overlong utf-8") << QByteArray("[\"\xc0\xaf\"]") << false;
        QTest::newRow("utf-8 surrogate") << QByteArray("[\"\xed\xa0\x80\"]") << false;
        QTest::newRow("beyond U+10FFFF") << QByteArray("[\"\xf4\x90\x80\x80\"]") << false;
        QTest::newRow("cut utf-8") << QByteArray("[\"\xe2\x82\"]") << false;
        QTest::newRow("smallest double") << QByteArray("[4.9e-324]") << true;
        QTest::newRow("beyond a double") << QByteArray("[1e999]") << false;
        QTest::newRow("300-digit integer") << "[" + QByteArray(300, '9') + "]" << true;
        QTest::newRow("1e308 in digits") << "[1" + QByteArray(308, '0') + "]" << true;
        QTest::newRow("2e308 in digits") << "[2" + QByteArray(308, '0') + "]" << false;
        QTest::newRow("-2e308 in digits") << "[-2" + QByteArray(308, '0') + "]" << false;
        QTest::newRow("below a double") << QByteArray("[1e-400]") << false;
        QTest::newRow("unbalanced") << QByteArray("{\"a\":[1}") << false;
        QTest::newRow("max depth")
            << QByteArray(JsonView::MaxDepth, '[') + QByteArray(JsonView::MaxDepth, ']') << true;
        QTest::newRow("too deep") << QByteArray(JsonView::MaxDepth + 1, '[') +
                                         QByteArray(JsonView::MaxDepth + 1, ']')
                                  << false;
    }

    // What is valid here is valid for QJsonDocument too: a strict subset.
    void strictGrammar()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, valid);
        QCOMPARE(JsonView::of(text).isValid(), valid);
        if (valid) {
            QJsonParseError error{};
            const bool container = text.trimmed().startsWith('{') || text.trimmed().startsWith('[');
            QJsonDocument::fromJson(container ? text : "[" + text + "]", &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
        }
    }

    // Long strings are stepped over many bytes at a time: whatever the position of the byte
    // that matters, the answer is the same as Qt's.
    void specialBytesAtEveryPosition()
    {
        const QList<std::pair<QByteArray, bool>> specials = {
            {"\\\"", true},  {"\\\\", true},  {"\xc3\xa9", true}, {"\xf0\x9f\x98\x80", true},
            {"\x7f", true},  {"\x01", false}, {"\x1f", false},    {"\xff", false},
            {"\xc3", false}, {"\\q", false}};
        for (const auto &[special, valid] : specials) {
            for (int at = 0; at < 40; ++at) {
                const QByteArray text =
                    "[\"" + QByteArray(at, 'a') + special + QByteArray(37 - at % 7, 'b') + "\"]";
                QCOMPARE(JsonView::of(text).isValid(), valid);
                QJsonParseError error{};
                QJsonDocument::fromJson(text, &error);
                if (valid)
                    QCOMPARE(error.error, QJsonParseError::NoError);
            }
            // Cut short right after the special byte: never valid.
            QVERIFY(!JsonView::of("[\"" + QByteArray(20, 'a') + special).isValid());
        }
    }

    void membersAndStrings()
    {
        const QByteArray text = "{\"a\":1,\"b\":{\"c\":\"x\\u0041\\ud83d\\ude00\\ud800\"},\"a\":"
                                "\"last\",\"d\\u0065\":[true]}";
        const JsonView v = JsonView::of(text);
        QVERIFY(v.isObject());
        QVERIFY(v.member(QLatin1String("a")).stringEquals(QLatin1String("last")));
        QCOMPARE(v.member(QLatin1String("b")).member(QLatin1String("c")).string(),
                 QByteArray("xA\xf0\x9f\x98\x80\xef\xbf\xbd"));
        QVERIFY(v.member(QLatin1String("de")).isArray()); // found through its escaped name
        QVERIFY(!v.member(QLatin1String("missing")).isValid());
        QVERIFY(!v.member(QLatin1String("a")).member(QLatin1String("x")).isValid());
        QCOMPARE(v.member(QLatin1String("b")).string(), QByteArray());
        // Escaped quotes and backslashes inside strings that are stepped over.
        const QByteArray escapes =
            "{\"a\":\"q\\\"\\\\\",\"b\":[\"\\\\\",\"\\\"\"],\"c\":1,\"a\\\"\":2}";
        JsonView found[4];
        JsonView::of(escapes).members(
            {QLatin1String("c"), QLatin1String("a"), QLatin1String("b"), QLatin1String("a\"")},
            found);
        QCOMPARE(found[0].text(), QByteArrayView("1"));
        QCOMPARE(found[1].string(), QByteArray("q\"\\"));
        QCOMPARE(found[2].text(), QByteArrayView("[\"\\\\\",\"\\\"\"]"));
        QCOMPARE(found[3].text(), QByteArrayView("2"));
        JsonView none[1];
        JsonView::of("[1]").members({QLatin1String("a")}, none);
        QVERIFY(!none[0].isValid());
        QList<QByteArray> elements;
        JsonView::of("[1, \"two\" , {\"3\":3}, [4]]").forEachElement([&](const JsonView &e) {
            elements.append(e.text().toByteArray());
            return true;
        });
        const QList<QByteArray> expected = {"1", "\"two\"", "{\"3\":3}", "[4]"};
        QCOMPARE(elements, expected);
        int seen = 0;
        JsonView::of("[1,2,3]").forEachElement([&](const JsonView &) { return ++seen < 2; });
        QCOMPARE(seen, 2);
        JsonView::of("{\"a\":[1]}").forEachElement([&](const JsonView &) { return ++seen; });
        QCOMPARE(seen, 2); // not an array
    }

    void canonicalHash()
    {
        // Whitespace, member order, escapes and number spelling do not count.
        const QByteArray spaced = " { \"b\" : [ 1.0 , -0, 2e2 ], \"a\" : \"x\\/y\\\"z\\u00e9\" } ";
        const QByteArray compact = "{\"a\":\"x/y\\\"z\xc3\xa9\",\"b\":[1,0,200]}";
        QCOMPARE(hashOf(spaced), hashOf(compact));
        // A repeated name counts once, its last value.
        QCOMPARE(hashOf("{\"a\":1,\"a\":2}"), hashOf("{\"a\":2}"));
        QVERIFY(hashOf("{\"a\":1,\"a\":2}") != hashOf("{\"a\":1}"));
        // Members named skipName are left out at every depth.
        const QByteArray marked =
            "{\"k\":1,\"cache_control\":{\"t\":1},\"n\":[{\"cache_control\":2,\"v\":3}]}";
        QCOMPARE(hashOf(marked, "cache_control"), hashOf("{\"k\":1,\"n\":[{\"v\":3}]}"));
        QVERIFY(hashOf(marked) != hashOf("{\"k\":1,\"n\":[{\"v\":3}]}"));
        // Values that differ hash apart: kinds, order in arrays, nesting, names, the empty ones.
        const QList<QByteArray> distinct = {"1",
                                            "\"1\"",
                                            "true",
                                            "\"true\"",
                                            "null",
                                            "\"\"",
                                            "[]",
                                            "{}",
                                            "[[]]",
                                            "[{}]",
                                            "[1,2]",
                                            "[2,1]",
                                            "[[1],2]",
                                            "[1,[2]]",
                                            "{\"a\":1}",
                                            "{\"b\":1}",
                                            "{\"a\":\"1\"}",
                                            "{\"a\":{\"b\":1}}",
                                            "{\"a\":1,\"b\":1}",
                                            "[\"a\",\"b\"]",
                                            "[\"ab\"]",
                                            "0.1",
                                            "0.2"};
        for (qsizetype i = 0; i < distinct.size(); ++i) {
            for (qsizetype j = i + 1; j < distinct.size(); ++j)
                QVERIFY2(hashOf(distinct[i]) != hashOf(distinct[j]),
                         (distinct[i] + " / " + distinct[j]).constData());
        }
        // One pass however deep: the deepest document QJsonDocument reads still hashes.
        const QByteArray deep =
            QByteArray(JsonView::MaxDepth, '[') + QByteArray(JsonView::MaxDepth, ']');
        QVERIFY(hashOf(deep) != hashOf("[]"));
        // The empty view hashes as null.
        QCOMPARE(JsonView().canonicalHash(), hashOf("null"));
    }

    // Whatever QJsonDocument writes back for a text has the text's canonical form.
    void canonicalFollowsQtReading_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("nested") << QByteArray(
            "{\"z\":{\"y\":[1,2.5,{\"x\":null}],\"w\":\"\\u0007\\t\"},\"a\":[true,false],\"m\":"
            "\"\\ud83d\\ude00\"}");
        QTest::newRow("repeats") << QByteArray("{\"a\":1,\"b\":2,\"a\":{\"c\":3,\"c\":4}}");
        QTest::newRow("numbers") << QByteArray(
            "[0, -0, 1e-7, 123456789012345678, 9007199254740993, 0.1, -1.5E+300]");
        QTest::newRow("strings") << QByteArray(
            "[\"\\\\\", \"\\\"\", \"\\/\", \"a\\u0000b\", \"\\ud800\"]");
    }

    void canonicalFollowsQtReading()
    {
        QFETCH(QByteArray, text);
        const JsonHash expected = hashOf(text);
        const QJsonDocument doc = QJsonDocument::fromJson(text);
        QVERIFY(!doc.isNull());
        QCOMPARE(hashOf(doc.toJson(QJsonDocument::Compact)), expected);
        QCOMPARE(hashOf(doc.toJson(QJsonDocument::Indented)), expected);
    }

    // Sticky-session keys are these 32 digits: both halves, most significant first, zero-padded.
    void hashHexIsBothHalvesZeroPadded()
    {
        JsonHash h;
        h.a = 0x0123456789abcdefULL;
        h.b = 0x00000000000000f0ULL;
        QCOMPARE(h.toHex(), QStringLiteral("0123456789abcdef00000000000000f0"));
        h.a = ~0ULL;
        h.b = 0;
        QCOMPARE(h.toHex(), QStringLiteral("ffffffffffffffff0000000000000000"));
        const JsonHash real = hashOf("{\"a\":[1,2]}");
        QCOMPARE(real.toHex(), QStringLiteral("%1%2")
                                   .arg(real.a, 16, 16, QLatin1Char('0'))
                                   .arg(real.b, 16, 16, QLatin1Char('0')));
    }
};

QTEST_APPLESS_MAIN(TestJsonView)
#include "TestJsonView.moc"
