// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: token usage extraction from upstream JSON bodies and SSE streams, for every
// provider. Undefined behaviour (out-of-range conversions, overflowing sums) aborts the run, and
// so does JsonSkim disagreeing with QJsonDocument on a body Qt reads as an object, and the
// Anthropic tracker's in-place reading disagreeing with its lenient one, and a tracker reading an
// answer otherwise than QJsonDocument's rewriting of it.
#include "protocol/AnthropicUsageTracker.h"
#include "protocol/GeminiUsageTracker.h"
#include "protocol/JsonSkim.h"
#include "protocol/OpenAiUsageTracker.h"
#include "protocol/SseParser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cstdint>
#include <cstdlib>

namespace {

void checkUsage(const TokenUsage &u)
{
    if (u.inputTokens < 0 || u.outputTokens < 0 || u.cacheReadTokens < 0 || u.cacheWriteTokens < 0)
        std::abort();
}

// Whatever Qt's parser reads as one object, the skimmer reads too, with the same members.
void checkSkim(const QByteArray &input)
{
    bool ok = false;
    const QJsonObject skimmed = JsonSkim::members(input,
                                                  {QLatin1String("type"), QLatin1String("usage"),
                                                   QLatin1String("content"), QLatin1String("")},
                                                  &ok);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(input, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return;
    if (!ok)
        std::abort();
    const QJsonObject full = doc.object();
    for (const char *name : {"type", "usage", "content", ""}) {
        if (skimmed.value(QLatin1String(name)) != full.value(QLatin1String(name)))
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    checkSkim(input);
    {
        AnthropicUsageTracker a;
        OpenAiUsageTracker o;
        GeminiUsageTracker g;
        a.addResponseBody(input);
        o.addResponseBody(input);
        g.addResponseBody(input);
        checkUsage(a.usage());
        checkUsage(o.usage());
        checkUsage(g.usage());
        // An answer reads the same as QJsonDocument's rewriting of it.
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(input, &error);
        // (Qt's rewriting drops a byte order mark that starts a string, which its own lookups
        // keep: no fair comparison for such input.)
        if (error.error == QJsonParseError::NoError && doc.isObject() &&
            !input.contains("\xef\xbb\xbf")) {
            const QByteArray rewritten = doc.toJson(QJsonDocument::Compact);
            AnthropicUsageTracker a2;
            OpenAiUsageTracker o2;
            GeminiUsageTracker g2;
            a2.addResponseBody(rewritten);
            o2.addResponseBody(rewritten);
            g2.addResponseBody(rewritten);
            if (a.usage() != a2.usage() || a.model() != a2.model() ||
                a.stopReason() != a2.stopReason() || a.errorType() != a2.errorType() ||
                o.usage() != o2.usage() || o.model() != o2.model() ||
                o.stopReason() != o2.stopReason() || o.errorType() != o2.errorType() ||
                o.errorMessage() != o2.errorMessage() || o.sawUsage() != o2.sawUsage() ||
                g.usage() != g2.usage() || g.model() != g2.model() ||
                g.stopReason() != g2.stopReason() || g.errorType() != g2.errorType() ||
                g.errorCode() != g2.errorCode() || g.sawUsage() != g2.sawUsage())
                std::abort();
        }
        // The in-place reading and the lenient one agree wherever both read.
        AnthropicUsageTracker skimmed;
        skimmed.addSkimmedResponseBody(input);
        if (JsonView::of(input).isObject() &&
            (a.usage() != skimmed.usage() || a.model() != skimmed.model() ||
             a.messageId() != skimmed.messageId() || a.stopReason() != skimmed.stopReason() ||
             a.errorType() != skimmed.errorType() ||
             a.sawMessageStop() != skimmed.sawMessageStop()))
            std::abort();
    }
    {
        SseParser parser;
        AnthropicUsageTracker a;
        OpenAiUsageTracker o;
        GeminiUsageTracker g;
        for (const SseEvent &e : parser.feed(input + "\n\n")) {
            a.addEvent(e);
            o.addEvent(e);
            g.addEvent(e);
        }
        checkUsage(a.usage());
        checkUsage(o.usage());
        checkUsage(g.usage());
        OpenAiUsageTracker::isUsageOnlyChunk(SseEvent{{}, input, {}, input, true});
        bool asked = false;
        OpenAiUsageTracker::withIncludeUsage(input, &asked);
    }
    return 0;
}
