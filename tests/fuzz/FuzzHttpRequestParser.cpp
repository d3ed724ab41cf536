// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the HTTP request parser over arbitrary bytes, split at arbitrary places.
#include "http/HttpRequestParser.h"

#include <cstdint>
#include <cstdlib>

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

// The first head of `input`, fed in pieces of `piece` bytes: what the parser made of it.
struct HeadOutcome
{
    int result = -1; // HttpRequestParser::Result, or -1 when the input ran out first
    int status = 0;
    qsizetype used = 0;
    HttpRequest head;
};

HeadOutcome firstHead(QByteArrayView input, qsizetype piece, const HttpParserLimits &limits)
{
    HttpRequestParser parser(limits);
    HeadOutcome out;
    while (out.used < input.size()) {
        qsizetype used = 0;
        const auto result =
            parser.feed(input.sliced(out.used, qMin(piece, input.size() - out.used)), &used);
        out.used += used;
        if (result == HttpRequestParser::Result::NeedMore)
            continue;
        out.result = int(result);
        if (result == HttpRequestParser::Result::Error)
            out.status = parser.failure().status;
        else
            out.head = parser.head();
        break;
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte picks the size of the pieces the input arrives in.
    const qsizetype piece = 1 + data[0] % 64;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);

    HttpParserLimits limits;
    limits.maxBodyBytes = 4096;
    limits.maxHeaderBytes = 2048;
    limits.maxHeaderFields = 32;
    HttpRequestParser parser(limits);
    qint64 reserved = 0;
    parser.setBodyReservation([&](qint64 bytes) {
        check(bytes > 0 && bytes <= limits.maxBodyBytes);
        reserved += bytes;
        return reserved <= 3000; // refuse some, like a full budget
    });

    // A head that arrives whole is parsed from the bytes as they are; one that arrives byte by
    // byte is gathered line by line. The two must agree.
    {
        const HeadOutcome whole = firstHead(input, input.size() + 1, limits);
        const HeadOutcome bytes = firstHead(input, 1, limits);
        check(whole.result == bytes.result && whole.status == bytes.status &&
              whole.used == bytes.used);
        check(whole.head.method == bytes.head.method && whole.head.target == bytes.head.target &&
              whole.head.headers == bytes.head.headers);
    }

    qsizetype pos = 0;
    int requests = 0;
    while (pos <= input.size()) {
        const qsizetype n = qMin(piece, input.size() - pos);
        qsizetype used = -1;
        auto result = parser.feed(input.sliced(pos, n), &used);
        check(used >= 0 && used <= n);
        if (result == HttpRequestParser::Result::NeedMore)
            check(used == n);
        pos += used;
        if (result == HttpRequestParser::Result::HeadReady) {
            check(!parser.head().method.isEmpty());
            check(parser.head().path.startsWith('/'));
            check(!(parser.isChunked() && parser.contentLength() >= 0));
            check(parser.contentLength() <= limits.maxBodyBytes);
            result = parser.continueBody();
        }
        if (result == HttpRequestParser::Result::Complete) {
            const HttpRequest request = parser.takeRequest();
            check(request.body.size() <= limits.maxBodyBytes);
            check(request.body.size() <= reserved);
            for (const auto &h : request.headers) {
                for (char c : h.second)
                    check(c != '\r' && c != '\n' && c != '\0');
            }
            reserved = 0;
            ++requests;
            continue;
        }
        if (result == HttpRequestParser::Result::Error) {
            const int status = parser.failure().status;
            check(status >= 400 && status < 600);
            check(!parser.failure().message.isEmpty());
            break;
        }
        if (pos >= input.size())
            break;
    }
    (void)requests;
    return 0;
}
