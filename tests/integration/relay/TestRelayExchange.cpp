// SPDX-License-Identifier: GPL-3.0-or-later
// What a RelayExchange does at the end of a call, watched from the client's side: the call's
// usage record is in the spool before the last byte of the answer is handed to the client, so
// a daemon killed right after answering (kill -9) still has the call in its ledger. Each way a
// call ends: an answer, a stream, a stream cut by the upstream, an upstream error, no account.
#include "MockUpstreamProcess.h"
#include "TestDb.h"
#include "base/Metrics.h"
#include "domain/UsageRecord.h"
#include "ledger/Ledger.h"
#include "pricing/PriceTable.h"
#include "relay/ClientStream.h"
#include "relay/RelayContext.h"
#include "relay/RelayExchange.h"
#include "routing/RoutingService.h"
#include "upstream/UpstreamClient.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

namespace {

// Notes, when the answer is completed, whether the call's record was already in the spool.
class WatchingClientStream final : public ClientStream
{
public:
    WatchingClientStream(QString spoolDir, QString requestId)
        : m_spoolDir(std::move(spoolDir)), m_requestId(std::move(requestId))
    {
    }

    void send(int answerStatus, const QByteArray &answerBody, const QByteArray &,
              const HttpHeaderList &) override
    {
        status = answerStatus;
        body = answerBody;
        complete();
    }
    bool begin(int answerStatus, const HttpHeaderList &) override
    {
        status = answerStatus;
        return true;
    }
    bool write(const QByteArray &data) override
    {
        body += data;
        return true;
    }
    void end() override { complete(); }
    bool isBackedUp() const override { return false; }
    void setWritableHandler(std::function<void()>) override {}
    void setDisconnectHandler(std::function<void()>) override {}

    int status = 0;
    QByteArray body;
    bool completed = false;
    bool spooledWhenCompleted = false;

private:
    void complete()
    {
        completed = true;
        spooledWhenCompleted = spooled();
    }
    // A spool line holding this call's record, read as the ledger reads it at replay.
    bool spooled() const
    {
        const QDir dir(m_spoolDir);
        const QStringList files = dir.entryList({QStringLiteral("*.spool")}, QDir::Files);
        for (const QString &name : files) {
            QFile f(dir.filePath(name));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            while (!f.atEnd()) {
                const std::optional<UsageRecord> r = UsageRecord::fromSpoolLine(f.readLine());
                if (r && r->requestId == m_requestId)
                    return true;
            }
        }
        return false;
    }

    QString m_spoolDir;
    QString m_requestId;
};

} // namespace

class TestRelayExchange : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestDb> m_db;
    std::unique_ptr<MockUpstreamProcess> m_mock;

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void initTestCase()
    {
        m_mock = std::make_unique<MockUpstreamProcess>();
        QString error;
        QVERIFY2(m_mock->start(&error), qPrintable(error));
    }
    void init() { AICARPOOL_TESTDB_INIT(m_db, true); }
    void cleanup() { m_db.reset(); }

    void recordIsSpooledBeforeTheAnswerIsComplete_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<bool>("stream");
        QTest::addColumn<bool>("withAccount");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("lastWords"); // what the client got at the end
        // In a running event loop (as on an HTTP thread) the record waits in the thread's
        // LedgerStage for the end of the pass, and the answer with it; outside one it is
        // written at once.
        QTest::addColumn<bool>("inEventLoop");
        for (const bool loop : {false, true}) {
            const char *suffix = loop ? " in an event loop" : "";
            QTest::addRow("answer%s", suffix)
                << "hello" << false << true << 200 << QByteArray("end_turn") << loop;
            QTest::addRow("stream%s", suffix)
                << "hello" << true << true << 200 << QByteArray("message_stop") << loop;
            QTest::addRow("stream cut upstream%s", suffix)
                << "hello mock:chunks=6 mock:cut=2" << true << true << 200
                << QByteArray("failed mid-stream") << loop;
            QTest::addRow("upstream error%s", suffix)
                << "hello mock:status=400" << false << true << 400 << QByteArray("error") << loop;
            QTest::addRow("no account%s", suffix)
                << "hello" << false << false << 503 << QByteArray("error") << loop;
        }
    }

    void recordIsSpooledBeforeTheAnswerIsComplete()
    {
        QFETCH(QString, prompt);
        QFETCH(bool, stream);
        QFETCH(bool, withAccount);
        QFETCH(int, status);
        QFETCH(QByteArray, lastWords);
        QFETCH(bool, inEventLoop);

        QTemporaryDir spoolDir;
        QVERIFY(spoolDir.isValid());
        Ledger ledger(m_db->url(), spoolDir.path());
        QString error;
        QVERIFY2(ledger.start(&error), qPrintable(error));
        UpstreamClient upstream;
        Metrics metrics;
        const PriceTable prices = PriceTable::builtin();
        RoutingService routing;
        RelayContext ctx;
        ctx.upstream = &upstream;
        ctx.ledger = &ledger;
        ctx.prices = &prices;
        ctx.metrics = &metrics;
        ctx.routing = &routing;
        ctx.maxAttempts = 1;

        auto snapshot = std::make_shared<RelaySnapshot>();
        if (withAccount) {
            RelayAccount account;
            account.id = 1;
            account.name = QStringLiteral("mock");
            account.provider = QStringLiteral("anthropic");
            account.baseUrl = m_mock->baseUrl();
            account.apiKey = "sk-ant-test";
            snapshot->accounts.append(account);
        }

        const QString model = QStringLiteral("claude-sonnet-4-20250514");
        QJsonObject body{{QStringLiteral("model"), model},
                         {QStringLiteral("max_tokens"), 64},
                         {QStringLiteral("stream"), stream},
                         {QStringLiteral("messages"),
                          QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                                 {QStringLiteral("content"), prompt}}}}};
        RelayExchange::Params p;
        p.client = RelayProtocol::Anthropic;
        p.endpoint = "/v1/messages";
        p.routeName = QStringLiteral("/v1/messages");
        p.model = model;
        p.stream = stream;
        p.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        p.clientHeaders.append(
            qMakePair(QByteArray("anthropic-version"), QByteArray("2023-06-01")));
        p.key.id = 7;
        p.key.userId = 3;
        p.snapshot = snapshot;
        p.route.protocolFamily = {QStringLiteral("anthropic")};
        p.route.model = model;
        p.requestId = QStringLiteral("order-%1")
                          .arg(QString::fromLatin1(QTest::currentDataTag()))
                          .replace(QLatin1Char(' '), QLatin1Char('-'));
        p.startedAtMs = QDateTime::currentMSecsSinceEpoch();
        p.clock.start();

        auto client = std::make_shared<WatchingClientStream>(spoolDir.path(), p.requestId);
        if (inEventLoop) {
            QEventLoop loop;
            QTimer::singleShot(0, &loop, [&] {
                QVERIFY(QThread::currentThread()->loopLevel() > 0);
                (new RelayExchange(ctx, std::move(p), client))->start();
            });
            QTimer poll;
            QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
                if (client->completed)
                    loop.quit();
            });
            poll.start(5);
            QTimer::singleShot(20000, &loop, &QEventLoop::quit);
            loop.exec();
            QVERIFY(client->completed);
            QCOMPARE(ledger.spoolAppends(), qint64(1));
        } else {
            (new RelayExchange(ctx, std::move(p), client))->start();
            QTRY_VERIFY_WITH_TIMEOUT(client->completed, 20000);
        }
        QCOMPARE(client->status, status);
        QVERIFY2(client->body.contains(lastWords), client->body.constData());
        QVERIFY2(client->spooledWhenCompleted,
                 "the answer was complete before the call's record was in the spool");
        // And the record reaches the database as usual.
        QVERIFY(ledger.waitUntilIdle(20000));
        QCOMPARE(ledger.writtenTotal(), qint64(1));
        QTest::qWait(0); // the exchange deletes itself
    }
};

QTEST_MAIN(TestRelayExchange)
#include "TestRelayExchange.moc"
