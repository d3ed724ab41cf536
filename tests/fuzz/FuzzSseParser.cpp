// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the SSE parser. The raw bytes of the events and the pending bytes must give
// back the input exactly, however it is split.
#include "protocol/SseParser.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype piece = 1 + data[0] % 32;
    const QByteArray input(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    SseParser parser;
    QByteArray rebuilt;
    for (qsizetype pos = 0; pos < input.size(); pos += piece) {
        for (const SseEvent &e : parser.feed(input.mid(pos, piece))) {
            if (e.raw.isEmpty())
                std::abort();
            rebuilt += e.raw;
        }
    }
    rebuilt += parser.pending();
    if (rebuilt != input)
        std::abort();
    return 0;
}
