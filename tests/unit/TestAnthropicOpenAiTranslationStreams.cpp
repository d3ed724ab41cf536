// SPDX-License-Identifier: GPL-3.0-or-later
#include "SseSamples.h"
#include "protocol/AnthropicToOpenAiStream.h"
#include "protocol/AnthropicUsageTracker.h"
#include "protocol/OpenAiToAnthropicStream.h"
#include "protocol/OpenAiUsageTracker.h"
#include "protocol/SseParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace {

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    return doc.object();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Parses translated output the way a client would: in small pieces.
QList<SseEvent> parseOutput(const QByteArray &bytes, QByteArray *pending = nullptr)
{
    SseParser parser;
    QList<SseEvent> events;
    for (qsizetype i = 0; i < bytes.size(); i += 7)
        events += parser.feed(bytes.mid(i, 7));
    if (pending)
        *pending = parser.pending();
    return events;
}

// ---- Upstream samples in the OpenAI wire format ----

QByteArray openAiChunk(const QJsonObject &delta, const QJsonValue &finish = QJsonValue())
{
    const QJsonObject choice{{QStringLiteral("index"), 0},
                             {QStringLiteral("delta"), delta},
                             {QStringLiteral("logprobs"), QJsonValue()},
                             {QStringLiteral("finish_reason"), finish}};
    const QJsonObject chunk{
        {QStringLiteral("id"), QStringLiteral("chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG")},
        {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
        {QStringLiteral("created"), 1741570283},
        {QStringLiteral("model"), QStringLiteral("qwen-plus-2025-01-25")},
        {QStringLiteral("system_fingerprint"), QJsonValue()},
        {QStringLiteral("choices"), QJsonArray{choice}}};
    return "data: " + compact(chunk) + "\n\n";
}

QByteArray openAiUsageChunk(int prompt, int completion, int cached)
{
    const QJsonObject usage{{QStringLiteral("prompt_tokens"), prompt},
                            {QStringLiteral("completion_tokens"), completion},
                            {QStringLiteral("total_tokens"), prompt + completion},
                            {QStringLiteral("prompt_tokens_details"),
                             QJsonObject{{QStringLiteral("cached_tokens"), cached}}}};
    const QJsonObject chunk{
        {QStringLiteral("id"), QStringLiteral("chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG")},
        {QStringLiteral("object"), QStringLiteral("chat.completion.chunk")},
        {QStringLiteral("created"), 1741570283},
        {QStringLiteral("model"), QStringLiteral("qwen-plus-2025-01-25")},
        {QStringLiteral("choices"), QJsonArray()},
        {QStringLiteral("usage"), usage}};
    return "data: " + compact(chunk) + "\n\n";
}

QJsonObject toolFragment(int index, const QString &id, const QString &name, const QString &args)
{
    QJsonObject function{{QStringLiteral("arguments"), args}};
    QJsonObject call{{QStringLiteral("index"), index}};
    if (!id.isEmpty()) {
        call.insert(QStringLiteral("id"), id);
        call.insert(QStringLiteral("type"), QStringLiteral("function"));
        function.insert(QStringLiteral("name"), name);
    }
    call.insert(QStringLiteral("function"), function);
    return call;
}

const QString weatherArgs =
    QStringLiteral("{\"location\": \"San Francisco, CA\", \"unit\": \"celsius\"}");
const QString timeArgs =
    QStringLiteral("{\"timezone\":\"America/Los_Angeles\",\"format\":\"24h\"}");

// Text, then two parallel tool calls whose arguments arrive in 4-character fragments, then the
// finish chunk and the usage chunk (stream_options.include_usage), then [DONE].
QByteArray openAiToolSample(bool withDone = true)
{
    QByteArray s;
    s += openAiChunk(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                 {QStringLiteral("content"), QString()}});
    s += openAiChunk(QJsonObject{{QStringLiteral("content"), QStringLiteral("Let me check ")}});
    s += openAiChunk(QJsonObject{{QStringLiteral("content"), QStringLiteral("both.")}});
    const struct
    {
        int index;
        QString id, name, args;
    } calls[] = {
        {0, QStringLiteral("call_DdmO9pD3xa9XTPNJ32zg2hcA"), QStringLiteral("get_weather"),
         weatherArgs},
        {1, QStringLiteral("call_ABCD9pD3xa9XTPNJ32zg2hcB"), QStringLiteral("get_time"), timeArgs}};
    for (const auto &c : calls) {
        s += openAiChunk(QJsonObject{
            {QStringLiteral("tool_calls"), QJsonArray{toolFragment(c.index, c.id, c.name, {})}}});
        for (qsizetype i = 0; i < c.args.size(); i += 4)
            s += openAiChunk(
                QJsonObject{{QStringLiteral("tool_calls"),
                             QJsonArray{toolFragment(c.index, {}, {}, c.args.mid(i, 4))}}});
    }
    s += openAiChunk(QJsonObject(), QStringLiteral("tool_calls"));
    s += openAiUsageChunk(1500, 77, 1024);
    if (withDone)
        s += "data: [DONE]\n\n";
    return s;
}

// ---- Upstream samples in the Anthropic wire format ----

QByteArray anthropicEvent(const char *name, const QJsonObject &data)
{
    return QByteArray("event: ") + name + "\ndata: " + compact(data) + "\n\n";
}

QByteArray anthropicToolSample(bool withStop = true)
{
    QByteArray s = QByteArrayLiteral(
        "event: message_start\n"
        "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_014p7gG3wDgGV9EUtLvnow3U\","
        "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\","
        "\"stop_sequence\":null,\"usage\":{\"input_tokens\":472,\"cache_creation_input_tokens\":"
        "100,\"cache_read_input_tokens\":2000,\"output_tokens\":2},\"content\":[],"
        "\"stop_reason\":null}}\n\n"
        "event: content_block_start\n"
        "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
        "\"text\":\"\"}}\n\n"
        "event: ping\n"
        "data: {\"type\": \"ping\"}\n\n"
        "event: content_block_delta\n"
        "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
        "\"text\":\"Okay, let me check.\"}}\n\n"
        "event: content_block_stop\n"
        "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
    const struct
    {
        int index;
        const char *id, *name;
        QString args;
    } calls[] = {{1, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", weatherArgs},
                 {2, "toolu_01AbCdEfGhIjKlMnOpQrStUv", "get_time", timeArgs}};
    for (const auto &c : calls) {
        s += anthropicEvent(
            "content_block_start",
            QJsonObject{{QStringLiteral("type"), QStringLiteral("content_block_start")},
                        {QStringLiteral("index"), c.index},
                        {QStringLiteral("content_block"),
                         QJsonObject{{QStringLiteral("type"), QStringLiteral("tool_use")},
                                     {QStringLiteral("id"), QString::fromLatin1(c.id)},
                                     {QStringLiteral("name"), QString::fromLatin1(c.name)},
                                     {QStringLiteral("input"), QJsonObject()}}}});
        QStringList pieces{QString()}; // Anthropic starts with an empty partial_json
        for (qsizetype i = 0; i < c.args.size(); i += 5)
            pieces.append(c.args.mid(i, 5));
        for (const QString &piece : pieces)
            s += anthropicEvent(
                "content_block_delta",
                QJsonObject{
                    {QStringLiteral("type"), QStringLiteral("content_block_delta")},
                    {QStringLiteral("index"), c.index},
                    {QStringLiteral("delta"),
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("input_json_delta")},
                                 {QStringLiteral("partial_json"), piece}}}});
        s += anthropicEvent(
            "content_block_stop",
            QJsonObject{{QStringLiteral("type"), QStringLiteral("content_block_stop")},
                        {QStringLiteral("index"), c.index}});
    }
    s += QByteArrayLiteral("event: message_delta\n"
                           "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                           "\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":89}}"
                           "\n\n");
    if (withStop)
        s += QByteArrayLiteral("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    return s;
}

// ---- What an OpenAI client reconstructs from a stream ----

struct OpenAiResult
{
    QList<QJsonObject> chunks;
    QString role;
    QString content;
    QString reasoning;
    QMap<int, QJsonObject> toolCalls; // index -> {id, name, arguments}
    QStringList finishReasons;
    QJsonObject usage;
    int usageChunks = 0;
    int doneCount = 0;
    bool dataAfterDone = false;
    QJsonObject error;
    QString problem; // empty when the stream is well formed
};

OpenAiResult readOpenAi(const QByteArray &bytes)
{
    OpenAiResult r;
    QByteArray pending;
    const QList<SseEvent> events = parseOutput(bytes, &pending);
    if (!pending.isEmpty())
        r.problem = QStringLiteral("incomplete trailing event");
    for (const SseEvent &e : events) {
        if (!e.event.isEmpty())
            r.problem = QStringLiteral("OpenAI streams have no event names");
        if (r.doneCount > 0)
            r.dataAfterDone = true;
        if (e.data == "[DONE]") {
            ++r.doneCount;
            continue;
        }
        const QJsonObject chunk = parseObject(e.data);
        if (chunk.isEmpty()) {
            r.problem = QStringLiteral("invalid JSON: ") + QString::fromUtf8(e.data);
            continue;
        }
        if (chunk.contains(QLatin1String("error"))) {
            r.error = chunk.value(QLatin1String("error")).toObject();
            continue;
        }
        r.chunks.append(chunk);
        if (chunk.value(QLatin1String("object")).toString() !=
            QLatin1String("chat.completion.chunk"))
            r.problem = QStringLiteral("wrong object type");
        if (chunk.value(QLatin1String("usage")).isObject()) {
            ++r.usageChunks;
            r.usage = chunk.value(QLatin1String("usage")).toObject();
        }
        const QJsonArray choices = chunk.value(QLatin1String("choices")).toArray();
        if (choices.isEmpty())
            continue;
        const QJsonObject choice = choices.at(0).toObject();
        const QJsonObject delta = choice.value(QLatin1String("delta")).toObject();
        if (delta.contains(QLatin1String("role"))) {
            if (r.chunks.size() != 1)
                r.problem = QStringLiteral("role outside the first chunk");
            r.role = delta.value(QLatin1String("role")).toString();
        } else if (r.chunks.size() == 1) {
            r.problem = QStringLiteral("first chunk without a role");
        }
        r.content += delta.value(QLatin1String("content")).toString();
        r.reasoning += delta.value(QLatin1String("reasoning_content")).toString();
        for (const QJsonValue &v : delta.value(QLatin1String("tool_calls")).toArray()) {
            const QJsonObject call = v.toObject();
            if (!call.contains(QLatin1String("index")))
                r.problem = QStringLiteral("tool call fragment without an index");
            const int index = call.value(QLatin1String("index")).toInt();
            QJsonObject &acc = r.toolCalls[index];
            const QJsonObject function = call.value(QLatin1String("function")).toObject();
            if (call.contains(QLatin1String("id")))
                acc.insert(QStringLiteral("id"), call.value(QLatin1String("id")));
            if (function.contains(QLatin1String("name")))
                acc.insert(QStringLiteral("name"), function.value(QLatin1String("name")));
            acc.insert(QStringLiteral("arguments"),
                       acc.value(QLatin1String("arguments")).toString() +
                           function.value(QLatin1String("arguments")).toString());
        }
        if (!choice.value(QLatin1String("finish_reason")).isNull())
            r.finishReasons.append(choice.value(QLatin1String("finish_reason")).toString());
    }
    return r;
}

// ---- What an Anthropic client reconstructs from a stream, checking the event grammar ----

struct AnthropicResult
{
    QJsonObject message; // from message_start
    QList<QJsonObject> blocks;
    QStringList eventNames;
    QString stopReason;
    QJsonObject finalUsage;
    bool stopped = false;
    QJsonObject error;
    QString problem;
};

AnthropicResult readAnthropic(const QByteArray &bytes)
{
    AnthropicResult r;
    QByteArray pending;
    const QList<SseEvent> events = parseOutput(bytes, &pending);
    if (!pending.isEmpty())
        r.problem = QStringLiteral("incomplete trailing event");
    int open = -1;
    auto fail = [&r](const QString &why) {
        if (r.problem.isEmpty())
            r.problem = why;
    };
    for (const SseEvent &e : events) {
        const QString name = QString::fromUtf8(e.event);
        r.eventNames.append(name);
        const QJsonObject data = parseObject(e.data);
        if (data.isEmpty()) {
            fail(QStringLiteral("invalid JSON in ") + name);
            continue;
        }
        if (data.value(QLatin1String("type")).toString() != name)
            fail(QStringLiteral("event name and type differ: ") + name);
        if (r.stopped)
            fail(QStringLiteral("event after message_stop"));
        if (name == QLatin1String("error")) {
            r.error = data.value(QLatin1String("error")).toObject();
            continue;
        }
        if (name != QLatin1String("message_start") && r.message.isEmpty())
            fail(QStringLiteral("first event is not message_start"));
        if (name == QLatin1String("message_start")) {
            if (!r.message.isEmpty())
                fail(QStringLiteral("second message_start"));
            r.message = data.value(QLatin1String("message")).toObject();
        } else if (name == QLatin1String("content_block_start")) {
            const int index = data.value(QLatin1String("index")).toInt();
            if (open != -1)
                fail(QStringLiteral("block started while another is open"));
            if (index != r.blocks.size())
                fail(QStringLiteral("block index out of sequence"));
            open = index;
            r.blocks.append(data.value(QLatin1String("content_block")).toObject());
        } else if (name == QLatin1String("content_block_delta")) {
            const int index = data.value(QLatin1String("index")).toInt();
            if (index != open)
                fail(QStringLiteral("delta for a block that is not open"));
            if (index < 0 || index >= r.blocks.size())
                continue;
            QJsonObject &block = r.blocks[index];
            const QJsonObject delta = data.value(QLatin1String("delta")).toObject();
            const QString type = delta.value(QLatin1String("type")).toString();
            if (type == QLatin1String("text_delta"))
                block.insert(QStringLiteral("text"),
                             block.value(QLatin1String("text")).toString() +
                                 delta.value(QLatin1String("text")).toString());
            else if (type == QLatin1String("thinking_delta"))
                block.insert(QStringLiteral("thinking"),
                             block.value(QLatin1String("thinking")).toString() +
                                 delta.value(QLatin1String("thinking")).toString());
            else if (type == QLatin1String("input_json_delta"))
                block.insert(QStringLiteral("partial"),
                             block.value(QLatin1String("partial")).toString() +
                                 delta.value(QLatin1String("partial_json")).toString());
            else
                fail(QStringLiteral("unknown delta ") + type);
        } else if (name == QLatin1String("content_block_stop")) {
            if (data.value(QLatin1String("index")).toInt() != open)
                fail(QStringLiteral("stop for a block that is not open"));
            open = -1;
        } else if (name == QLatin1String("message_delta")) {
            if (open != -1)
                fail(QStringLiteral("message_delta while a block is open"));
            r.stopReason = data.value(QLatin1String("delta"))
                               .toObject()
                               .value(QLatin1String("stop_reason"))
                               .toString();
            r.finalUsage = data.value(QLatin1String("usage")).toObject();
        } else if (name == QLatin1String("message_stop")) {
            if (r.stopReason.isEmpty())
                fail(QStringLiteral("message_stop without message_delta"));
            r.stopped = true;
        } else if (name != QLatin1String("ping")) {
            fail(QStringLiteral("unknown event ") + name);
        }
    }
    return r;
}

QByteArray feedAll(OpenAiToAnthropicStream &s, const QByteArray &upstream,
                   int *emptyFeeds = nullptr)
{
    QByteArray out;
    SseParser parser;
    for (const SseEvent &e : parser.feed(upstream)) {
        const QByteArray piece = s.feed(e);
        if (emptyFeeds && piece.isEmpty())
            ++*emptyFeeds;
        out += piece;
    }
    return out;
}

QByteArray feedAll(AnthropicToOpenAiStream &s, const QByteArray &upstream)
{
    QByteArray out;
    SseParser parser;
    for (const SseEvent &e : parser.feed(upstream))
        out += s.feed(e);
    return out;
}

} // namespace

class TestAnthropicOpenAiTranslationStreams : public QObject
{
    Q_OBJECT
private slots:
    // Anthropic upstream -> OpenAI client
    void anthropicTextStream();
    void anthropicToolStream();
    void anthropicStreamWithoutUsageChunk();
    void anthropicFinishIdempotent();
    void anthropicMissingMessageStop();
    void anthropicErrorMidStream();
    void anthropicThinking();
    // OpenAI upstream -> Anthropic client
    void openAiTextStream();
    void openAiToolStream();
    void openAiMissingDone();
    void openAiFinishIdempotent();
    void openAiErrorMidStream();
    void openAiStopReasons_data();
    void openAiStopReasons();
    void openAiReasoningAndKeepAlive();
    void openAiInterleavedToolCalls();
    void openAiEmptyUpstream();
};

void TestAnthropicOpenAiTranslationStreams::anthropicTextStream()
{
    AnthropicToOpenAiStream s(QStringLiteral("gpt-4o"), true);
    QByteArray out = feedAll(s, SseSamples::anthropicStream());
    QVERIFY(s.isFinished()); // message_stop ended it
    const OpenAiResult r = readOpenAi(out);
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QCOMPARE(r.role, QStringLiteral("assistant"));
    QCOMPARE(r.content, QStringLiteral("Hello world!"));
    QCOMPARE(r.finishReasons, QStringList{QStringLiteral("stop")});
    QCOMPARE(r.doneCount, 1);
    QVERIFY(!r.dataAfterDone);
    QCOMPARE(r.usageChunks, 1);
    // input 25 + cache write 1200 + cache read 3400.
    QCOMPARE(r.usage.value(QLatin1String("prompt_tokens")).toInt(), 4625);
    QCOMPARE(r.usage.value(QLatin1String("completion_tokens")).toInt(), 15);
    QCOMPARE(r.usage.value(QLatin1String("total_tokens")).toInt(), 4640);
    QCOMPARE(r.usage.value(QLatin1String("prompt_tokens_details"))
                 .toObject()
                 .value(QLatin1String("cached_tokens"))
                 .toInt(),
             3400);
    for (const QJsonObject &c : r.chunks) {
        QCOMPARE(c.value(QLatin1String("id")).toString(),
                 QStringLiteral("chatcmpl-msg_01XFDUDYJgAACzvnptvVoYEL"));
        QCOMPARE(c.value(QLatin1String("model")).toString(), QStringLiteral("gpt-4o"));
    }
    // The usage chunk is the last chunk and has no choices.
    QVERIFY(r.chunks.last().value(QLatin1String("choices")).toArray().isEmpty());

    // A client's usage reader sees the same tokens the relay bills from the upstream events.
    OpenAiUsageTracker client;
    for (const SseEvent &e : parseOutput(out))
        client.addEvent(e);
    AnthropicUsageTracker upstream;
    for (const SseEvent &e : parseOutput(SseSamples::anthropicStream()))
        upstream.addEvent(e);
    QCOMPARE(client.usage().totalTokens(), upstream.usage().totalTokens());
    QCOMPARE(client.usage().cacheReadTokens, upstream.usage().cacheReadTokens);
    QCOMPARE(client.usage().outputTokens, upstream.usage().outputTokens);
    QVERIFY(client.sawDone());
}

void TestAnthropicOpenAiTranslationStreams::anthropicToolStream()
{
    AnthropicToOpenAiStream s(QString(), true);
    const QByteArray out = feedAll(s, anthropicToolSample());
    const OpenAiResult r = readOpenAi(out);
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QCOMPARE(r.content, QStringLiteral("Okay, let me check."));
    QCOMPARE(r.toolCalls.size(), 2);
    QCOMPARE(r.toolCalls.keys(), (QList<int>{0, 1}));
    QCOMPARE(r.toolCalls[0].value(QLatin1String("id")).toString(),
             QStringLiteral("toolu_01T1x1fJ34qAmk2tNTrN7Up6"));
    QCOMPARE(r.toolCalls[0].value(QLatin1String("name")).toString(), QStringLiteral("get_weather"));
    QCOMPARE(r.toolCalls[1].value(QLatin1String("name")).toString(), QStringLiteral("get_time"));
    QCOMPARE(parseObject(r.toolCalls[0].value(QLatin1String("arguments")).toString().toUtf8()),
             parseObject(weatherArgs.toUtf8()));
    QCOMPARE(parseObject(r.toolCalls[1].value(QLatin1String("arguments")).toString().toUtf8()),
             parseObject(timeArgs.toUtf8()));
    QCOMPARE(r.finishReasons, QStringList{QStringLiteral("tool_calls")});
    // Model falls back to the upstream's when none was given.
    QCOMPARE(r.chunks.first().value(QLatin1String("model")).toString(),
             QStringLiteral("claude-sonnet-4-5-20250929"));
    QCOMPARE(r.usage.value(QLatin1String("prompt_tokens")).toInt(), 2572);
    QCOMPARE(r.usage.value(QLatin1String("completion_tokens")).toInt(), 89);
    // No empty argument fragments are sent.
    for (const QJsonObject &c : r.chunks)
        for (const QJsonValue &call : c.value(QLatin1String("choices"))
                                          .toArray()
                                          .at(0)
                                          .toObject()
                                          .value(QLatin1String("delta"))
                                          .toObject()
                                          .value(QLatin1String("tool_calls"))
                                          .toArray())
            if (!call.toObject().contains(QLatin1String("id")))
                QVERIFY(!call.toObject()
                             .value(QLatin1String("function"))
                             .toObject()
                             .value(QLatin1String("arguments"))
                             .toString()
                             .isEmpty());
}

void TestAnthropicOpenAiTranslationStreams::anthropicStreamWithoutUsageChunk()
{
    AnthropicToOpenAiStream s(QStringLiteral("gpt-4o"), false);
    const OpenAiResult r = readOpenAi(feedAll(s, SseSamples::anthropicStream()));
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QCOMPARE(r.usageChunks, 0);
    QCOMPARE(r.doneCount, 1);
    QCOMPARE(r.content, QStringLiteral("Hello world!"));
}

void TestAnthropicOpenAiTranslationStreams::anthropicFinishIdempotent()
{
    AnthropicToOpenAiStream s(QStringLiteral("gpt-4o"), true);
    const QByteArray out = feedAll(s, SseSamples::anthropicStream());
    QVERIFY(out.endsWith("data: [DONE]\n\n"));
    QCOMPARE(s.finish(), QByteArray());
    QCOMPARE(s.finish(), QByteArray());
    // Events after the end produce nothing.
    SseParser parser;
    const QList<SseEvent> again = parser.feed(SseSamples::anthropicStream());
    QCOMPARE(s.feed(again.at(3)), QByteArray());
}

void TestAnthropicOpenAiTranslationStreams::anthropicMissingMessageStop()
{
    AnthropicToOpenAiStream s(QStringLiteral("gpt-4o"), true);
    QByteArray out = feedAll(s, anthropicToolSample(false));
    QVERIFY(!s.isFinished());
    QVERIFY(!out.contains("[DONE]"));
    out += s.finish();
    QCOMPARE(s.finish(), QByteArray());
    const OpenAiResult r = readOpenAi(out);
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QCOMPARE(r.doneCount, 1);
    QCOMPARE(r.finishReasons, QStringList{QStringLiteral("tool_calls")}); // from message_delta
    QCOMPARE(r.usage.value(QLatin1String("completion_tokens")).toInt(), 89);

    // Cut even earlier: no message_delta either, finish() still closes with one finish reason.
    AnthropicToOpenAiStream cut(QStringLiteral("gpt-4o"), false);
    QByteArray partial = SseSamples::anthropicStream();
    partial.truncate(partial.indexOf("event: content_block_stop"));
    QByteArray out2 = feedAll(cut, partial);
    out2 += cut.finish();
    const OpenAiResult r2 = readOpenAi(out2);
    QVERIFY2(r2.problem.isEmpty(), qPrintable(r2.problem));
    QCOMPARE(r2.content, QStringLiteral("Hello world!"));
    QCOMPARE(r2.finishReasons, QStringList{QStringLiteral("stop")});
    QCOMPARE(r2.doneCount, 1);
}

void TestAnthropicOpenAiTranslationStreams::anthropicErrorMidStream()
{
    AnthropicToOpenAiStream s(QStringLiteral("gpt-4o"), true);
    QByteArray upstream = SseSamples::anthropicStream();
    upstream.truncate(upstream.indexOf("event: content_block_stop"));
    upstream += "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                "\"message\":\"Overloaded\"}}\n\n";
    QByteArray out = feedAll(s, upstream);
    QVERIFY(s.isFinished());
    out += s.finish();
    const OpenAiResult r = readOpenAi(out);
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QCOMPARE(r.content, QStringLiteral("Hello world!"));
    QCOMPARE(r.error.value(QLatin1String("message")).toString(), QStringLiteral("Overloaded"));
    QCOMPARE(r.error.value(QLatin1String("type")).toString(), QStringLiteral("api_error"));
    QCOMPARE(r.error.value(QLatin1String("code")).toString(), QStringLiteral("overloaded_error"));
    QCOMPARE(r.doneCount, 0); // the stream ends with the error
    QVERIFY(r.finishReasons.isEmpty());
    // An OpenAI client's error reader recognises it.
    OpenAiUsageTracker client;
    for (const SseEvent &e : parseOutput(out))
        client.addEvent(e);
    QCOMPARE(client.errorMessage(), QStringLiteral("Overloaded"));
}

void TestAnthropicOpenAiTranslationStreams::anthropicThinking()
{
    QByteArray upstream = SseSamples::anthropicStream();
    const QByteArray thinking =
        "event: content_block_start\n"
        "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":"
        "\"thinking\",\"thinking\":\"\"}}\n\n"
        "event: content_block_delta\n"
        "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
        "\"thinking_delta\",\"thinking\":\"Let me think.\"}}\n\n"
        "event: content_block_delta\n"
        "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
        "\"signature_delta\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pk\"}}"
        "\n\n"
        "event: content_block_stop\n"
        "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n";
    upstream.insert(upstream.indexOf("event: content_block_start"), thinking);
    AnthropicToOpenAiStream s(QStringLiteral("gpt-4o"), false);
    const OpenAiResult r = readOpenAi(feedAll(s, upstream));
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QCOMPARE(r.reasoning, QStringLiteral("Let me think."));
    QCOMPARE(r.content, QStringLiteral("Hello world!"));
    QVERIFY(r.toolCalls.isEmpty());
}

void TestAnthropicOpenAiTranslationStreams::openAiTextStream()
{
    OpenAiToAnthropicStream s(QStringLiteral("claude-sonnet-4-5"));
    QByteArray out;
    SseParser parser;
    const QList<SseEvent> upstreamEvents = parser.feed(SseSamples::openAiStream());
    for (const SseEvent &e : upstreamEvents)
        out += s.feed(e); // one event at a time
    QVERIFY(s.isFinished());
    const AnthropicResult r = readAnthropic(out);
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QVERIFY(r.stopped);
    QCOMPARE(r.eventNames.first(), QStringLiteral("message_start"));
    QCOMPARE(r.eventNames.last(), QStringLiteral("message_stop"));
    QCOMPARE(r.message.value(QLatin1String("id")).toString(), QStringLiteral("msg_AbC123"));
    QCOMPARE(r.message.value(QLatin1String("model")).toString(),
             QStringLiteral("claude-sonnet-4-5"));
    QCOMPARE(r.message.value(QLatin1String("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(r.blocks.size(), 1);
    QCOMPARE(r.blocks[0].value(QLatin1String("type")).toString(), QStringLiteral("text"));
    QCOMPARE(r.blocks[0].value(QLatin1String("text")).toString(), QStringLiteral("Hello"));
    QCOMPARE(r.stopReason, QStringLiteral("end_turn"));
    QCOMPARE(r.finalUsage.value(QLatin1String("input_tokens")).toInt(), 1200 - 1024);
    QCOMPARE(r.finalUsage.value(QLatin1String("cache_read_input_tokens")).toInt(), 1024);
    QCOMPARE(r.finalUsage.value(QLatin1String("cache_creation_input_tokens")).toInt(), 0);
    QCOMPARE(r.finalUsage.value(QLatin1String("output_tokens")).toInt(), 9);

    // An Anthropic client's usage reader sees exactly what the relay bills upstream.
    AnthropicUsageTracker client;
    for (const SseEvent &e : parseOutput(out))
        client.addEvent(e);
    OpenAiUsageTracker upstream;
    for (const SseEvent &e : upstreamEvents)
        upstream.addEvent(e);
    QCOMPARE(client.usage(), upstream.usage());
    QVERIFY(client.sawMessageStop());
    QCOMPARE(client.stopReason(), QStringLiteral("end_turn"));
}

void TestAnthropicOpenAiTranslationStreams::openAiToolStream()
{
    OpenAiToAnthropicStream s{QString()};
    const QByteArray out = feedAll(s, openAiToolSample());
    const AnthropicResult r = readAnthropic(out);
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QCOMPARE(r.message.value(QLatin1String("model")).toString(),
             QStringLiteral("qwen-plus-2025-01-25"));
    QCOMPARE(r.blocks.size(), 3);
    QCOMPARE(r.blocks[0].value(QLatin1String("text")).toString(),
             QStringLiteral("Let me check both."));
    QCOMPARE(r.blocks[1].value(QLatin1String("type")).toString(), QStringLiteral("tool_use"));
    QCOMPARE(r.blocks[1].value(QLatin1String("id")).toString(),
             QStringLiteral("call_DdmO9pD3xa9XTPNJ32zg2hcA"));
    QCOMPARE(r.blocks[1].value(QLatin1String("name")).toString(), QStringLiteral("get_weather"));
    QCOMPARE(r.blocks[1].value(QLatin1String("input")).toObject(), QJsonObject());
    QCOMPARE(parseObject(r.blocks[1].value(QLatin1String("partial")).toString().toUtf8()),
             parseObject(weatherArgs.toUtf8()));
    QCOMPARE(r.blocks[2].value(QLatin1String("name")).toString(), QStringLiteral("get_time"));
    QCOMPARE(parseObject(r.blocks[2].value(QLatin1String("partial")).toString().toUtf8()),
             parseObject(timeArgs.toUtf8()));
    QCOMPARE(r.stopReason, QStringLiteral("tool_use"));
    QCOMPARE(r.finalUsage.value(QLatin1String("input_tokens")).toInt(), 1500 - 1024);
    QCOMPARE(r.finalUsage.value(QLatin1String("cache_read_input_tokens")).toInt(), 1024);
    QCOMPARE(r.finalUsage.value(QLatin1String("output_tokens")).toInt(), 77);
    QVERIFY(r.stopped);
    QCOMPARE(s.tracker().stopReason(), QStringLiteral("tool_calls"));
}

void TestAnthropicOpenAiTranslationStreams::openAiMissingDone()
{
    OpenAiToAnthropicStream s(QStringLiteral("claude-sonnet-4-5"));
    QByteArray out = feedAll(s, openAiToolSample(false));
    QVERIFY(!s.isFinished());
    QVERIFY(!out.contains("message_stop"));
    out += s.finish();
    const AnthropicResult r = readAnthropic(out);
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QVERIFY(r.stopped);
    QCOMPARE(r.stopReason, QStringLiteral("tool_use"));
    QCOMPARE(r.finalUsage.value(QLatin1String("output_tokens")).toInt(), 77);

    // Cut in the middle of the second tool call's arguments: the open block is closed.
    QByteArray upstream = openAiToolSample(false);
    upstream.truncate(upstream.indexOf("\"finish_reason\":\"tool_calls\""));
    upstream.truncate(upstream.lastIndexOf("data: "));
    OpenAiToAnthropicStream cut(QStringLiteral("claude-sonnet-4-5"));
    QByteArray out2 = feedAll(cut, upstream);
    out2 += cut.finish();
    const AnthropicResult r2 = readAnthropic(out2);
    QVERIFY2(r2.problem.isEmpty(), qPrintable(r2.problem));
    QCOMPARE(r2.blocks.size(), 3);
    QCOMPARE(r2.stopReason, QStringLiteral("tool_use"));
}

void TestAnthropicOpenAiTranslationStreams::openAiFinishIdempotent()
{
    OpenAiToAnthropicStream s(QStringLiteral("claude-sonnet-4-5"));
    QByteArray out = feedAll(s, SseSamples::openAiStream());
    QVERIFY(out.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    QCOMPARE(s.finish(), QByteArray());
    QCOMPARE(s.finish(), QByteArray());
    QCOMPARE(out.count("event: message_stop"), 1);
    // A second [DONE] adds nothing.
    SseParser parser;
    QCOMPARE(s.feed(parser.feed("data: [DONE]\n\n").at(0)), QByteArray());
}

void TestAnthropicOpenAiTranslationStreams::openAiErrorMidStream()
{
    QByteArray upstream = openAiToolSample(false);
    upstream.truncate(upstream.indexOf("get_time") - 1);
    upstream.truncate(upstream.lastIndexOf("data: "));
    upstream += "data: {\"error\":{\"message\":\"The server had an error while processing your "
                "request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n";
    OpenAiToAnthropicStream s(QStringLiteral("claude-sonnet-4-5"));
    QByteArray out = feedAll(s, upstream);
    QVERIFY(s.isFinished());
    out += s.finish();
    const AnthropicResult r = readAnthropic(out);
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QCOMPARE(r.eventNames.last(), QStringLiteral("error"));
    QVERIFY(!r.stopped);
    QCOMPARE(r.error.value(QLatin1String("type")).toString(), QStringLiteral("api_error"));
    QVERIFY(r.error.value(QLatin1String("message"))
                .toString()
                .startsWith(QLatin1String("The server had an error")));
    AnthropicUsageTracker client;
    for (const SseEvent &e : parseOutput(out))
        client.addEvent(e);
    QCOMPARE(client.errorType(), QStringLiteral("api_error"));

    // A rate-limit error before anything else: only the error event.
    OpenAiToAnthropicStream early(QStringLiteral("claude-sonnet-4-5"));
    QByteArray out2 =
        feedAll(early, "data: {\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                       "\"code\":\"rate_limit_exceeded\"}}\n\n");
    out2 += early.finish();
    const AnthropicResult r2 = readAnthropic(out2);
    QCOMPARE(r2.eventNames, QStringList{QStringLiteral("error")});
    QCOMPARE(r2.error.value(QLatin1String("type")).toString(), QStringLiteral("rate_limit_error"));
}

void TestAnthropicOpenAiTranslationStreams::openAiStopReasons_data()
{
    QTest::addColumn<QString>("finish");
    QTest::addColumn<QString>("stop");
    QTest::newRow("stop") << "stop"
                          << "end_turn";
    QTest::newRow("length") << "length"
                            << "max_tokens";
    QTest::newRow("tool_calls") << "tool_calls"
                                << "tool_use";
    QTest::newRow("content_filter") << "content_filter"
                                    << "refusal";
}

void TestAnthropicOpenAiTranslationStreams::openAiStopReasons()
{
    QFETCH(QString, finish);
    QFETCH(QString, stop);
    OpenAiToAnthropicStream s(QStringLiteral("m"));
    const QByteArray upstream =
        openAiChunk(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                {QStringLiteral("content"), QStringLiteral("Hi")}}) +
        openAiChunk(QJsonObject(), finish) + "data: [DONE]\n\n";
    const AnthropicResult r = readAnthropic(feedAll(s, upstream));
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QCOMPARE(r.stopReason, stop);

    // And the reverse direction.
    static const QHash<QString, QString> back{
        {QStringLiteral("end_turn"), QStringLiteral("stop")},
        {QStringLiteral("max_tokens"), QStringLiteral("length")},
        {QStringLiteral("tool_use"), QStringLiteral("tool_calls")},
        {QStringLiteral("refusal"), QStringLiteral("content_filter")}};
    QByteArray anthropic = SseSamples::anthropicStream();
    anthropic.replace("\"stop_reason\":\"end_turn\"", "\"stop_reason\":\"" + stop.toUtf8() + "\"");
    AnthropicToOpenAiStream a(QStringLiteral("m"), false);
    const OpenAiResult o = readOpenAi(feedAll(a, anthropic));
    QCOMPARE(o.finishReasons, QStringList{back.value(stop)});
    QCOMPARE(back.value(stop), finish);
}

void TestAnthropicOpenAiTranslationStreams::openAiReasoningAndKeepAlive()
{
    QByteArray upstream =
        openAiChunk(QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                {QStringLiteral("content"), QJsonValue()},
                                {QStringLiteral("reasoning_content"), QStringLiteral("Hmm, ")}}) +
        ": keep-alive\n\n" +
        openAiChunk(
            QJsonObject{{QStringLiteral("reasoning_content"), QStringLiteral("9.11 < 9.9")}}) +
        openAiChunk(QJsonObject{{QStringLiteral("content"), QStringLiteral("9.9 is larger.")}}) +
        openAiChunk(QJsonObject(), QStringLiteral("stop")) +
        // DeepSeek-style usage chunk.
        "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":"
        "\"deepseek-reasoner\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\""
        ":30,\"total_tokens\":50,\"prompt_cache_hit_tokens\":16,\"prompt_cache_miss_tokens\":4}}"
        "\n\n"
        "data: [DONE]\n\n";
    OpenAiToAnthropicStream s(QStringLiteral("claude-opus-4-1"));
    const AnthropicResult r = readAnthropic(feedAll(s, upstream));
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QVERIFY(r.eventNames.contains(QStringLiteral("ping")));
    QCOMPARE(r.blocks.size(), 2);
    QCOMPARE(r.blocks[0].value(QLatin1String("type")).toString(), QStringLiteral("thinking"));
    QCOMPARE(r.blocks[0].value(QLatin1String("thinking")).toString(),
             QStringLiteral("Hmm, 9.11 < 9.9"));
    QCOMPARE(r.blocks[1].value(QLatin1String("text")).toString(), QStringLiteral("9.9 is larger."));
    QCOMPARE(r.finalUsage.value(QLatin1String("input_tokens")).toInt(), 4);
    QCOMPARE(r.finalUsage.value(QLatin1String("cache_read_input_tokens")).toInt(), 16);
    QCOMPARE(r.finalUsage.value(QLatin1String("output_tokens")).toInt(), 30);
}

void TestAnthropicOpenAiTranslationStreams::openAiInterleavedToolCalls()
{
    // Both calls announced in one chunk, fragments interleaved afterwards.
    QByteArray upstream = openAiChunk(QJsonObject{
        {QStringLiteral("role"), QStringLiteral("assistant")},
        {QStringLiteral("tool_calls"),
         QJsonArray{toolFragment(0, QStringLiteral("call_a"), QStringLiteral("get_weather"), {}),
                    toolFragment(1, QStringLiteral("call_b"), QStringLiteral("get_time"), {})}}});
    const QString a = weatherArgs, b = timeArgs;
    for (qsizetype i = 0; i < qMax(a.size(), b.size()); i += 6) {
        if (i < a.size())
            upstream += openAiChunk(QJsonObject{
                {QStringLiteral("tool_calls"), QJsonArray{toolFragment(0, {}, {}, a.mid(i, 6))}}});
        if (i < b.size())
            upstream += openAiChunk(QJsonObject{
                {QStringLiteral("tool_calls"), QJsonArray{toolFragment(1, {}, {}, b.mid(i, 6))}}});
    }
    upstream += openAiChunk(QJsonObject(), QStringLiteral("tool_calls")) + "data: [DONE]\n\n";
    OpenAiToAnthropicStream s(QStringLiteral("m"));
    const QByteArray out = feedAll(s, upstream);
    // Accumulate by index as the Anthropic SDK does (deltas for the closed block are allowed
    // here, so the strict grammar check is not applied).
    QMap<int, QString> partial;
    QMap<int, QString> names;
    for (const SseEvent &e : parseOutput(out)) {
        const QJsonObject d = parseObject(e.data);
        QVERIFY(!d.isEmpty());
        const int index = d.value(QLatin1String("index")).toInt();
        if (e.event == "content_block_start")
            names[index] = d.value(QLatin1String("content_block"))
                               .toObject()
                               .value(QLatin1String("name"))
                               .toString();
        if (e.event == "content_block_delta")
            partial[index] += d.value(QLatin1String("delta"))
                                  .toObject()
                                  .value(QLatin1String("partial_json"))
                                  .toString();
    }
    QCOMPARE(names.size(), 2);
    QCOMPARE(names.value(0), QStringLiteral("get_weather"));
    QCOMPARE(names.value(1), QStringLiteral("get_time"));
    QCOMPARE(parseObject(partial.value(0).toUtf8()), parseObject(a.toUtf8()));
    QCOMPARE(parseObject(partial.value(1).toUtf8()), parseObject(b.toUtf8()));
    QVERIFY(out.endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
}

void TestAnthropicOpenAiTranslationStreams::openAiEmptyUpstream()
{
    // The upstream closed without a single chunk: finish() still produces a valid message.
    OpenAiToAnthropicStream s(QStringLiteral("claude-sonnet-4-5"));
    const AnthropicResult r = readAnthropic(s.finish());
    QVERIFY2(r.problem.isEmpty(), qPrintable(r.problem));
    QCOMPARE(r.eventNames,
             (QStringList{QStringLiteral("message_start"), QStringLiteral("message_delta"),
                          QStringLiteral("message_stop")}));
    QVERIFY(r.message.value(QLatin1String("id")).toString().startsWith(QLatin1String("msg_")));

    AnthropicToOpenAiStream a(QStringLiteral("gpt-4o"), true);
    const OpenAiResult o = readOpenAi(a.finish());
    QVERIFY2(o.problem.isEmpty(), qPrintable(o.problem));
    QCOMPARE(o.doneCount, 1);
    QCOMPARE(o.role, QStringLiteral("assistant"));
}

QTEST_GUILESS_MAIN(TestAnthropicOpenAiTranslationStreams)
#include "TestAnthropicOpenAiTranslationStreams.moc"
