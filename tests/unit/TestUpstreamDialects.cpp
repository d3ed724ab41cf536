// SPDX-License-Identifier: GPL-3.0-or-later
// The upstream dialects (URL, credentials, headers per provider), the model names allowed in
// upstream paths, and the one status-to-error-shape mapping. No sockets.
#include "protocol/ErrorShapes.h"
#include "relay/RelayProtocol.h"
#include "relay/UpstreamDialect.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestUpstreamDialects final : public QObject
{
    Q_OBJECT

    static RelayAccount account(const QString &provider, const QString &baseUrl)
    {
        RelayAccount a;
        a.provider = provider;
        a.baseUrl = baseUrl;
        a.apiKey = "upstream-secret";
        return a;
    }

    static QByteArray header(const HttpHeaderList &headers, const QByteArray &name)
    {
        for (const auto &h : headers) {
            if (h.first == name)
                return h.second;
        }
        return {};
    }

private Q_SLOTS:
    void safeModelNames_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("safe");
        QTest::newRow("gemini") << "gemini-2.5-flash" << true;
        QTest::newRow("underscore") << "gemini_exp_1206" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("colon") << "gemini-2.5-flash:countTokens" << false;
        QTest::newRow("query") << "gemini?alt=sse" << false;
        QTest::newRow("fragment") << "gemini#x" << false;
        QTest::newRow("slash") << "models/gemini" << false;
        QTest::newRow("dots only") << ".." << false;
        QTest::newRow("leading dash") << "-gemini" << false;
        QTest::newRow("percent") << "gemini%2F" << false;
        QTest::newRow("space") << "gemini 2" << false;
        QTest::newRow("non-ascii") << QStringLiteral("gemini\u00e9") << false;
        QTest::newRow("too long") << QString(129, QLatin1Char('a')) << false;
        QTest::newRow("longest") << QString(128, QLatin1Char('a')) << true;
    }

    void safeModelNames()
    {
        QFETCH(QString, model);
        QFETCH(bool, safe);
        QCOMPARE(RelayProtocol::isSafeModelName(model), safe);
    }

    void factoryFollowsTheProvider()
    {
        QCOMPARE(UpstreamDialect::forProvider("anthropic")->kind(), RelayProtocol::Anthropic);
        QCOMPARE(UpstreamDialect::forProvider("anthropic")->needsAccessToken(), false);
        QCOMPARE(UpstreamDialect::forProvider("anthropic-oauth")->kind(), RelayProtocol::Anthropic);
        QCOMPARE(UpstreamDialect::forProvider("anthropic-oauth")->needsAccessToken(), true);
        QCOMPARE(UpstreamDialect::forProvider("openai")->kind(), RelayProtocol::OpenAi);
        QCOMPARE(UpstreamDialect::forProvider("deepseek")->kind(), RelayProtocol::OpenAi);
        QCOMPARE(UpstreamDialect::forProvider("gemini")->kind(), RelayProtocol::Gemini);
    }

    void anthropicAddressesAndCredentials()
    {
        const auto d = UpstreamDialect::forProvider("anthropic");
        UpstreamTarget t;
        t.clientHeaders = {{"anthropic-version", "2023-01-01"}, {"anthropic-beta", "b1"}};
        QString error;
        QCOMPARE(*d->url(account("anthropic", "https://a.example/"), t, &error),
                 QByteArray("https://a.example/v1/messages"));
        t.countTokens = true;
        QCOMPARE(*d->url(account("anthropic", "https://a.example"), t, &error),
                 QByteArray("https://a.example/v1/messages/count_tokens"));
        HttpHeaderList h;
        d->addHeaders(account("anthropic", "https://a.example"), t, &h);
        QCOMPARE(header(h, "x-api-key"), QByteArray("upstream-secret"));
        QCOMPARE(header(h, "anthropic-version"), QByteArray("2023-01-01"));
        QCOMPARE(header(h, "anthropic-beta"), QByteArray("b1"));
        QCOMPARE(header(h, "authorization"), QByteArray());

        // A subscription: no key, the OAuth beta flag, the token as Bearer.
        const auto o = UpstreamDialect::forProvider("anthropic-oauth");
        HttpHeaderList oh;
        o->addHeaders(account("anthropic-oauth", "https://a.example"), t, &oh);
        o->addAccessToken("tok", &oh);
        QCOMPARE(header(oh, "x-api-key"), QByteArray());
        QCOMPARE(header(oh, "anthropic-beta"), QByteArray("b1,oauth-2025-04-20"));
        QCOMPARE(header(oh, "authorization"), QByteArray("Bearer tok"));

        // An OpenAI client's headers are not Anthropic's to pass on.
        t.client = RelayProtocol::OpenAi;
        HttpHeaderList th;
        d->addHeaders(account("anthropic", "https://a.example"), t, &th);
        QCOMPARE(header(th, "anthropic-version"), QByteArray("2023-06-01"));
        QCOMPARE(header(th, "anthropic-beta"), QByteArray());
    }

    void openAiAddressesAndCredentials()
    {
        const auto d = UpstreamDialect::forProvider("openai");
        QString error;
        QCOMPARE(*d->url(account("openai", "https://o.example/v1"), {}, &error),
                 QByteArray("https://o.example/v1/chat/completions"));
        HttpHeaderList h;
        d->addHeaders(account("openai", "https://o.example/v1"), {}, &h);
        QCOMPARE(header(h, "authorization"), QByteArray("Bearer upstream-secret"));
    }

    void geminiUrlsAreBuiltFromEncodedParts()
    {
        const auto d = UpstreamDialect::forProvider("gemini");
        const RelayAccount a = account("gemini", "https://g.example/");
        UpstreamTarget t;
        t.client = RelayProtocol::Gemini;
        t.upstreamModel = QStringLiteral("models/gemini-2.5-flash");
        t.geminiAction = QStringLiteral("streamGenerateContent");
        t.geminiQuery = {{QStringLiteral("alt"), QStringLiteral("sse")},
                         {QStringLiteral("x&y"), QStringLiteral("a=b#c")}};
        QString error;
        QCOMPARE(*d->url(a, t, &error),
                 QByteArray("https://g.example/v1beta/models/gemini-2.5-flash:"
                            "streamGenerateContent?alt=sse&x%26y=a%3Db%23c"));
        HttpHeaderList h;
        d->addHeaders(a, t, &h);
        QCOMPARE(header(h, "x-goog-api-key"), QByteArray("upstream-secret"));

        // Translated (OpenAI client): the action follows the upstream stream flag.
        t.native = false;
        t.client = RelayProtocol::OpenAi;
        t.stream = true;
        QCOMPARE(*d->url(a, t, &error),
                 QByteArray("https://g.example/v1beta/models/gemini-2.5-flash:"
                            "streamGenerateContent?alt=sse"));
        t.stream = false;
        QCOMPARE(*d->url(a, t, &error),
                 QByteArray("https://g.example/v1beta/models/gemini-2.5-flash:generateContent"));

        // A name that would change the path is refused, whatever its source (model map too).
        t.upstreamModel = QStringLiteral("gemini-x:countTokens?alt=sse#");
        QVERIFY(!d->url(a, t, &error));
        QVERIFY(error.contains(QLatin1String("letters, digits")));
        t.upstreamModel = QStringLiteral("../v1/x");
        QVERIFY(!d->url(a, t, &error));
        // So is an action outside the three the relay serves.
        t.native = true;
        t.upstreamModel = QStringLiteral("gemini-2.5-flash");
        t.geminiAction = QStringLiteral("generateContent?x=1");
        QVERIFY(!d->url(a, t, &error));
    }

    void oneMappingFromStatusToErrorShape()
    {
        using P = ErrorShapes::Protocol;
        QCOMPARE(ErrorShapes::type(P::Anthropic, 529), QStringLiteral("overloaded_error"));
        QCOMPARE(ErrorShapes::type(P::Anthropic, 404), QStringLiteral("not_found_error"));
        QCOMPARE(ErrorShapes::type(P::OpenAi, 404), QStringLiteral("invalid_request_error"));
        QCOMPARE(ErrorShapes::type(P::OpenAi, 503), QStringLiteral("api_error"));
        QCOMPARE(ErrorShapes::type(P::Gemini, 504), QStringLiteral("DEADLINE_EXCEEDED"));
        const QJsonObject gemini =
            QJsonDocument::fromJson(ErrorShapes::body(P::Gemini, 400, QStringLiteral("m")))
                .object()
                .value(QLatin1String("error"))
                .toObject();
        QCOMPARE(gemini.value(QLatin1String("code")).toInt(), 400);
        QCOMPARE(gemini.value(QLatin1String("status")).toString(),
                 QStringLiteral("INVALID_ARGUMENT"));
        const QJsonObject anthropic =
            QJsonDocument::fromJson(ErrorShapes::body(P::Anthropic, 429, QStringLiteral("m")))
                .object();
        QCOMPARE(anthropic.value(QLatin1String("type")).toString(), QStringLiteral("error"));
        QCOMPARE(anthropic.value(QLatin1String("error")).toObject().value("type").toString(),
                 QStringLiteral("rate_limit_error"));
        const QJsonObject openai =
            QJsonDocument::fromJson(ErrorShapes::body(P::OpenAi, 401, QStringLiteral("m")))
                .object()
                .value(QLatin1String("error"))
                .toObject();
        QCOMPARE(openai.value(QLatin1String("type")).toString(),
                 QStringLiteral("authentication_error"));
        QVERIFY(openai.contains(QLatin1String("param")));
        QVERIFY(ErrorShapes::event(P::Anthropic, QStringLiteral("api_error"), QStringLiteral("m"))
                    .startsWith("event: error\ndata: {"));
    }
};

QTEST_GUILESS_MAIN(TestUpstreamDialects)
#include "TestUpstreamDialects.moc"
