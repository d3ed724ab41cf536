// SPDX-License-Identifier: GPL-3.0-or-later
#include "MockFormats.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <zlib.h>

class TestMockFormats : public QObject
{
    Q_OBJECT

private:
    static MockCall parse(MockFormats::Provider provider, const QByteArray &body)
    {
        MockCall call;
        QString error;
        if (!MockFormats::parseCall(provider, body, &call, &error))
            qWarning() << error;
        return call;
    }

    static QByteArray gunzip(const QByteArray &data)
    {
        z_stream zs{};
        if (inflateInit2(&zs, 15 + 16) != Z_OK)
            return {};
        QByteArray out(1 << 16, '\0');
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
        zs.avail_in = uInt(data.size());
        zs.next_out = reinterpret_cast<Bytef *>(out.data());
        zs.avail_out = uInt(out.size());
        const int rc = inflate(&zs, Z_FINISH);
        out.resize(out.size() - qsizetype(zs.avail_out));
        inflateEnd(&zs);
        return rc == Z_STREAM_END ? out : QByteArray();
    }

private slots:
    void directives()
    {
        const MockDirectives d = MockFormats::parseDirectives(
            QStringLiteral("hi mock:status=529 mock:delay=250 mock:chunks=7 mock:interval=5 "
                           "mock:cache=11/22 mock:cut=3 mock:midstream-error mock:gzip"));
        QCOMPARE(d.status, 529);
        QCOMPARE(d.delayMs, 250);
        QCOMPARE(d.chunks, 7);
        QCOMPARE(d.intervalMs, 5);
        QCOMPARE(d.cacheWrite, 11);
        QCOMPARE(d.cacheRead, 22);
        QCOMPARE(d.cutAfter, 3);
        QVERIFY(d.midstreamError);
        QVERIFY(d.gzip);
        const MockDirectives split =
            MockFormats::parseDirectives(QStringLiteral("x mock:cache=9/0 mock:cache1h=4 "
                                                        "mock:reasoning=12"));
        QCOMPARE(split.cacheWrite, 9);
        QCOMPARE(split.cacheWrite1h, 4);
        QCOMPARE(split.reasoning, 12);
        const MockDirectives none = MockFormats::parseDirectives(QStringLiteral("plain text"));
        QCOMPARE(none.status, 0);
        QCOMPARE(none.delayMs, -1);
        QVERIFY(!none.gzip);
    }

    void wordsAndPieces()
    {
        QCOMPARE(MockFormats::countWords(QStringLiteral("  one two\tthree\n four ")), 4);
        QCOMPARE(MockFormats::countWords(QString()), 0);
        const QString text = QStringLiteral("Hello from mock: a b c");
        for (int n : {1, 3, 5, 100}) {
            const QStringList pieces = MockFormats::splitPieces(text, n);
            QCOMPARE(pieces.join(QString()), text);
            QCOMPARE(pieces.size(), qMin<qsizetype>(n, text.size()));
        }
    }

    void anthropicMessageTokens()
    {
        const MockCall call =
            parse(MockFormats::Provider::Anthropic,
                  "{\"model\":\"claude-x\",\"system\":\"be brief\",\"max_tokens\":10,\"messages\":["
                  "{\"role\":\"user\",\"content\":\"first words "
                  "here\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
                  "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"say hi "
                  "mock:cache=5/7\"}]}]}");
        QCOMPARE(call.model, QStringLiteral("claude-x"));
        QCOMPARE(call.inputTokens, 2 + 3 + 1 + 3);
        const QJsonObject m =
            QJsonDocument::fromJson(MockFormats::anthropicMessage(call, "msg_1", 4)).object();
        QCOMPARE(m.value("type").toString(), QStringLiteral("message"));
        QCOMPARE(m.value("stop_reason").toString(), QStringLiteral("end_turn"));
        const QString text = m.value("content").toArray().at(0).toObject().value("text").toString();
        QCOMPARE(text, QStringLiteral("Hello from mock-anthropic: say hi mock:cache=5/7"));
        const QJsonObject usage = m.value("usage").toObject();
        QCOMPARE(usage.value("input_tokens").toInt(), 9);
        QCOMPARE(usage.value("cache_creation_input_tokens").toInt(), 5);
        QCOMPARE(usage.value("cache_read_input_tokens").toInt(), 7);
        QCOMPARE(usage.value("output_tokens").toInt(), 6);
        // The split of the cache writes by TTL, as the API sends it.
        QCOMPARE(usage["cache_creation"]["ephemeral_5m_input_tokens"].toInt(), 5);
        QCOMPARE(usage["cache_creation"]["ephemeral_1h_input_tokens"].toInt(), 0);
    }

    void cacheTtlAndReasoningSplits()
    {
        const MockCall anthropic =
            parse(MockFormats::Provider::Anthropic,
                  "{\"model\":\"claude-x\",\"max_tokens\":10,\"messages\":[{\"role\":"
                  "\"user\",\"content\":\"hi mock:cache=10/0 mock:cache1h=6\"}]}");
        const QJsonObject usage =
            QJsonDocument::fromJson(MockFormats::anthropicMessage(anthropic, "msg_1", 1))
                .object()
                .value("usage")
                .toObject();
        QCOMPARE(usage.value("cache_creation_input_tokens").toInt(), 10);
        QCOMPARE(usage["cache_creation"]["ephemeral_5m_input_tokens"].toInt(), 4);
        QCOMPARE(usage["cache_creation"]["ephemeral_1h_input_tokens"].toInt(), 6);
        // message_start carries the same split in a stream.
        const QList<QByteArray> events = MockFormats::anthropicStream(anthropic, "msg_2", 1);
        QVERIFY(events.first().contains("\"ephemeral_1h_input_tokens\":6"));

        const MockCall openai =
            parse(MockFormats::Provider::OpenAI,
                  "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":"
                  "\"hi mock:reasoning=30\"}]}");
        const QJsonObject o =
            QJsonDocument::fromJson(MockFormats::openaiCompletion(openai, "chatcmpl-1", 1, 1))
                .object()
                .value("usage")
                .toObject();
        // Reasoning is part of completion_tokens.
        QCOMPARE(o["completion_tokens_details"]["reasoning_tokens"].toInt(), 30);
        QVERIFY(o.value("completion_tokens").toInt() > 30);
        QCOMPARE(o.value("total_tokens").toInt(),
                 o.value("prompt_tokens").toInt() + o.value("completion_tokens").toInt());
    }

    void anthropicStreamEvents()
    {
        const MockCall call = parse(MockFormats::Provider::Anthropic,
                                    "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":"
                                    "\"user\",\"content\":\"a \\\"q\\\" b\"}]}");
        const QList<QByteArray> events = MockFormats::anthropicStream(call, "msg_2", 3);
        QStringList names;
        QString text;
        int outputTokens = -1;
        for (const QByteArray &e : events) {
            QVERIFY(e.startsWith("event: "));
            QVERIFY(e.endsWith("\n\n"));
            const qsizetype nl = e.indexOf('\n');
            names.append(QString::fromLatin1(e.mid(7, nl - 7)));
            QVERIFY(e.mid(nl + 1).startsWith("data: "));
            QJsonParseError err;
            const QJsonObject data = QJsonDocument::fromJson(e.mid(nl + 7), &err).object();
            QCOMPARE(err.error, QJsonParseError::NoError);
            QCOMPARE(data.value("type").toString(), names.last());
            if (names.last() == QLatin1String("content_block_delta"))
                text += data.value("delta").toObject().value("text").toString();
            if (names.last() == QLatin1String("message_delta"))
                outputTokens = data.value("usage").toObject().value("output_tokens").toInt();
        }
        QCOMPARE(names,
                 QStringList({"message_start", "content_block_start", "ping", "content_block_delta",
                              "content_block_delta", "content_block_delta", "content_block_stop",
                              "message_delta", "message_stop"}));
        QCOMPARE(text, QStringLiteral("Hello from mock-anthropic: a \"q\" b"));
        QCOMPARE(outputTokens, 6);
    }

    void anthropicToolUse()
    {
        const MockCall call =
            parse(MockFormats::Provider::Anthropic,
                  "{\"model\":\"m\",\"stream\":true,\"tools\":[{\"name\":\"lookup\",\"input_"
                  "schema\":{}}],"
                  "\"messages\":[{\"role\":\"user\",\"content\":\"please use the tool\"}]}");
        QVERIFY(call.toolUse);
        const QList<QByteArray> events = MockFormats::anthropicStream(call, "msg_3", 4);
        QString json;
        for (const QByteArray &e : events) {
            const QJsonObject data =
                QJsonDocument::fromJson(e.mid(e.indexOf("data: ") + 6)).object();
            if (data.value("type") == QLatin1String("content_block_delta"))
                json += data.value("delta").toObject().value("partial_json").toString();
            if (data.value("type") == QLatin1String("message_delta"))
                QCOMPARE(data.value("delta").toObject().value("stop_reason").toString(),
                         QStringLiteral("tool_use"));
        }
        QCOMPARE(QJsonDocument::fromJson(json.toUtf8()).object().value("request").toString(),
                 QStringLiteral("please use the tool"));
    }

    void openaiStreamUsageOnlyWhenAsked()
    {
        const QByteArray base = "{\"model\":\"gpt\",\"stream\":true,%1\"messages\":["
                                "{\"role\":\"system\",\"content\":\"sys one\"},"
                                "{\"role\":\"user\",\"content\":\"hello there mock:cache=0/4\"}]}";
        for (const bool include : {false, true}) {
            const QByteArray body =
                QString::fromLatin1(base)
                    .arg(include ? "\"stream_options\":{\"include_usage\":true}," : "")
                    .toLatin1();
            const MockCall call = parse(MockFormats::Provider::OpenAI, body);
            const QList<QByteArray> events = MockFormats::openaiStream(call, "chatcmpl-x", 1, 2);
            QCOMPARE(events.last(), QByteArray("data: [DONE]\n\n"));
            QString text;
            int usageChunks = 0;
            for (qsizetype i = 0; i + 1 < events.size(); ++i) {
                const QJsonObject o = QJsonDocument::fromJson(events.at(i).mid(6)).object();
                QCOMPARE(o.value("object").toString(), QStringLiteral("chat.completion.chunk"));
                const QJsonArray choices = o.value("choices").toArray();
                if (i == 0)
                    QCOMPARE(choices.at(0)["delta"]["role"].toString(),
                             QStringLiteral("assistant"));
                if (!choices.isEmpty())
                    text += choices.at(0)["delta"]["content"].toString();
                if (o.value("usage").isObject()) {
                    ++usageChunks;
                    QVERIFY(choices.isEmpty());
                    QCOMPARE(o["usage"]["prompt_tokens"].toInt(), 5 + 4);
                    QCOMPARE(o["usage"]["prompt_tokens_details"]["cached_tokens"].toInt(), 4);
                    QCOMPARE(o["usage"]["completion_tokens"].toInt(), 6);
                }
            }
            QCOMPARE(usageChunks, include ? 1 : 0);
            QCOMPARE(text, QStringLiteral("Hello from mock-openai: hello there mock:cache=0/4"));
        }
    }

    void errorsAndGzip()
    {
        const QJsonObject a =
            QJsonDocument::fromJson(MockFormats::anthropicError(529, "Overloaded")).object();
        QCOMPARE(a.value("type").toString(), QStringLiteral("error"));
        QCOMPARE(a["error"]["type"].toString(), QStringLiteral("overloaded_error"));
        const QJsonObject o = QJsonDocument::fromJson(MockFormats::openaiError(401, "no")).object();
        QCOMPARE(o["error"]["code"].toString(), QStringLiteral("invalid_api_key"));
        QVERIFY(o["error"].toObject().contains("param"));

        QVERIFY(MockFormats::acceptsGzip("gzip, deflate, br"));
        QVERIFY(!MockFormats::acceptsGzip("identity"));
        QVERIFY(!MockFormats::acceptsGzip("gzip;q=0"));
        const QByteArray payload = QByteArray("{\"k\":\"value\"}").repeated(50);
        const QByteArray gz = MockFormats::gzip(payload);
        QVERIFY(gz.startsWith("\x1f\x8b"));
        QVERIFY(gz.size() < payload.size());
        QCOMPARE(gunzip(gz), payload);
    }
};

QTEST_GUILESS_MAIN(TestMockFormats)
#include "TestMockFormats.moc"
