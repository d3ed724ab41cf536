// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the upstream HTTP response parser over arbitrary bytes, split at arbitrary
// places; each response must come out the same as when its bytes arrive at once.
#include "upstream/HttpResponseParser.h"

#include <cstdint>
#include <cstdlib>

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

struct Whole
{
    HttpResponseParser::State state;
    qsizetype consumed;
    QByteArray body;
    int status;
    bool keepAlive;
    HttpHeaderList headers;
};

// The same bytes in one feed, then the close when asked.
Whole parseWhole(QByteArrayView bytes, HttpResponseParser::Limits limits, bool noBody, bool close)
{
    HttpResponseParser parser(limits);
    parser.reset(noBody);
    Whole out;
    out.consumed = parser.feed(bytes, &out.body);
    if (close)
        parser.finishOnClose();
    out.state = parser.state();
    out.status = parser.status();
    out.keepAlive = parser.keepAlive();
    out.headers = parser.headers();
    return out;
}

void checkFields(const HttpResponseParser &parser)
{
    for (const auto &field : parser.headers()) {
        check(!field.first.isEmpty());
        for (char c : field.first)
            check(c > 0x20 && c < 0x7f && c != ':' && !(c >= 'A' && c <= 'Z'));
        for (char c : field.second)
            check(c != '\r' && c != '\n' && c != '\0');
        if (!field.second.isEmpty()) {
            check(field.second.front() != ' ' && field.second.front() != '\t');
            check(field.second.back() != ' ' && field.second.back() != '\t');
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    // The first byte picks the size of the pieces the input arrives in, the second whether
    // the responses answer HEAD requests.
    const qsizetype piece = 1 + data[0] % 64;
    const bool noBody = (data[1] & 1) != 0;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 2, qsizetype(size) - 2);

    HttpResponseParser::Limits limits;
    limits.maxHeadBytes = 1024;
    limits.maxHeaderCount = 16;
    HttpResponseParser parser(limits);
    parser.reset(noBody);

    QByteArray body;
    qsizetype bodyTotal = 0;
    qsizetype start = 0; // where the current response began
    qsizetype pos = 0;
    while (pos < input.size()) {
        const qsizetype n = qMin(piece, input.size() - pos);
        const qsizetype bodyBefore = body.size();
        const qsizetype used = parser.feed(input.sliced(pos, n), &body);
        check(used >= 0 && used <= n);
        check(body.size() - bodyBefore <= used);
        pos += used;
        check(body.size() + bodyTotal <= input.size());
        if (parser.headersComplete())
            check(parser.status() >= 200 && parser.status() <= 599);
        const auto state = parser.state();
        if (state == HttpResponseParser::State::Head || state == HttpResponseParser::State::Body) {
            check(used == n);
            continue;
        }
        if (state == HttpResponseParser::State::Error) {
            check(!parser.errorMessage().isEmpty());
            check(!parser.keepAlive());
            QByteArray more;
            check(parser.feed(input.sliced(pos), &more) == 0 && more.isEmpty());
            parser.finishOnClose();
            check(parser.state() == HttpResponseParser::State::Error);
            return 0;
        }
        // Done: the same response read at once ends at the same byte with the same content.
        checkFields(parser);
        const Whole whole = parseWhole(input.sliced(start), limits, noBody, false);
        check(whole.state == HttpResponseParser::State::Done);
        check(whole.consumed == pos - start);
        check(whole.body == body);
        check(whole.status == parser.status());
        check(whole.keepAlive == parser.keepAlive());
        check(whole.headers == parser.headers());
        QByteArray more;
        check(parser.feed(input.sliced(pos), &more) == 0 && more.isEmpty());
        // The next response on the same connection.
        bodyTotal += body.size();
        body.clear();
        start = pos;
        parser.reset(noBody);
    }

    // The input ran out: the peer closes.
    parser.finishOnClose();
    const auto state = parser.state();
    check(state == HttpResponseParser::State::Done || state == HttpResponseParser::State::Error);
    if (state == HttpResponseParser::State::Done) {
        check(!parser.keepAlive());
        check(parser.headersComplete());
        checkFields(parser);
    }
    const Whole whole = parseWhole(input.sliced(start), limits, noBody, true);
    check(whole.state == state);
    if (state == HttpResponseParser::State::Done) {
        check(whole.body == body);
        check(whole.status == parser.status());
    }
    return 0;
}
