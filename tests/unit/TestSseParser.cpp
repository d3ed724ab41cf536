// SPDX-License-Identifier: GPL-3.0-or-later
#include "SseSamples.h"
#include "protocol/SseParser.h"

#include <QtTest>

using namespace SseSamples;

namespace {

QByteArray joinRaw(const QList<SseEvent> &events)
{
    QByteArray all;
    for (const SseEvent &e : events)
        all += e.raw;
    return all;
}

bool sameEvents(const QList<SseEvent> &a, const QList<SseEvent> &b, QString *why)
{
    if (a.size() != b.size()) {
        *why = QStringLiteral("count %1 != %2").arg(a.size()).arg(b.size());
        return false;
    }
    for (int i = 0; i < a.size(); ++i) {
        if (a[i].event != b[i].event || a[i].data != b[i].data || a[i].id != b[i].id ||
            a[i].hasData != b[i].hasData) {
            *why = QStringLiteral("event %1 differs: %2 / %3")
                       .arg(i)
                       .arg(QString::fromUtf8(a[i].data), QString::fromUtf8(b[i].data));
            return false;
        }
    }
    return true;
}

} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT
private slots:
    void anthropicStreamWhole();
    void everySplitGivesTheSameEvents_data();
    void everySplitGivesTheSameEvents();
    void byteByByte_data();
    void byteByByte();
    void threeWaySplits();
    void multiLineData();
    void fieldParsing();
    void comments();
    void byteOrderMark();
    void pendingTail();
    void strayBlankLines();
    void crThenLfAcrossChunks();
    void largeInputsStayLinear();
};

void TestSseParser::anthropicStreamWhole()
{
    SseParser parser;
    const QByteArray stream = anthropicStream();
    const QList<SseEvent> events = parser.feed(stream);
    QCOMPARE(events.size(), 8);
    QCOMPARE(events[0].event, QByteArray("message_start"));
    QVERIFY(events[0].data.startsWith("{\"type\":\"message_start\""));
    QVERIFY(events[0].data.endsWith("}}}"));
    QCOMPARE(events[2].event, QByteArray("ping"));
    QCOMPARE(events[2].data, QByteArray("{\"type\": \"ping\"}"));
    QCOMPARE(events[7].event, QByteArray("message_stop"));
    QCOMPARE(events[7].raw,
             QByteArray("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    QCOMPARE(joinRaw(events), stream);
    QVERIFY(parser.pending().isEmpty());
}

void TestSseParser::everySplitGivesTheSameEvents_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("expected");
    QTest::newRow("anthropic LF") << anthropicStream() << 8;
    QTest::newRow("anthropic CRLF") << withLineEnding(anthropicStream(), "\r\n") << 8;
    QTest::newRow("anthropic CR") << withLineEnding(anthropicStream(), "\r") << 8;
    QTest::newRow("openai LF") << openAiStream() << 5;
    QTest::newRow("openai CRLF") << withLineEnding(openAiStream(), "\r\n") << 5;
    QTest::newRow("openai CR") << withLineEnding(openAiStream(), "\r") << 5;
    QTest::newRow("bom + comments")
        << QByteArray("\xEF\xBB\xBF: hello\r\n\r\nevent: a\r\ndata: 1\r\ndata: 2\r\n\r\n:ka\n\n")
        << 3;
}

void TestSseParser::everySplitGivesTheSameEvents()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, expected);
    const QList<SseEvent> whole = feedSplit(stream, {});
    QCOMPARE(whole.size(), expected);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        QByteArray pending;
        const QList<SseEvent> split = feedSplit(stream, {cut}, &pending);
        QString why;
        QVERIFY2(sameEvents(whole, split, &why),
                 qPrintable(QStringLiteral("cut at %1: %2").arg(cut).arg(why)));
        QCOMPARE(joinRaw(split) + pending, stream);
    }
}

void TestSseParser::byteByByte_data()
{
    everySplitGivesTheSameEvents_data();
}

void TestSseParser::byteByByte()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, expected);
    SseParser parser;
    QList<SseEvent> events;
    for (char c : stream)
        events += parser.feed(QByteArray(1, c));
    QString why;
    QVERIFY2(sameEvents(feedSplit(stream, {}), events, &why), qPrintable(why));
    QCOMPARE(events.size(), expected);
    QCOMPARE(joinRaw(events) + parser.pending(), stream);
}

void TestSseParser::threeWaySplits()
{
    // Two cuts around every CR/LF pair of a CRLF stream.
    const QByteArray stream = withLineEnding(openAiStream(), "\r\n");
    const QList<SseEvent> whole = feedSplit(stream, {});
    for (qsizetype a = 0; a < stream.size(); a += 7) {
        for (qsizetype b = a; b <= stream.size(); b += 3) {
            QByteArray pending;
            const auto split = feedSplit(stream, {a, b}, &pending);
            QString why;
            QVERIFY2(sameEvents(whole, split, &why), qPrintable(why));
            QCOMPARE(joinRaw(split) + pending, stream);
        }
    }
}

void TestSseParser::multiLineData()
{
    SseParser parser;
    const auto events = parser.feed("data: first\ndata:second\ndata:  third\ndata\n\n");
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].data, QByteArray("first\nsecond\n third\n"));
    QVERIFY(events[0].hasData);
}

void TestSseParser::fieldParsing()
{
    SseParser parser;
    const auto events =
        parser.feed("id: 7\nevent: update\nretry: 1000\nunknown: x\ndata: {\"a\":1}\n\n"
                    "data\n\n"
                    "event: only-type\n\n");
    QCOMPARE(events.size(), 3);
    QCOMPARE(events[0].id, QByteArray("7"));
    QCOMPARE(events[0].event, QByteArray("update"));
    QCOMPARE(events[0].data, QByteArray("{\"a\":1}"));
    QVERIFY(events[1].hasData);
    QCOMPARE(events[1].data, QByteArray());
    QCOMPARE(events[1].event, QByteArray());
    QCOMPARE(events[2].event, QByteArray("only-type"));
    QVERIFY(!events[2].hasData);
    QVERIFY(!events[2].isComment());
}

void TestSseParser::comments()
{
    SseParser parser;
    const QByteArray stream = ": keep-alive\n\n: one\n: two\n\ndata: x\n: inline\n\n";
    const auto events = parser.feed(stream);
    QCOMPARE(events.size(), 3);
    QVERIFY(events[0].isComment());
    QCOMPARE(events[0].raw, QByteArray(": keep-alive\n\n"));
    QCOMPARE(events[0].data, QByteArray());
    QCOMPARE(events[0].event, QByteArray());
    QVERIFY(events[1].isComment());
    QCOMPARE(events[1].raw, QByteArray(": one\n: two\n\n"));
    QVERIFY(!events[2].isComment());
    QCOMPARE(events[2].data, QByteArray("x"));
    QCOMPARE(joinRaw(events), stream);
}

void TestSseParser::byteOrderMark()
{
    const QByteArray stream("\xEF\xBB\xBF"
                            "event: a\ndata: 1\n\n");
    for (qsizetype cut = 0; cut <= 4; ++cut) {
        const auto events = feedSplit(stream, {cut});
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].event, QByteArray("a")); // not "\xEF\xBB\xBF" "event"
        QCOMPARE(events[0].raw, stream);
    }
    // A BOM later in the stream is not special.
    SseParser parser;
    const auto events = parser.feed("data: 1\n\n\xEF\xBB\xBF"
                                    "data: 2\n\n");
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[1].data, QByteArray()); // the field name is "\xEF\xBB\xBF" "data"
    QVERIFY(!events[1].hasData);
    // Bytes that only start like a BOM are data.
    SseParser other;
    QCOMPARE(other.feed("\xEF").size(), 0);
    QCOMPARE(other.feed("x\n\n").size(), 1);
}

void TestSseParser::pendingTail()
{
    SseParser parser;
    auto events = parser.feed("data: complete\n\ndata: partial\ndata: more");
    QCOMPARE(events.size(), 1);
    QCOMPARE(parser.pending(), QByteArray("data: partial\ndata: more"));
    QCOMPARE(parser.pendingSize(), parser.pending().size());
    events = parser.feed("\n\n");
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].data, QByteArray("partial\nmore"));
    QCOMPARE(events[0].raw, QByteArray("data: partial\ndata: more\n\n"));
    QVERIFY(parser.pending().isEmpty());
    parser.feed("data: x");
    parser.reset();
    QVERIFY(parser.pending().isEmpty());
    QCOMPARE(parser.feed("data: y\n\n").value(0).data, QByteArray("y"));
}

void TestSseParser::strayBlankLines()
{
    SseParser parser;
    const QByteArray stream = "\n\ndata: a\n\n\n\ndata: b\n\n";
    const auto events = parser.feed(stream);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].data, QByteArray("a"));
    QCOMPARE(events[1].data, QByteArray("b"));
    QCOMPARE(events[1].raw, QByteArray("\n\ndata: b\n\n"));
    QCOMPARE(joinRaw(events), stream);
}

void TestSseParser::crThenLfAcrossChunks()
{
    // "\r" at the end of a chunk is a line end at once; a following "\n" is its CRLF partner,
    // not an empty line that would end the block early.
    SseParser parser;
    QCOMPARE(parser.feed("data: a\r").size(), 0);
    QCOMPARE(parser.feed("\ndata: b\r").size(), 0);
    QCOMPARE(parser.feed("\n").size(), 0);
    const auto events = parser.feed("\r\n");
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].data, QByteArray("a\nb"));
    // CR-only stream: the event is delivered without waiting for another byte.
    SseParser cr;
    const auto crEvents = cr.feed("data: z\r\r");
    QCOMPARE(crEvents.size(), 1);
    QCOMPARE(crEvents[0].data, QByteArray("z"));
}

void TestSseParser::largeInputsStayLinear()
{
    QElapsedTimer timer;
    timer.start();
    // One 4 MiB event arriving in 1 KiB pieces.
    const QByteArray big = "data: " + QByteArray(4 * 1024 * 1024, 'x') + "\n\n";
    SseParser parser;
    QList<SseEvent> events;
    for (qsizetype i = 0; i < big.size(); i += 1024)
        events += parser.feed(big.mid(i, 1024));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].data.size(), 4 * 1024 * 1024);
    QCOMPARE(events[0].raw, big);
    // 50000 small events in one chunk.
    QByteArray many;
    for (int i = 0; i < 50000; ++i)
        many += "data: " + QByteArray::number(i) + "\n\n";
    const auto manyEvents = parser.feed(many);
    QCOMPARE(manyEvents.size(), 50000);
    QCOMPARE(manyEvents.last().data, QByteArray("49999"));
    QVERIFY(parser.pending().isEmpty());
    // Quadratic behaviour would take minutes here.
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "TestSseParser.moc"
