// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP request parser on its own: bytes in, a request or a refusal out, no sockets.
#include "http/HttpRequestParser.h"

#include <QTest>

namespace {

struct Outcome
{
    int status = -1; // 0: a complete request; -1: incomplete; else the refusal's status
    HttpRequest request;
    QString message;
    qsizetype consumed = 0;
    bool sawHead = false;
};

// Feeds `raw` whole or one byte at a time, going on after the head like the connection does.
Outcome parse(const QByteArray &raw, bool byteByByte, const HttpParserLimits &limits = {},
              HttpRequestParser::BodyReservation reserve = {})
{
    HttpRequestParser parser(limits);
    parser.setBodyReservation(std::move(reserve));
    Outcome out;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype size = byteByByte ? qMin<qsizetype>(1, raw.size() - pos) : raw.size() - pos;
        qsizetype used = 0;
        auto result = parser.feed(QByteArrayView(raw).sliced(pos, size), &used);
        pos += used;
        if (result == HttpRequestParser::Result::HeadReady) {
            out.sawHead = true;
            result = parser.continueBody();
            if (result == HttpRequestParser::Result::NeedMore)
                continue;
        }
        if (result == HttpRequestParser::Result::Complete) {
            out.status = 0;
            out.request = parser.takeRequest();
            break;
        }
        if (result == HttpRequestParser::Result::Error) {
            out.status = parser.failure().status;
            out.message = parser.failure().message;
            break;
        }
        if (pos >= raw.size())
            break; // NeedMore with nothing left
    }
    out.consumed = pos;
    return out;
}

} // namespace

class TestHttpRequestParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void table_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");

        auto ok = [](const char *name, const QByteArray &raw, const QByteArray &body) {
            QTest::newRow(name) << raw << 0 << body;
        };
        auto refused = [](const char *name, const QByteArray &raw, int status) {
            QTest::newRow(name) << raw << status << QByteArray();
        };
        const QByteArray post = "POST /v1/messages HTTP/1.1\r\nHost: x\r\n";

        ok("get", "GET /health HTTP/1.1\r\nHost: x\r\n\r\n", "");
        ok("content-length", post + "Content-Length: 5\r\n\r\nhello", "hello");
        ok("content-length zero", post + "Content-Length: 0\r\n\r\n", "");
        ok("same content-length twice", post + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
           "abc");
        ok("chunked",
           post + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
           "hello world");
        ok("chunked upper-case hex and extension",
           post + "Transfer-Encoding: Chunked\r\n\r\nA;name=value\r\n0123456789\r\n0\r\n\r\n",
           "0123456789");
        ok("chunked with trailer",
           post + "Transfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-Trailer: 1\r\n\r\n", "x");
        ok("empty lines before the request", "\r\n\r\nGET / HTTP/1.1\r\n\r\n", "");
        ok("tab and obs-text in a value", "GET / HTTP/1.1\r\nX-A: a\tb \xc3\xa9\r\n\r\n", "");
        ok("http/1.0", "GET / HTTP/1.0\r\n\r\n", "");

        // Numbers: digits only, no sign, no whitespace inside, no overflow.
        refused("content-length plus sign", post + "Content-Length: +5\r\n\r\nhello", 400);
        refused("content-length minus", post + "Content-Length: -5\r\n\r\n", 400);
        refused("content-length inner space", post + "Content-Length: 1 2\r\n\r\n", 400);
        refused("content-length hex", post + "Content-Length: 0x10\r\n\r\n", 400);
        refused("content-length empty", post + "Content-Length: \r\n\r\n", 400);
        refused("content-length list", post + "Content-Length: 5, 5\r\n\r\nhello", 400);
        refused("content-length conflicting",
                post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400);
        refused("content-length over the limit", post + "Content-Length: 33554433\r\n\r\n", 413);
        refused("content-length beyond 64 bits",
                post + "Content-Length: 99999999999999999999999999\r\n\r\n", 413);
        refused("content-length and transfer-encoding",
                post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
        refused("transfer-encoding not chunked", post + "Transfer-Encoding: gzip\r\n\r\n", 501);
        refused("transfer-encoding chunked twice",
                post + "Transfer-Encoding: chunked, chunked\r\n\r\n", 400);
        refused("transfer-encoding on http/1.0",
                "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
        const QByteArray chunked = post + "Transfer-Encoding: chunked\r\n\r\n";
        refused("chunk size minus", chunked + "-1\r\nx\r\n0\r\n\r\n", 400);
        refused("chunk size plus", chunked + "+1\r\nx\r\n0\r\n\r\n", 400);
        refused("chunk size leading space", chunked + " 1\r\nx\r\n0\r\n\r\n", 400);
        refused("chunk size trailing space", chunked + "1 \r\nx\r\n0\r\n\r\n", 400);
        refused("chunk size not hex", chunked + "g\r\nx\r\n0\r\n\r\n", 400);
        refused("chunk size empty", chunked + "\r\nx\r\n0\r\n\r\n", 400);
        refused("chunk longer than its size", chunked + "1\r\nxy\r\n0\r\n\r\n", 400);
        // Finding: a huge chunk size after a first byte overflowed the body-size check.
        refused("huge chunk after a first byte", chunked + "1\r\nx\r\n7fffffffffffffff\r\n", 413);
        refused("chunk size beyond 64 bits", chunked + "1\r\nx\r\nffffffffffffffffff\r\n", 413);
        refused("chunks over the limit", chunked + "2000001\r\n", 413);
        refused("chunk-size line too long", chunked + "1;" + QByteArray(2000, 'a') + "\r\n", 400);

        // Control characters: never in a field (a client must not add header lines upstream).
        refused("bare CR in a value", "GET / HTTP/1.1\r\nUser-Agent: a\rX-Injected: 1\r\n\r\n",
                400);
        refused("bare LF in a value", "GET / HTTP/1.1\r\nUser-Agent: a\nX-Injected: 1\r\n\r\n",
                400);
        refused("NUL in a value", QByteArray("GET / HTTP/1.1\r\nX-A: a\0b\r\n\r\n", 29), 400);
        refused("escape in a value", "GET / HTTP/1.1\r\nX-A: a\x1b[0m\r\n\r\n", 400);
        refused("DEL in a value", "GET / HTTP/1.1\r\nX-A: a\x7f\r\n\r\n", 400);
        refused("control character in a name", "GET / HTTP/1.1\r\nX\x01A: a\r\n\r\n", 400);
        refused("space before the colon", "GET / HTTP/1.1\r\nX-A : a\r\n\r\n", 400);
        refused("folded header", "GET / HTTP/1.1\r\nX-A: a\r\n b\r\n\r\n", 400);
        refused("no colon", "GET / HTTP/1.1\r\nBad Header\r\n\r\n", 400);
        refused("LF line endings", "GET / HTTP/1.1\nHost: x\n\n", 400);
        refused("control character in the target", "GET /a\x01 HTTP/1.1\r\n\r\n", 400);
        refused("absolute target", "GET http://x/ HTTP/1.1\r\n\r\n", 400);
        refused("three spaces in the request line", "GET / x HTTP/1.1\r\n\r\n", 400);
        refused("bad method", "G(T / HTTP/1.1\r\n\r\n", 400);
        refused("garbage", "GARBAGE\r\n\r\n", 400);
        refused("unsupported version", "GET / HTTP/2.0\r\n\r\n", 505);
        refused("malformed version", "GET / HTTP/1.1x\r\n\r\n", 400);
        refused("unsupported expectation", post + "Expect: magic\r\nContent-Length: 1\r\n\r\nx",
                417);

        // Sizes of the head: 431.
        refused("head too large", "GET / HTTP/1.1\r\nX-A: " + QByteArray(70000, 'a') + "\r\n\r\n",
                431);
        QByteArray many = "GET / HTTP/1.1\r\n";
        for (int i = 0; i < 300; ++i)
            many += "X-" + QByteArray::number(i) + ": 1\r\n";
        refused("too many fields", many + "\r\n", 431);
        refused("endless empty lines", QByteArray(70000, '\r').replace("\r", "\r\n"), 431);
        refused("trailer too large",
                chunked + "1\r\nx\r\n0\r\nX-T: " + QByteArray(70000, 'a') + "\r\n\r\n", 431);
    }

    void table()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        for (bool byteByByte : {false, true}) {
            const Outcome out = parse(raw, byteByByte);
            QVERIFY2(out.status == status, qPrintable(QStringLiteral("%1 (byte by byte: %2): %3")
                                                          .arg(out.status)
                                                          .arg(byteByByte)
                                                          .arg(out.message)));
            if (status == 0)
                QCOMPARE(out.request.body, body);
            else
                QVERIFY(!out.message.isEmpty());
        }
    }

    // A head that arrives whole is parsed straight from the bytes read; one that arrives in
    // pieces is gathered line by line first. Both must give the same request, the same refusal
    // and the same count of bytes used, at the limits too.
    void wholeHeadAndGatheredHeadAgree_data()
    {
        QTest::addColumn<QByteArray>("raw");
        const QByteArray ok = "GET /a?b=c HTTP/1.1\r\nHost: h\r\nX-A:  v \r\n\r\n";
        QTest::newRow("plain") << ok;
        QTest::newRow("pipelined") << ok + ok;
        QTest::newRow("with body")
            << QByteArray("POST /p HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET");
        QTest::newRow("leading empty line") << "\r\n" + ok;
        QTest::newRow("bare LF ends a line") << QByteArray("GET / HTTP/1.1\nHost: h\r\n\r\n");
        QTest::newRow("bare LF in a field") << QByteArray("GET / HTTP/1.1\r\nA: x\ny\r\n\r\n");
        QTest::newRow("bare CR in a field") << QByteArray("GET / HTTP/1.1\r\nA: x\ry\r\n\r\n");
        QTest::newRow("bare CR before CRLF") << QByteArray("GET / HTTP/1.1\r\nA: x\r\r\n\r\n");
        QTest::newRow("LF first") << QByteArray("\nGET / HTTP/1.1\r\n\r\n");
        QTest::newRow("no end yet") << QByteArray("GET / HTTP/1.1\r\nHost: h\r\n");
        QTest::newRow("bad request line") << QByteArray("GET  / HTTP/1.1\r\n\r\n");
        QTest::newRow("too many fields")
            << "GET / HTTP/1.1\r\n" + QByteArray("A: b\r\n").repeated(300) + "\r\n";
        // The default limit is 64 KiB: heads of exactly that size and one byte more.
        const QByteArray start = "GET / HTTP/1.1\r\nX: ";
        const qsizetype room = HttpParserLimits().maxHeaderBytes - start.size() - 4;
        QTest::newRow("head at the limit") << start + QByteArray(room, 'a') + "\r\n\r\n";
        QTest::newRow("head one over") << start + QByteArray(room + 1, 'a') + "\r\n\r\n";
    }

    void wholeHeadAndGatheredHeadAgree()
    {
        QFETCH(QByteArray, raw);
        const Outcome whole = parse(raw, false);
        const Outcome pieces = parse(raw, true);
        QCOMPARE(whole.status, pieces.status);
        QCOMPARE(whole.message, pieces.message);
        QCOMPARE(whole.consumed, pieces.consumed);
        QCOMPARE(whole.sawHead, pieces.sawHead);
        QCOMPARE(whole.request.method, pieces.request.method);
        QCOMPARE(whole.request.target, pieces.request.target);
        QCOMPARE(whole.request.path, pieces.request.path);
        QCOMPARE(whole.request.query, pieces.request.query);
        QCOMPARE(whole.request.headers, pieces.request.headers);
        QCOMPARE(whole.request.body, pieces.request.body);
    }

    void headFieldsAndFraming()
    {
        const Outcome out = parse("POST /v1/x?key=1&b=2 HTTP/1.1\r\nHost: h\r\nX-Api-Key:  k1 \r\n"
                                  "Connection: close\r\nContent-Length: 2\r\n\r\nhi",
                                  false);
        QCOMPARE(out.status, 0);
        QCOMPARE(out.request.method, QByteArray("POST"));
        QCOMPARE(out.request.path, QByteArray("/v1/x"));
        QCOMPARE(out.request.query, QByteArray("key=1&b=2"));
        QCOMPARE(out.request.header("x-api-key"), QByteArray("k1"));
        QCOMPARE(out.request.headers.at(1).first, QByteArray("x-api-key")); // lower-case names
        QVERIFY(out.sawHead);
    }

    void connectionOptions()
    {
        HttpRequestParser parser;
        qsizetype used = 0;
        QCOMPARE(parser.feed("GET / HTTP/1.0\r\n\r\n", &used),
                 HttpRequestParser::Result::HeadReady);
        QVERIFY(parser.wantsClose());
        parser.reset();
        QCOMPARE(parser.feed("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", &used),
                 HttpRequestParser::Result::HeadReady);
        QVERIFY(!parser.wantsClose());
        parser.reset();
        QCOMPARE(parser.feed("GET / HTTP/1.1\r\nConnection: keep-alive, close\r\n\r\n", &used),
                 HttpRequestParser::Result::HeadReady);
        QVERIFY(parser.wantsClose());
        parser.reset();
        QCOMPARE(parser.feed("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n",
                             &used),
                 HttpRequestParser::Result::HeadReady);
        QVERIFY(parser.expectsContinue());
        QVERIFY(parser.hasBody());
    }

    void headIsReportedBeforeTheBody()
    {
        // The head alone: HeadReady, and no body byte is consumed until continueBody().
        HttpRequestParser parser;
        const QByteArray raw = "POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
        qsizetype used = 0;
        QCOMPARE(parser.feed(raw, &used), HttpRequestParser::Result::HeadReady);
        QCOMPARE(used, raw.size() - 5);
        qsizetype more = 0;
        QCOMPARE(parser.feed(QByteArrayView(raw).sliced(used), &more),
                 HttpRequestParser::Result::HeadReady);
        QCOMPARE(more, 0);
        QCOMPARE(parser.head().header("content-length"), QByteArray("5"));
        QCOMPARE(parser.continueBody(), HttpRequestParser::Result::NeedMore);
        QCOMPARE(parser.feed(QByteArrayView(raw).sliced(used), &more),
                 HttpRequestParser::Result::Complete);
        QCOMPARE(parser.takeRequest().body, QByteArray("hello"));
        QVERIFY(parser.isIdle());
    }

    void pipelinedBytesAreLeftForTheNextRequest()
    {
        const QByteArray first = "POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nab";
        const QByteArray second = "GET /next HTTP/1.1\r\n\r\n";
        const Outcome out = parse(first + second, false);
        QCOMPARE(out.status, 0);
        QCOMPARE(out.consumed, first.size());
        const Outcome next = parse(second, false);
        QCOMPARE(next.request.path, QByteArray("/next"));
    }

    void bodyReservationIsAskedBeforeBytesAreStored()
    {
        QList<qint64> asked;
        auto grant = [&](qint64 n) {
            asked.append(n);
            return true;
        };
        QCOMPARE(parse("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", true, {}, grant).status,
                 0);
        QCOMPARE(asked, QList<qint64>{5});
        asked.clear();
        QCOMPARE(
            parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n"
                  "0\r\n\r\n",
                  false, {}, grant)
                .status,
            0);
        QCOMPARE(asked, (QList<qint64>{3, 2}));

        auto refuse = [](qint64) { return false; };
        const Outcome out =
            parse("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello", false, {}, refuse);
        QCOMPARE(out.status, 503);
        const Outcome chunkedOut =
            parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                  false, {}, refuse);
        QCOMPARE(chunkedOut.status, 503);
    }

    void limitsAreConfigurable()
    {
        HttpParserLimits limits;
        limits.maxBodyBytes = 4;
        limits.maxHeaderBytes = 64;
        QCOMPARE(parse("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd", false, limits).status,
                 0);
        QCOMPARE(parse("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcde", false, limits).status,
                 413);
        QCOMPARE(
            parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n"
                  "0\r\n\r\n",
                  false, limits)
                .status,
            413);
        QCOMPARE(parse("GET / HTTP/1.1\r\nX-A: " + QByteArray(60, 'a') + "\r\n\r\n", false, limits)
                     .status,
                 431);
    }
};

QTEST_APPLESS_MAIN(TestHttpRequestParser)
#include "TestHttpRequestParser.moc"
