// SPDX-License-Identifier: GPL-3.0-or-later
// JsonSkim against QJsonDocument: the same members for whatever Qt reads as an object, and a
// refusal for text that is not one object.
#include "protocol/JsonSkim.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

// JSON written with ' for " (none of the texts below contains a real ').
QByteArray j(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

QJsonObject skim(const QByteArray &json, bool *ok)
{
    return JsonSkim::members(json,
                             {QLatin1String("type"), QLatin1String("usage"), QLatin1String("model"),
                              QLatin1String("key \"q\"")},
                             ok);
}

} // namespace

class TestJsonSkim : public QObject
{
    Q_OBJECT

private slots:
    void sameMembersAsQt_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("answer") << QByteArray(
            j("{'id':'msg_1','type':'message','role':'assistant','model':'claude-x',"
              "'content':[{'type':'text','text':'a \\'quoted\\' } ] { [ text'}],"
              "'stop_reason':'end_turn','usage':{'input_tokens':12,'output_tokens':34}}"));
        QTest::newRow("whitespace") << QByteArray(" \r\n\t{ \"type\" :\n\"x\" , \"usage\" : "
                                                  "{ } , \"other\" : [ 1 , 2 ] }\n ");
        QTest::newRow("empty") << QByteArray("{}");
        QTest::newRow("scalars") << QByteArray(
            j("{'type':null,'usage':-1.5e3,'model':true,'x':false,'y':0}"));
        QTest::newRow("repeated name: the last counts")
            << QByteArray(j("{'type':'first','usage':1,'type':'second'}"));
        QTest::newRow("escaped name") << QByteArray(j("{'key \\'q\\'':7,'t\\u0079pe':'esc'}"));
        QTest::newRow("escapes in skipped text")
            << QByteArray(j("{'content':'\\\\\\'}\\\\','type':'after'}"));
        QTest::newRow("nested usage")
            << QByteArray(j("{'usage':{'a':[{'b':[[],{}]}],'c':'}'},'type':'t'}"));
        QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBF{\"type\":\"bom\"}");
        QTest::newRow("raw control character")
            << QByteArray("{\"content\":\"a\x01b\",\"type\":\"c\"}");
        QTest::newRow("as deep as Qt allows") << "{\"content\":" + QByteArray(1022, '[') +
                                                     QByteArray(1022, ']') + ",\"type\":\"deep\"}";
        QTest::newRow("unicode") << QByteArray(j("{'model':'通义-max','type':'\\u00e9'}"));
    }
    void sameMembersAsQt()
    {
        QFETCH(QByteArray, json);
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(doc.isObject());
        bool ok = false;
        const QJsonObject skimmed = skim(json, &ok);
        QVERIFY(ok);
        for (const char *name : {"type", "usage", "model", "key \"q\""})
            QCOMPARE(skimmed.value(QLatin1String(name)), doc.object().value(QLatin1String(name)));
        QVERIFY(!skimmed.contains(QLatin1String("content")));
        QVERIFY(!skimmed.contains(QLatin1String("other")));
    }

    void notOneObject_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("nothing") << QByteArray();
        QTest::newRow("array") << QByteArray("[1,2]");
        QTest::newRow("string") << QByteArray("\"type\"");
        QTest::newRow("unterminated object") << QByteArray(j("{'type':'x'"));
        QTest::newRow("unterminated string") << QByteArray(j("{'type':'x"));
        QTest::newRow("unbalanced skipped value")
            << QByteArray(j("{'content':[{'a':1]},'type':'x'}"));
        QTest::newRow("missing colon") << QByteArray(j("{'type' 'x'}"));
        QTest::newRow("missing comma") << QByteArray(j("{'type':'x' 'usage':1}"));
        QTest::newRow("trailing comma") << QByteArray(j("{'type':'x',}"));
        QTest::newRow("bare key") << QByteArray(j("{type:'x'}"));
        QTest::newRow("trailing text") << QByteArray(j("{'type':'x'} {}"));
        QTest::newRow("wanted value malformed") << QByteArray(j("{'usage':{'a':tru},'b':1}"));
        QTest::newRow("empty value") << QByteArray(j("{'type':,'b':1}"));
        QTest::newRow("too deep") << "{\"content\":" + QByteArray(1100, '[') +
                                         QByteArray(1100, ']') + ",\"type\":\"x\"}";
    }
    void notOneObject()
    {
        QFETCH(QByteArray, json);
        bool ok = true;
        const QJsonObject skimmed = skim(json, &ok);
        QVERIFY(!ok);
        QVERIFY(skimmed.isEmpty());
    }

    void skippedContentIsCheckedForStructureOnly()
    {
        // Qt refuses this body (a bad literal in the content); its usage is still read.
        const QByteArray json = j("{'content':[{'text':nope}],'usage':{'output_tokens':5}}");
        QVERIFY(QJsonDocument::fromJson(json).isNull());
        bool ok = false;
        const QJsonObject skimmed = skim(json, &ok);
        QVERIFY(ok);
        QCOMPARE(skimmed.value("usage").toObject().value("output_tokens").toInt(), 5);
    }
};

QTEST_GUILESS_MAIN(TestJsonSkim)
#include "TestJsonSkim.moc"
