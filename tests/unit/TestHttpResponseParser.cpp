// SPDX-License-Identifier: GPL-3.0-or-later
// The upstream HTTP/1.1 response parser on its own: bytes in, status, fields and body out, the
// same however the bytes are split.
#include "upstream/HttpResponseParser.h"

#include <QTest>

#include <algorithm>
#include <cstdint>
#include <random>

using State = HttpResponseParser::State;

namespace {

struct Outcome
{
    State state = State::Head;
    int status = 0;
    HttpHeaderList headers;
    QByteArray body;
    bool keepAlive = false;
    bool headersComplete = false;
    qsizetype consumed = 0;
    QString error;
    bool overConsumed = false; // a feed() returned more than it was given
    qsizetype afterwards = -1; // what a feed() after Done or Error consumed
};

// Feeds `raw` in pieces that end at `cuts` (ascending offsets), stopping where the parser
// stops consuming, then reports the close of the connection when `close` is set.
Outcome parse(const QByteArray &raw, const QList<qsizetype> &cuts, bool noBody = false,
              bool close = false, HttpResponseParser::Limits limits = {})
{
    HttpResponseParser parser(limits);
    parser.reset(noBody);
    Outcome out;
    qsizetype pos = 0;
    for (qsizetype i = 0; i <= cuts.size(); ++i) {
        const qsizetype end = i < cuts.size() ? cuts.at(i) : raw.size();
        const qsizetype n = end - pos;
        const qsizetype used = parser.feed(QByteArrayView(raw).sliced(pos, n), &out.body);
        out.overConsumed = out.overConsumed || used < 0 || used > n;
        pos += used;
        if (used < n)
            break;
    }
    if (close)
        parser.finishOnClose();
    if (parser.state() == State::Done || parser.state() == State::Error) {
        QByteArray more;
        out.afterwards = parser.feed("HTTP/1.1 200 OK\r\n\r\n", &more) + more.size();
    }
    out.state = parser.state();
    out.status = parser.status();
    out.headers = parser.headers();
    out.keepAlive = parser.keepAlive();
    out.headersComplete = parser.headersComplete();
    out.consumed = pos;
    out.error = parser.errorMessage();
    return out;
}

QList<qsizetype> everyByte(qsizetype size)
{
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < size; ++i)
        cuts.append(i);
    return cuts;
}

QList<qsizetype> randomCuts(qsizetype size, std::mt19937 &rng)
{
    QList<qsizetype> cuts;
    if (size < 2)
        return cuts;
    std::uniform_int_distribution<qsizetype> at(1, size - 1);
    const int count = std::uniform_int_distribution<int>(1, 12)(rng);
    for (int i = 0; i < count; ++i)
        cuts.append(at(rng));
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    return cuts;
}

QByteArray response(const QByteArray &fields, const QByteArray &body = {})
{
    return "HTTP/1.1 200 OK\r\n" + fields + "\r\n" + body;
}

QByteArray withLength(const QByteArray &body)
{
    return response("Content-Length: " + QByteArray::number(body.size()) + "\r\n", body);
}

const QByteArray kJson = R"({"id":"msg_01","type":"message","role":"assistant","content":[)"
                         R"({"type":"text","text":"Hello!"}],"usage":{"input_tokens":12,)"
                         R"("output_tokens":6}})";

const QByteArray kSse = "event: message_start\n"
                        "data: {\"type\":\"message_start\"}\n\n"
                        "event: message_stop\n"
                        "data: {\"type\":\"message_stop\"}\n\n";

QByteArray chunkedResponse(const QByteArray &chunks, const QByteArray &fields = {})
{
    return response("Transfer-Encoding: chunked\r\n" + fields, chunks);
}

} // namespace

class TestHttpResponseParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void table_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<bool>("noBody");
        QTest::addColumn<bool>("close");
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("keepAlive");
        QTest::addColumn<qsizetype>("consumed"); // -1: all of raw

        // A complete response: Done with this status, body and keep-alive.
        auto done = [](const char *name, const QByteArray &raw, int status, const QByteArray &body,
                       bool keepAlive, qsizetype consumed = -1, bool noBody = false,
                       bool close = false) {
            QTest::newRow(name) << raw << noBody << close << int(State::Done) << status << body
                                << keepAlive << consumed;
        };
        // A body that goes on until the connection closes, which has not happened yet.
        auto open = [](const char *name, const QByteArray &raw, const QByteArray &body) {
            QTest::newRow(name) << raw << false << false << int(State::Body) << 200 << body << false
                                << qsizetype(-1);
        };
        auto refused = [](const char *name, const QByteArray &raw, bool close = false) {
            QTest::newRow(name) << raw << false << close << int(State::Error) << -1 << QByteArray()
                                << false << qsizetype(-1);
        };

        // Content-Length.
        done("anthropic json", withLength(kJson), 200, kJson, true);
        done("content-length zero", withLength(""), 200, "", true);
        done("content-length leading zeros", response("Content-Length: 005\r\n", "hello"), 200,
             "hello", true);
        done("content-length padded", response("Content-Length: \t 5  \r\n", "hello"), 200, "hello",
             true);
        done("equal repeated content-length",
             response("Content-Length: 5\r\nContent-Length: 5\r\n", "hello"), 200, "hello", true);
        done("content-length list of equal values", response("Content-Length: 5, 5\r\n", "hello"),
             200, "hello", true);
        done("error status with a body", "HTTP/1.1 529 Overloaded\r\nContent-Length: 2\r\n\r\n{}",
             529, "{}", true);
        done("no reason phrase", "HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok", 200, "ok", true);
        done("empty reason phrase", "HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nok", 200, "ok",
             true);
        done("reason with tab and obs-text", "HTTP/1.1 200 O\tK \xc3\xa9\r\n\r\n", 200, "", false,
             -1, false, true);
        done("bare LF lines", "HTTP/1.1 200 OK\nContent-Length: 2\n\nok", 200, "ok", true);
        done("mixed line endings", "HTTP/1.1 200 OK\r\nX-A: 1\nContent-Length: 2\r\n\nok", 200,
             "ok", true);
        done("HTTP/1.2 is HTTP/1.1", "HTTP/1.2 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, "ok",
             true);

        // Bytes after the response belong to no response.
        const QByteArray first = withLength("ab");
        done("pipelined garbage", first + "GARBAGE\r\n\r\n", 200, "ab", true, first.size());
        done("pipelined response", first + withLength("cd"), 200, "ab", true, first.size());
        const QByteArray chunkedFirst = chunkedResponse("2\r\nab\r\n0\r\n\r\n");
        done("bytes after a chunked response", chunkedFirst + "XYZ", 200, "ab", true,
             chunkedFirst.size());

        // Chunked.
        done("chunked", chunkedResponse("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"), 200,
             "hello world", true);
        done("chunked upper-case hex", chunkedResponse("A\r\n0123456789\r\n0\r\n\r\n"), 200,
             "0123456789", true);
        done("chunked lower-case hex", chunkedResponse("a\r\n0123456789\r\n0\r\n\r\n"), 200,
             "0123456789", true);
        done("chunked leading zeros", chunkedResponse("0005\r\nhello\r\n000\r\n\r\n"), 200, "hello",
             true);
        done("chunked extensions",
             chunkedResponse("5;name=value\r\nhello\r\n5 ; a=\"b c\"\r\nworld\r\n0;last\r\n\r\n"),
             200, "helloworld", true);
        done("chunked trailers",
             chunkedResponse("5\r\nhello\r\n0\r\nX-Checksum: abc\r\nX-Other:  1 \r\n\r\n"), 200,
             "hello", true);
        done("chunked LF only", chunkedResponse("5\nhello\n0\n\n"), 200, "hello", true);
        done("chunked sse stream",
             response("Content-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n",
                      QByteArray::number(kSse.size(), 16) + "\r\n" + kSse + "\r\n0\r\n\r\n"),
             200, kSse, true);
        done("transfer-encoding list ending in chunked",
             response("Transfer-Encoding: gzip, Chunked\r\n", "2\r\nxy\r\n0\r\n\r\n"), 200, "xy",
             true);
        done("transfer-encoding in two fields",
             response("Transfer-Encoding: gzip\r\nTransfer-Encoding: CHUNKED\r\n",
                      "2\r\nxy\r\n0\r\n\r\n"),
             200, "xy", true);
        done("content-length and transfer-encoding",
             response("Content-Length: 100\r\nTransfer-Encoding: chunked\r\n",
                      "2\r\nxy\r\n0\r\n\r\n"),
             200, "xy", false);

        // Delimited by the close.
        done("close-delimited", response("Content-Type: text/plain\r\n", "all of it"), 200,
             "all of it", false, -1, false, true);
        done("close-delimited empty", response(""), 200, "", false, -1, false, true);
        open("close-delimited before the close", response("", "so far"), "so far");
        done("transfer-encoding without chunked", response("Transfer-Encoding: gzip\r\n", "zz"),
             200, "zz", false, -1, false, true);
        done("http/1.0 close-delimited", "HTTP/1.0 200 OK\r\n\r\nold", 200, "old", false, -1, false,
             true);

        // No body: HEAD, 204, 304; interim responses skipped.
        const QByteArray headHead = withLength("12345").chopped(5);
        done("HEAD with content-length", headHead, 200, "", true, -1, true);
        done("HEAD then pipelined bytes", headHead + "HTTP/1.1 200 OK\r\n\r\n", 200, "", true,
             headHead.size(), true);
        done("HEAD with chunked", chunkedResponse(""), 200, "", true, -1, true);
        const QByteArray noContent = "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n";
        done("204 ignores content-length", noContent + "hello", 204, "", true, noContent.size());
        const QByteArray notModified = "HTTP/1.1 304 Not Modified\r\nContent-Length: x\r\n\r\n";
        done("304 ignores content-length", notModified, 304, "", true);
        done("100 continue then 200",
             "HTTP/1.1 100 Continue\r\n\r\n" + response("Content-Length: 2\r\n", "ok"), 200, "ok",
             true);
        done("103 and 100 then 200",
             "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
             "HTTP/1.1 100 Continue\r\n\r\n" +
                 withLength("ok"),
             200, "ok", true);
        QByteArray interim;
        for (int i = 0; i < HttpResponseParser::MaxInterimResponses; ++i)
            interim += "HTTP/1.1 100 Continue\r\n\r\n";
        done("as many interim responses as allowed", interim + withLength("ok"), 200, "ok", true);

        // Connection.
        done("http/1.0 without keep-alive", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 200,
             "ok", false);
        done("http/1.0 keep-alive",
             "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok", 200, "ok",
             true);
        done("http/1.0 keep-alive and close",
             "HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 2\r\n\r\nok", 200,
             "ok", false);
        done("http/1.0 chunked",
             "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n"
             "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n",
             200, "ok", false);
        done("connection close", response("Connection: close\r\nContent-Length: 2\r\n", "ok"), 200,
             "ok", false);
        done("connection close in a second field",
             response("Connection: keep-alive\r\nConnection: foo, CLOSE\r\nContent-Length: 2\r\n",
                      "ok"),
             200, "ok", false);
        done("connection token containing close",
             response("Connection: closed, x-close\r\nContent-Length: 2\r\n", "ok"), 200, "ok",
             true);

        // Field syntax that is accepted.
        done("obs-fold", response("X-A: a\r\n  b \r\n\tc\r\nContent-Length: 2\r\n", "ok"), 200,
             "ok", true);
        done("folded content-length", response("Content-Length:\r\n 2\r\n", "ok"), 200, "ok", true);
        done("empty value", response("X-Empty:\r\nContent-Length: 2\r\n", "ok"), 200, "ok", true);

        // Status lines.
        refused("101 switching protocols", "HTTP/1.1 101 Switching Protocols\r\n\r\n");
        refused("http/2", "HTTP/2 200\r\n\r\n");
        refused("http/2.0", "HTTP/2.0 200 OK\r\n\r\n");
        refused("http/0.9", "HTTP/0.9 200 OK\r\n\r\n");
        refused("lower-case version", "http/1.1 200 OK\r\n\r\n");
        refused("garbage", "GARBAGE\r\n\r\n");
        refused("empty head", "\r\n\r\n");
        refused("two-digit status", "HTTP/1.1 20 OK\r\n\r\n");
        refused("four-digit status", "HTTP/1.1 2000 OK\r\n\r\n");
        refused("status below 100", "HTTP/1.1 099 OK\r\n\r\n");
        refused("status above 599", "HTTP/1.1 600 OK\r\n\r\n");
        refused("no space after the version", "HTTP/1.1\t200 OK\r\n\r\n");
        refused("two spaces before the status", "HTTP/1.1  200 OK\r\n\r\n");
        refused("bare CR in the reason", "HTTP/1.1 200 O\rK\r\n\r\n");
        refused("too many interim responses",
                interim + "HTTP/1.1 100 Continue\r\n\r\n" + withLength("ok"));

        // Content-Length.
        refused("negative content-length", response("Content-Length: -5\r\n", "hello"));
        refused("content-length plus sign", response("Content-Length: +5\r\n", "hello"));
        refused("non-digit content-length", response("Content-Length: 5a\r\n", "hello"));
        refused("hex content-length", response("Content-Length: 0x5\r\n", "hello"));
        refused("content-length inner space", response("Content-Length: 1 2\r\n", "hello"));
        refused("empty content-length", response("Content-Length:\r\n", "hello"));
        refused("content-length empty list element", response("Content-Length: 5,\r\n", "hello"));
        refused("huge content-length",
                response("Content-Length: 99999999999999999999999999\r\n", "hello"));
        refused("content-length just above the limit",
                response("Content-Length: 1152921504606846977\r\n", "hello"));
        refused("conflicting content-lengths",
                response("Content-Length: 5\r\nContent-Length: 6\r\n", "hello!"));
        refused("conflicting content-length list", response("Content-Length: 5, 6\r\n", "hello!"));
        refused("conflicting after a valid one",
                response("Content-Length: 5\r\nContent-Length: 5, x\r\n", "hello"));

        // Transfer-Encoding and chunks.
        refused("chunked not last",
                response("Transfer-Encoding: chunked, gzip\r\n", "2\r\nxy\r\n0\r\n\r\n"));
        refused("chunked twice",
                response("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
                         "2\r\nxy\r\n0\r\n\r\n"));
        refused("chunk-size overflow", chunkedResponse(QByteArray(40, 'f') + "\r\nx\r\n0\r\n\r\n"));
        refused("chunk size just above the limit",
                chunkedResponse("1000000000000001\r\nx\r\n0\r\n\r\n"));
        refused("chunk size not hex", chunkedResponse("g\r\nx\r\n0\r\n\r\n"));
        refused("chunk size empty", chunkedResponse("\r\nx\r\n0\r\n\r\n"));
        refused("chunk size negative", chunkedResponse("-1\r\nx\r\n0\r\n\r\n"));
        refused("chunk size 0x prefix", chunkedResponse("0x1\r\nx\r\n0\r\n\r\n"));
        refused("chunk size leading space", chunkedResponse(" 1\r\nx\r\n0\r\n\r\n"));
        refused("chunk size trailing space", chunkedResponse("1 \r\nx\r\n0\r\n\r\n"));
        refused("bare CR in a chunk extension", chunkedResponse("1;a\rb\r\nx\r\n0\r\n\r\n"));
        refused("chunk-size line too long",
                chunkedResponse("1;" + QByteArray(5000, 'a') + "\r\nx\r\n0\r\n\r\n"));
        refused("chunk data not followed by CRLF", chunkedResponse("5\r\nhelloX\r\n0\r\n\r\n"));
        refused("chunk data followed by CR and garbage", chunkedResponse("5\r\nhello\rX0\r\n\r\n"));
        refused("chunk data followed by CR CR LF", chunkedResponse("5\r\nhello\r\r\n0\r\n\r\n"));
        refused("invalid trailer field", chunkedResponse("1\r\nx\r\n0\r\nX-T : 1\r\n\r\n"));
        refused("trailer too large",
                chunkedResponse("1\r\nx\r\n0\r\nX-T: " + QByteArray(70000, 'a') + "\r\n\r\n"));

        // Head bounds and field syntax.
        refused("head too large", response("X-A: " + QByteArray(70000, 'a') + "\r\n"));
        refused("head without end too large", "HTTP/1.1 200 OK\r\n" + QByteArray(70000, 'a'));
        QByteArray many;
        for (int i = 0; i < 300; ++i)
            many += "X-" + QByteArray::number(i) + ": 1\r\n";
        refused("too many fields", response(many + "Content-Length: 0\r\n"));
        refused("bare CR in a value", response("X-A: a\rX-Injected: 1\r\nContent-Length: 0\r\n"));
        refused("NUL in a value", response(QByteArray("X-A: a\0b\r\nContent-Length: 0\r\n", 29)));
        refused("escape in a value", response("X-A: a\x1b[0m\r\nContent-Length: 0\r\n"));
        refused("DEL in a value", response("X-A: a\x7f\r\nContent-Length: 0\r\n"));
        refused("bare CR in a folded line", response("X-A: a\r\n b\rc\r\nContent-Length: 0\r\n"));
        refused("space before the colon", response("X-A : a\r\nContent-Length: 0\r\n"));
        refused("tab before the colon", response("Content-Length\t: 0\r\n"));
        refused("empty field name", response(": a\r\nContent-Length: 0\r\n"));
        refused("no colon", response("Bad Header\r\nContent-Length: 0\r\n"));
        refused("non-token name", response("X(A): a\r\nContent-Length: 0\r\n"));
        refused("obs-fold before any field", "HTTP/1.1 200 OK\r\n X-A: a\r\n\r\n");
        refused("interim response with a bad field",
                "HTTP/1.1 100 Continue\r\nBad\r\n\r\n" + withLength("ok"));

        // The connection closes before the end.
        refused("close mid content-length body", response("Content-Length: 10\r\n", "hello"), true);
        refused("close mid chunk", chunkedResponse("5\r\nhel"), true);
        refused("close before the last chunk", chunkedResponse("5\r\nhello\r\n"), true);
        refused("close in the trailers", chunkedResponse("5\r\nhello\r\n0\r\nX-T: 1\r\n"), true);
        refused("close mid head", "HTTP/1.1 200 OK\r\nContent-", true);
        refused("close after an interim response", "HTTP/1.1 100 Continue\r\n\r\n", true);
        refused("close before any byte", "", true);
    }

    void table()
    {
        QFETCH(QByteArray, raw);
        QFETCH(bool, noBody);
        QFETCH(bool, close);
        QFETCH(int, state);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(bool, keepAlive);
        QFETCH(qsizetype, consumed);

        const Outcome whole = parse(raw, {}, noBody, close);
        QVERIFY2(int(whole.state) == state,
                 qPrintable(
                     QStringLiteral("state %1, error: %2").arg(int(whole.state)).arg(whole.error)));
        QVERIFY(!whole.overConsumed);
        if (state == int(State::Error)) {
            QVERIFY(!whole.error.isEmpty());
            QVERIFY(!whole.keepAlive);
            QCOMPARE(whole.afterwards, 0);
        } else {
            QVERIFY2(whole.error.isEmpty(), qPrintable(whole.error));
            QCOMPARE(whole.status, status);
            QCOMPARE(whole.body, body);
            QVERIFY(whole.headersComplete);
            QCOMPARE(whole.consumed, consumed < 0 ? raw.size() : consumed);
            if (state == int(State::Done)) {
                QCOMPARE(whole.keepAlive, keepAlive);
                QCOMPARE(whole.afterwards, 0);
            }
        }

        // The same outcome one byte at a time and in random pieces.
        std::mt19937 rng(std::uint32_t(raw.size() * 2654435761u));
        QList<QList<qsizetype>> splits{everyByte(raw.size())};
        for (int i = 0; i < 20; ++i)
            splits.append(randomCuts(raw.size(), rng));
        for (const QList<qsizetype> &cuts : std::as_const(splits)) {
            const Outcome split = parse(raw, cuts, noBody, close);
            const QString where = QStringLiteral("%1 pieces").arg(cuts.size() + 1);
            QVERIFY2(split.state == whole.state,
                     qPrintable(where + QStringLiteral(": ") + split.error));
            QVERIFY2(!split.overConsumed, qPrintable(where));
            QCOMPARE(split.status, whole.status);
            QCOMPARE(split.headers, whole.headers);
            QCOMPARE(split.body, whole.body);
            QCOMPARE(split.keepAlive, whole.keepAlive);
            QCOMPARE(split.headersComplete, whole.headersComplete);
            QCOMPARE(split.error, whole.error);
            QCOMPARE(split.afterwards, whole.afterwards);
            if (whole.state != State::Error)
                QCOMPARE(split.consumed, whole.consumed);
        }
    }

    void fieldsAreLowerCasedAndKeptInOrder()
    {
        const Outcome out = parse(
            response("Content-Type: application/json\r\nSet-Cookie: a=1\r\n"
                     "X-Folded: one\r\n   two  \r\nSET-COOKIE:  b=2 \r\nX-Latin: caf\xc3\xa9\r\n"
                     "Content-Length: 0\r\n"),
            {});
        QCOMPARE(out.state, State::Done);
        const HttpHeaderList expected{{"content-type", "application/json"},
                                      {"set-cookie", "a=1"},
                                      {"x-folded", "one two"},
                                      {"set-cookie", "b=2"},
                                      {"x-latin", "caf\xc3\xa9"},
                                      {"content-length", "0"}};
        QCOMPARE(out.headers, expected);
    }

    void interimFieldsAreDropped()
    {
        const Outcome out = parse("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                                  "HTTP/1.1 201 Created\r\nX-Final: 1\r\nContent-Length: 0\r\n\r\n",
                                  {});
        QCOMPARE(out.state, State::Done);
        QCOMPARE(out.status, 201);
        QCOMPARE(out.headers, (HttpHeaderList{{"x-final", "1"}, {"content-length", "0"}}));
    }

    void bodyIsAppended()
    {
        HttpResponseParser parser;
        QByteArray body = "kept:";
        const QByteArray raw = withLength("new");
        QCOMPARE(parser.feed(raw, &body), raw.size());
        QCOMPARE(body, QByteArray("kept:new"));
    }

    void headLimitCountsTheWholeHead()
    {
        HttpResponseParser::Limits limits;
        limits.maxHeadBytes = 64;
        const QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Pad: ";
        const QByteArray fits = head + QByteArray(64 - head.size() - 4, 'p') + "\r\n\r\n";
        QCOMPARE(fits.size(), 64);
        const QByteArray over = head + QByteArray(64 - head.size() - 3, 'p') + "\r\n\r\n";
        for (const QList<qsizetype> &cuts : {QList<qsizetype>{}, everyByte(fits.size() + 2)}) {
            const Outcome ok = parse(fits + "ok", cuts, false, false, limits);
            QCOMPARE(ok.state, State::Done);
            QCOMPARE(ok.body, QByteArray("ok"));
            const Outcome tooLarge = parse(over + "ok", cuts, false, false, limits);
            QCOMPARE(tooLarge.state, State::Error);
            QCOMPARE(tooLarge.error, QStringLiteral("response head larger than 64 bytes"));
            // Each interim response has a head of its own.
            const Outcome interim = parse("HTTP/1.1 100 Continue\r\nX-Pad: " + QByteArray(30, 'p') +
                                              "\r\n\r\n" + fits + "ok",
                                          {}, false, false, limits);
            QCOMPARE(interim.state, State::Done);
        }
        QCOMPARE(parse(response("X-A: " + QByteArray(70000, 'a') + "\r\n"), {}).error,
                 QStringLiteral("response head larger than 65536 bytes"));
    }

    void fieldCountIsConfigurable()
    {
        HttpResponseParser::Limits limits;
        limits.maxHeaderCount = 2;
        QCOMPARE(parse(response("A: 1\r\nContent-Length: 0\r\n"), {}, false, false, limits).state,
                 State::Done);
        // A folded line is not a field of its own.
        QCOMPARE(
            parse(response("A: 1\r\n 2\r\nContent-Length: 0\r\n"), {}, false, false, limits).state,
            State::Done);
        const Outcome out =
            parse(response("A: 1\r\nB: 2\r\nContent-Length: 0\r\n"), {}, false, false, limits);
        QCOMPARE(out.state, State::Error);
        QCOMPARE(out.error, QStringLiteral("more than 2 header fields"));
    }

    void errorMessagesQuoteNoInput()
    {
        const QByteArray marker = "Zq9Marker";
        const QList<QByteArray> inputs{
            "HTTP/9." + marker + " 200\r\n\r\n",
            "HTTP/1.1 2" + marker + "\r\n\r\n",
            response(marker + " : x\r\n"),
            response("X-A: " + marker + "\x01\r\n"),
            response("Content-Length: " + marker + "\r\n"),
            response("Transfer-Encoding: chunked, " + marker + "\r\n"),
            chunkedResponse(marker + "\r\n"),
            chunkedResponse("1;" + marker + "\x01\r\n"),
            chunkedResponse("1\r\nx" + marker),
            marker + "\r\n\r\n",
        };
        for (const QByteArray &raw : inputs) {
            const Outcome out = parse(raw, {});
            QCOMPARE(out.state, State::Error);
            QVERIFY(!out.error.isEmpty());
            QVERIFY2(!out.error.contains(QLatin1String(marker)), qPrintable(out.error));
            for (QChar c : out.error)
                QVERIFY(c.unicode() >= 0x20 && c.unicode() < 0x7f);
        }
    }

    void finishOnClose()
    {
        {
            HttpResponseParser parser;
            parser.finishOnClose();
            QCOMPARE(parser.state(), State::Error);
            QCOMPARE(parser.errorMessage(),
                     QStringLiteral("the connection closed without a response"));
        }
        {
            HttpResponseParser parser;
            QByteArray body;
            parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel", &body);
            QVERIFY(parser.headersComplete());
            QCOMPARE(parser.state(), State::Body);
            parser.finishOnClose();
            QCOMPARE(parser.state(), State::Error);
            QVERIFY(parser.headersComplete());
            QVERIFY(!parser.keepAlive());
            QCOMPARE(parser.errorMessage(),
                     QStringLiteral("the connection closed before the response was complete"));
            QCOMPARE(body, QByteArray("hel"));
        }
        {
            HttpResponseParser parser;
            QByteArray body;
            const QByteArray raw = withLength("ok");
            QCOMPARE(parser.feed(raw, &body), raw.size());
            parser.finishOnClose();
            QCOMPARE(parser.state(), State::Done);
            QVERIFY(parser.keepAlive());
        }
        {
            HttpResponseParser parser;
            QByteArray body;
            parser.feed("HTTP/3 200\r\n\r\n", &body);
            const QString error = parser.errorMessage();
            parser.finishOnClose();
            QCOMPARE(parser.state(), State::Error);
            QCOMPARE(parser.errorMessage(), error);
        }
    }

    void afterAnErrorNothingIsConsumed()
    {
        HttpResponseParser parser;
        QByteArray body;
        parser.feed("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", &body);
        QCOMPARE(parser.state(), State::Error);
        QCOMPARE(parser.errorMessage(), QStringLiteral("invalid Content-Length"));
        QCOMPARE(parser.feed(withLength("ok"), &body), 0);
        QCOMPARE(parser.state(), State::Error);
        QVERIFY(body.isEmpty());
    }

    void resetReadsTheNextResponse()
    {
        // A kept-alive connection: a GET, a HEAD, then a chunked GET, pipelined.
        const QByteArray a = withLength("first");
        const QByteArray b = response("Content-Length: 999\r\n");
        const QByteArray c = chunkedResponse("3\r\nend\r\n0\r\n\r\n");
        const QByteArray all = a + b + c;
        HttpResponseParser parser;
        QByteArray body;
        qsizetype pos = parser.feed(all, &body);
        QCOMPARE(pos, a.size());
        QCOMPARE(body, QByteArray("first"));
        QVERIFY(parser.keepAlive());

        parser.reset(true);
        QVERIFY(!parser.headersComplete());
        QCOMPARE(parser.status(), 0);
        QVERIFY(parser.headers().isEmpty());
        body.clear();
        pos += parser.feed(QByteArrayView(all).sliced(pos), &body);
        QCOMPARE(pos, a.size() + b.size());
        QCOMPARE(parser.state(), State::Done);
        QVERIFY(body.isEmpty());

        parser.reset();
        pos += parser.feed(QByteArrayView(all).sliced(pos), &body);
        QCOMPARE(pos, all.size());
        QCOMPARE(parser.state(), State::Done);
        QCOMPARE(body, QByteArray("end"));
        QVERIFY(parser.keepAlive());

        // And after an error.
        parser.reset();
        parser.feed("nonsense\r\n\r\n", &body);
        QCOMPARE(parser.state(), State::Error);
        parser.reset();
        QVERIFY(parser.errorMessage().isEmpty());
        body.clear();
        QCOMPARE(parser.feed(a, &body), a.size());
        QCOMPARE(parser.state(), State::Done);
        QCOMPARE(body, QByteArray("first"));
    }
};

QTEST_APPLESS_MAIN(TestHttpResponseParser)
#include "TestHttpResponseParser.moc"
