// SPDX-License-Identifier: GPL-3.0-or-later
// The client/upstream translation pairs of the relay: which pair serves which protocols, and what
// passthrough changes (model map, usage for the ledger) and leaves alone. No sockets.
#include "protocol/SseParser.h"
#include "relay/ProtocolTranslation.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestProtocolTranslations final : public QObject
{
    Q_OBJECT

    static QJsonObject json(const QByteArray &body)
    {
        return QJsonDocument::fromJson(body).object();
    }

    static QList<SseEvent> events(const QByteArray &stream)
    {
        SseParser parser;
        return parser.feed(stream);
    }

private Q_SLOTS:
    void passthroughRenamesTheModelOnly()
    {
        ProtocolTranslation::Options o;
        o.clientModel = QStringLiteral("claude-sonnet-4-5");
        auto t = ProtocolTranslation::create(RelayProtocol::Anthropic, RelayProtocol::Anthropic, o);
        QVERIFY(t->isPassthrough());
        const QByteArray body = R"({"model":"claude-sonnet-4-5","max_tokens":5,"messages":[]})";
        QString error;
        bool stream = true;
        QCOMPARE(*t->request(body, o.clientModel, false, &error, &stream), body);
        QCOMPARE(stream, false);
        const auto renamed = t->request(body, QStringLiteral("claude-x"), false, &error, &stream);
        QCOMPARE(json(*renamed).value(QLatin1String("model")).toString(),
                 QStringLiteral("claude-x"));
        QCOMPARE(t->response("raw bytes", 500), QByteArray("raw bytes"));
    }

    void passthroughGeminiKeepsTheBody()
    {
        ProtocolTranslation::Options o;
        o.clientModel = QStringLiteral("gemini-2.5-flash");
        auto t = ProtocolTranslation::create(RelayProtocol::Gemini, RelayProtocol::Gemini, o);
        const QByteArray body = R"({"contents":[]})";
        QString error;
        bool stream = false;
        QCOMPARE(*t->request(body, QStringLiteral("gemini-other"), true, &error, &stream), body);
        QCOMPARE(stream, true);
    }

    void openAiPassthroughAsksForUsageAndHidesIt()
    {
        ProtocolTranslation::Options o;
        o.clientModel = QStringLiteral("gpt-4o");
        auto t = ProtocolTranslation::create(RelayProtocol::OpenAi, RelayProtocol::OpenAi, o);
        QString error;
        bool stream = false;
        const auto body = t->request(R"({"model":"gpt-4o","stream":true,"messages":[]})",
                                     o.clientModel, true, &error, &stream);
        QVERIFY(json(*body)
                    .value(QLatin1String("stream_options"))
                    .toObject()
                    .value(QLatin1String("include_usage"))
                    .toBool());
        const QList<SseEvent> e = events(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
            "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\n\n");
        QCOMPARE(e.size(), 2);
        QCOMPARE(t->streamEvent(e.at(0)), e.at(0).raw);
        QCOMPARE(t->streamEvent(e.at(1)), QByteArray()); // the client did not ask for usage

        o.clientAskedForUsage = true;
        auto asked = ProtocolTranslation::create(RelayProtocol::OpenAi, RelayProtocol::OpenAi, o);
        QCOMPARE(asked->streamEvent(e.at(1)), e.at(1).raw);
    }

    void translatedPairsSpeakTheClientsProtocol()
    {
        ProtocolTranslation::Options o;
        o.clientModel = QStringLiteral("gpt-4o");
        QString error;
        bool stream = false;

        // OpenAI client, Anthropic account: an Anthropic request for the routed model.
        auto onAnthropic =
            ProtocolTranslation::create(RelayProtocol::OpenAi, RelayProtocol::Anthropic, o);
        QVERIFY(!onAnthropic->isPassthrough());
        const auto a = onAnthropic->request(
            R"({"model":"gpt-4o","stream":true,"messages":[{"role":"user","content":"hi"}]})",
            QStringLiteral("claude-sonnet-4-5"), true, &error, &stream);
        QVERIFY2(a, qPrintable(error));
        QCOMPARE(json(*a).value(QLatin1String("model")).toString(),
                 QStringLiteral("claude-sonnet-4-5"));
        QVERIFY(json(*a).contains(QLatin1String("max_tokens")));
        QCOMPARE(stream, true);
        // Its error bodies come back in OpenAI's shape.
        const QJsonObject err = json(onAnthropic->response(
            R"({"type":"error","error":{"type":"rate_limit_error","message":"slow"}})", 429));
        QCOMPARE(err.value(QLatin1String("error")).toObject().value("type").toString(),
                 QStringLiteral("rate_limit_error"));
        // Requests it cannot express are refused with a reason.
        QVERIFY(!onAnthropic->request(R"({"model":"gpt-4o","n":2,"messages":[]})",
                                      QStringLiteral("claude-sonnet-4-5"), false, &error, &stream));
        QVERIFY(!error.isEmpty());

        // OpenAI client, Gemini account: a Gemini body (the model goes into the URL).
        auto onGemini =
            ProtocolTranslation::create(RelayProtocol::OpenAi, RelayProtocol::Gemini, o);
        const auto g = onGemini->request(
            R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}]})",
            QStringLiteral("gemini-2.5-flash"), false, &error, &stream);
        QVERIFY2(g, qPrintable(error));
        QVERIFY(json(*g).contains(QLatin1String("contents")));
        QVERIFY(!json(*g).contains(QLatin1String("model")));

        // Anthropic client, OpenAI account: an OpenAI request, Anthropic-shaped errors.
        o.clientModel = QStringLiteral("claude-sonnet-4-5");
        auto onOpenAi =
            ProtocolTranslation::create(RelayProtocol::Anthropic, RelayProtocol::OpenAi, o);
        const auto r = onOpenAi->request(
            R"({"model":"claude-sonnet-4-5","max_tokens":5,"messages":[{"role":"user","content":"hi"}]})",
            QStringLiteral("gpt-4o"), false, &error, &stream);
        QVERIFY2(r, qPrintable(error));
        QVERIFY(json(*r).contains(QLatin1String("messages")));
        QCOMPARE(json(*r).value(QLatin1String("model")).toString(), QStringLiteral("gpt-4o"));
        const QJsonObject aerr = json(onOpenAi->response(R"({"error":{"message":"x"}})", 500));
        QCOMPARE(aerr.value(QLatin1String("type")).toString(), QStringLiteral("error"));
    }
};

QTEST_GUILESS_MAIN(TestProtocolTranslations)
#include "TestProtocolTranslations.moc"
