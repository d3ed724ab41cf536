// SPDX-License-Identifier: GPL-3.0-or-later
#include "relay/ContentDecoding.h"
#include "relay/RelayProtocol.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <zlib.h>

class TestRelayProtocol final : public QObject
{
    Q_OBJECT

private:
    static QByteArray gzip(const QByteArray &data)
    {
        z_stream zs{};
        deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
        QByteArray out(int(deflateBound(&zs, uLong(data.size()))) + 32, '\0');
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
        zs.avail_in = uInt(data.size());
        zs.next_out = reinterpret_cast<Bytef *>(out.data());
        zs.avail_out = uInt(out.size());
        deflate(&zs, Z_FINISH);
        out.truncate(qsizetype(zs.total_out));
        deflateEnd(&zs);
        return out;
    }

private Q_SLOTS:
    void upstreamUrls_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("anthropic")
            << int(RelayProtocol::Anthropic) << "https://api.anthropic.com"
            << QByteArray("/v1/messages") << QByteArray("https://api.anthropic.com/v1/messages");
        QTest::newRow("anthropic slash")
            << int(RelayProtocol::Anthropic) << "https://api.anthropic.com/"
            << QByteArray("/v1/messages") << QByteArray("https://api.anthropic.com/v1/messages");
        QTest::newRow("openai v1") << int(RelayProtocol::OpenAi) << "https://api.openai.com/v1"
                                   << QByteArray("/v1/chat/completions")
                                   << QByteArray("https://api.openai.com/v1/chat/completions");
        QTest::newRow("dashscope")
            << int(RelayProtocol::OpenAi) << "https://dashscope.aliyuncs.com/compatible-mode/v1/"
            << QByteArray("/v1/chat/completions")
            << QByteArray("https://dashscope.aliyuncs.com/compatible-mode/"
                          "v1/chat/completions");
        QTest::newRow("glm v4") << int(RelayProtocol::OpenAi)
                                << "https://open.bigmodel.cn/api/paas/v4"
                                << QByteArray("/v1/chat/completions")
                                << QByteArray("https://open.bigmodel.cn/api/paas/v4/chat/"
                                              "completions");
        QTest::newRow("deepseek bare") << int(RelayProtocol::OpenAi) << "https://api.deepseek.com"
                                       << QByteArray("/v1/chat/completions")
                                       << QByteArray("https://api.deepseek.com/v1/chat/"
                                                     "completions");
    }

    void upstreamUrls()
    {
        QFETCH(int, kind);
        QFETCH(QString, base);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, expected);
        QCOMPARE(RelayProtocol::upstreamUrl(RelayProtocol::Kind(kind), base, path), expected);
    }

    void errorBodiesMatchEachProvider()
    {
        const QJsonObject a =
            QJsonDocument::fromJson(
                RelayProtocol::errorBody(RelayProtocol::Anthropic, 401, QStringLiteral("bad key")))
                .object();
        QCOMPARE(a.value(QLatin1String("type")).toString(), QStringLiteral("error"));
        QCOMPARE(a.value(QLatin1String("error")).toObject().value(QLatin1String("type")).toString(),
                 QStringLiteral("authentication_error"));
        QCOMPARE(
            a.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString(),
            QStringLiteral("bad key"));
        const QJsonObject o =
            QJsonDocument::fromJson(
                RelayProtocol::errorBody(RelayProtocol::OpenAi, 429, QStringLiteral("slow down")))
                .object();
        const QJsonObject e = o.value(QLatin1String("error")).toObject();
        QCOMPARE(e.value(QLatin1String("type")).toString(), QStringLiteral("rate_limit_error"));
        QCOMPARE(e.value(QLatin1String("message")).toString(), QStringLiteral("slow down"));
        QVERIFY(e.contains(QLatin1String("param")));
        QCOMPARE(RelayProtocol::defaultErrorType(RelayProtocol::Anthropic, 529),
                 QStringLiteral("overloaded_error"));
        const QByteArray event = RelayProtocol::errorEvent(
            RelayProtocol::Anthropic, QStringLiteral("api_error"), QStringLiteral("cut"));
        QVERIFY(event.startsWith("event: error\ndata: {"));
        QVERIFY(event.endsWith("\n\n"));
        QVERIFY(RelayProtocol::errorEvent(RelayProtocol::OpenAi, QStringLiteral("api_error"),
                                          QStringLiteral("cut"))
                    .startsWith("data: {\"error\":"));
    }

    void hopByHopHeadersStayHere()
    {
        for (const char *h :
             {"connection", "transfer-encoding", "content-length", "set-cookie", "keep-alive"})
            QVERIFY2(!RelayProtocol::isRelayableResponseHeader(h), h);
        for (const char *h : {"content-type", "content-encoding", "request-id", "retry-after",
                              "anthropic-ratelimit-requests-remaining", "x-request-id"})
            QVERIFY2(RelayProtocol::isRelayableResponseHeader(h), h);
    }

    void decodesForInspectionOnly()
    {
        const QByteArray json = R"({"usage":{"input_tokens":12}})";
        QCOMPARE(ContentDecoding::decode(gzip(json), "gzip").value_or(QByteArray()), json);
        QCOMPARE(ContentDecoding::decode(json, "").value_or(QByteArray()), json);
        QVERIFY(!ContentDecoding::decode(json, "gzip")); // not gzip data
        QVERIFY(!ContentDecoding::decode(json, "br"));   // not a coding we read
        // A decompression bomb is refused rather than inflated without end.
        const QByteArray zeros(4 * 1024 * 1024, '\0');
        QVERIFY(!ContentDecoding::decode(gzip(zeros), "gzip", 1024 * 1024));
        QCOMPARE(ContentDecoding::filterAcceptEncoding("gzip, deflate, br, zstd"),
                 QByteArray("gzip, deflate"));
        QCOMPARE(ContentDecoding::filterAcceptEncoding("br"), QByteArray("identity"));
    }
};

QTEST_GUILESS_MAIN(TestRelayProtocol)
#include "TestRelayProtocol.moc"
