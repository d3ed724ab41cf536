// SPDX-License-Identifier: GPL-3.0-or-later
// Quotas and budgets on the relay, end to end through the real daemon and the mock upstream, on
// SQLite and MariaDB. Rules are written as rows (as the admin API writes them) and reach the
// daemon with the next snapshot.
#include "GovernanceRows.h"
#include "RelayFixture.h"

#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QUrl>

class TestGovernanceRelay final : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<RelayFixture> m_f;
    std::unique_ptr<GovernanceRows> m_rows;
    qint64 m_userId = 0;

    TestHttpClient::Headers anthropicHeaders(const QByteArray &key = {}) const
    {
        return {{"x-api-key", key.isEmpty() ? m_f->key() : key},
                {"anthropic-version", "2023-06-01"}};
    }
    TestHttpClient::Headers openaiHeaders() const
    {
        return {{"authorization", "Bearer " + m_f->key()}};
    }

    static QJsonObject geminiBody(const QString &text)
    {
        return QJsonObject{
            {QStringLiteral("contents"),
             QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                    {QStringLiteral("parts"),
                                     QJsonArray{QJsonObject{{QStringLiteral("text"), text}}}}}}}};
    }

    void addGeminiAccount()
    {
        const auto reply = m_f->admin().post(
            QStringLiteral("/api/accounts"),
            QJsonObject{{QStringLiteral("name"), QStringLiteral("gemini-1")},
                        {QStringLiteral("provider"), QStringLiteral("gemini")},
                        {QStringLiteral("baseUrl"), m_f->mock().baseUrl()},
                        {QStringLiteral("apiKey"), QStringLiteral("gm-upstream-secret")}});
        QCOMPARE(reply.status, 201);
    }

    // Publishes the rules written so far and waits until the daemon applies them: a sentinel
    // quota (1 request a minute on a key of its own) is written with them, and the key is
    // called until it is refused (by the sentinel, or by a budget of its owner).
    bool applyRules()
    {
        const QJsonObject sentinel =
            m_f->createKey(QJsonObject{{QStringLiteral("name"), QStringLiteral("sentinel")}});
        const QByteArray key = sentinel.value(QLatin1String("key")).toString().toLatin1();
        if (key.isEmpty() ||
            m_rows->addQuota(QStringLiteral("key"), sentinel.value(QLatin1String("id")).toInteger(),
                             QStringLiteral("rpm"), 1) <= 0)
            return false;
        m_rows->bump();
        TestHttpClient client(m_f->daemon().baseUrl());
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000) {
            const auto reply = client.post(QStringLiteral("/v1/messages/count_tokens"),
                                           RelayFixture::anthropicBody(QStringLiteral("sentinel")),
                                           anthropicHeaders(key));
            if (reply.status == 429 || reply.status == 402)
                return true;
            QThread::msleep(100);
        }
        return false;
    }

    // Waits until the ledger has at least `count` rows matching `where`; returns how many.
    int waitForRows(const QString &where, int count)
    {
        QElapsedTimer timer;
        timer.start();
        int rows = 0;
        while ((rows = m_rows->ledgerCost(where).second) < count && timer.elapsed() < 20000)
            QThread::msleep(100);
        return rows;
    }

    QString errorTypeOf(const QString &where)
    {
        QSqlQuery q(m_f->database().db());
        if (!q.exec(QStringLiteral("SELECT error_type FROM usage_records WHERE ") + where) ||
            !q.next())
            return QStringLiteral("<none>");
        return q.value(0).toString();
    }

    // Polls until the budget's counter row has `used` == the ledger's cost of `where`.
    bool waitForSettled(qint64 budgetId, const QString &where, qint64 *used, qint64 *ledger)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 20000) {
            *used = m_rows->budgetCounter(budgetId).first;
            *ledger = m_rows->ledgerCost(where).first;
            if (*used >= 0 && *ledger >= 0 && qAbs(*used - *ledger) <= 1 && *ledger > 0)
                return true;
            QThread::msleep(100);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init()
    {
        QFETCH_GLOBAL(QString, backend);
        m_f = std::make_unique<RelayFixture>();
        QString error;
        bool skip = false;
        if (!m_f->setUp(backend, &error, &skip)) {
            if (skip)
                QSKIP(qPrintable(error));
            QFAIL(qPrintable(error));
        }
        m_rows = std::make_unique<GovernanceRows>(m_f->database().db());
        m_userId = m_rows->keyOwner(m_f->keyId());
        QVERIFY(m_userId > 0);
    }
    void cleanup()
    {
        m_rows.reset();
        m_f.reset();
    }

    // Every relay route, streams and translations included, answers an exhausted hard budget
    // with 402 budget_exceeded in its own protocol's format, and nothing goes upstream.
    void anExhaustedHardBudgetRefusesEveryRoute()
    {
        addGeminiAccount();
        // An account that names a Claude model serves it to OpenAI clients, translated.
        const auto account = m_f->admin().post(
            QStringLiteral("/api/accounts"),
            QJsonObject{
                {QStringLiteral("name"), QStringLiteral("anthropic-named")},
                {QStringLiteral("provider"), QStringLiteral("anthropic")},
                {QStringLiteral("baseUrl"), m_f->mock().baseUrl()},
                {QStringLiteral("apiKey"), QStringLiteral("sk-ant-named")},
                {QStringLiteral("models"), QJsonArray{QStringLiteral("claude-sonnet-4-5")}}});
        QCOMPARE(account.status, 201);
        const qint64 amount = 5'000'000;
        const qint64 id = m_rows->addBudget(QStringLiteral("Team month"), QStringLiteral("user"),
                                            m_userId, amount, true);
        QVERIFY2(id > 0, qPrintable(m_rows->lastError()));
        QVERIFY2(m_rows->setBudgetUsed(id, amount, amount), qPrintable(m_rows->lastError()));
        QVERIFY(applyRules());
        m_f->mock().clearRequests();

        struct Route
        {
            const char *path;
            QJsonObject body;
            int protocol; // 0 Anthropic, 1 OpenAI, 2 Gemini
        };
        const QString text = QStringLiteral("hello");
        const QList<Route> routes{
            {"/v1/messages", RelayFixture::anthropicBody(text), 0},
            {"/v1/messages", RelayFixture::anthropicBody(text, true), 0},
            {"/v1/messages/count_tokens", RelayFixture::anthropicBody(text), 0},
            {"/v1/chat/completions", RelayFixture::openaiBody(text), 1},
            {"/v1/chat/completions", RelayFixture::openaiBody(text, true), 1},
            {"/api/chat/completions", RelayFixture::openaiBody(text), 1},
            // Translated: an OpenAI client asking for a Claude model.
            {"/v1/chat/completions",
             RelayFixture::openaiBody(text, true, QStringLiteral("claude-sonnet-4-5")), 1},
            {"/v1beta/models/gemini-2.5-flash:generateContent", geminiBody(text), 2},
            {"/v1beta/models/gemini-2.5-flash:streamGenerateContent", geminiBody(text), 2},
            {"/v1beta/models/gemini-2.5-flash:countTokens", geminiBody(text), 2},
        };
        TestHttpClient client(m_f->daemon().baseUrl());
        for (const Route &r : routes) {
            const TestHttpClient::Headers headers =
                r.protocol == 0   ? anthropicHeaders()
                : r.protocol == 1 ? openaiHeaders()
                                  : TestHttpClient::Headers{{"x-goog-api-key", m_f->key()}};
            const auto reply =
                client.post(QString::fromLatin1(r.path),
                            QJsonDocument(r.body).toJson(QJsonDocument::Compact), headers);
            const QByteArray what = QByteArray(r.path) + ' ' +
                                    QJsonDocument(r.body).toJson(QJsonDocument::Compact).left(80);
            QVERIFY2(reply.status == 402, what.constData());
            const QJsonObject error = reply.json().value(QLatin1String("error")).toObject();
            const QString message = error.value(QLatin1String("message")).toString();
            QVERIFY2(message.startsWith(QStringLiteral("monthly budget 'Team month' of user")),
                     qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("reached (5.00 USD); resets ")),
                     qPrintable(message));
            switch (r.protocol) {
            case 0:
                QCOMPARE(reply.json().value(QLatin1String("type")).toString(),
                         QStringLiteral("error"));
                QCOMPARE(error.value(QLatin1String("type")).toString(),
                         QStringLiteral("budget_exceeded"));
                break;
            case 1:
                QCOMPARE(error.value(QLatin1String("type")).toString(),
                         QStringLiteral("budget_exceeded"));
                break;
            case 2:
                QCOMPARE(error.value(QLatin1String("code")).toInt(), 402);
                QVERIFY(!error.value(QLatin1String("status")).toString().isEmpty());
                break;
            }
            QVERIFY(!reply.header("retry-after").isEmpty());
            QCOMPARE(reply.header("x-ratelimit-limit-budget"), QByteArray("5.00"));
            QCOMPARE(reply.header("x-ratelimit-remaining-budget"), QByteArray("0.00"));
        }
        QCOMPARE(m_f->mock().requests().size(), 0);
        // One ledger row each, and the metric.
        const QString mine = QStringLiteral("key_id = %1 AND status = 402").arg(m_f->keyId());
        QCOMPARE(waitForRows(mine, int(routes.size())), int(routes.size()));
        QCOMPARE(
            m_rows->ledgerCost(mine + QStringLiteral(" AND error_type = 'budget_exceeded'")).second,
            int(routes.size()));
        // Counted in /metrics (the sentinel's refusal, made by the same budget, included).
        const QByteArray page = m_f->admin().get(QStringLiteral("/metrics")).body;
        const QByteArray name = "aicarpool_governance_refusals_total{limit=\"budget\"} ";
        const qsizetype at = page.indexOf(name);
        QVERIFY(at >= 0);
        const int counted =
            page.mid(at + name.size(), page.indexOf('\n', at) - at - name.size()).trimmed().toInt();
        QVERIFY2(counted >= routes.size() && counted <= routes.size() + 1,
                 qPrintable(QString::number(counted)));
    }

    // A quota answers 429 with the retry and rate-limit headers once its limit is reached.
    void aQuotaRefusesWith429AndHeaders()
    {
        QVERIFY2(m_rows->addQuota(QStringLiteral("key"), m_f->keyId(), QStringLiteral("rpm"), 2) >
                     0,
                 qPrintable(m_rows->lastError()));
        QVERIFY(applyRules());
        TestHttpClient client(m_f->daemon().baseUrl());
        TestHttpClient::Reply refused;
        int admitted = 0;
        for (int i = 0; i < 4 && refused.status != 429; ++i) {
            const auto reply =
                client.post(QStringLiteral("/v1/messages"),
                            RelayFixture::anthropicBody(QStringLiteral("hi")), anthropicHeaders());
            if (reply.status == 200) {
                ++admitted;
                QCOMPARE(reply.header("x-ratelimit-limit-requests"), QByteArray("2"));
            } else {
                refused = reply;
            }
        }
        QCOMPARE(refused.status, 429);
        QVERIFY(admitted >= 1 && admitted <= 2); // a minute may have begun in between
        const QJsonObject error = refused.json().value(QLatin1String("error")).toObject();
        QCOMPARE(error.value(QLatin1String("type")).toString(), QStringLiteral("rate_limit_error"));
        const QString message = error.value(QLatin1String("message")).toString();
        QVERIFY2(message.startsWith(QStringLiteral("requests-per-minute limit of key 'test key' "
                                                   "reached (2 requests); resets ")),
                 qPrintable(message));
        const int retryAfter = refused.header("retry-after").toInt();
        QVERIFY(retryAfter >= 1 && retryAfter <= 60);
        QCOMPARE(refused.header("x-ratelimit-limit-requests"), QByteArray("2"));
        QCOMPARE(refused.header("x-ratelimit-remaining-requests"), QByteArray("0"));
        QVERIFY(refused.header("x-ratelimit-reset-requests").endsWith("Z"));
        // OpenAI clients get their own format.
        const auto openai =
            client.post(QStringLiteral("/v1/chat/completions"),
                        RelayFixture::openaiBody(QStringLiteral("hi")), openaiHeaders());
        if (openai.status == 429)
            QVERIFY(openai.json()
                        .value(QLatin1String("error"))
                        .toObject()
                        .value(QLatin1String("message"))
                        .toString()
                        .startsWith(QStringLiteral("requests-per-minute limit")));
        const QString refusedRows =
            QStringLiteral("key_id = %1 AND status = 429").arg(m_f->keyId());
        QVERIFY(waitForRows(refusedRows, 1) >= 1);
        QCOMPARE(errorTypeOf(refusedRows), QStringLiteral("rate_limit_exceeded"));
        QVERIFY(m_f->admin()
                    .get(QStringLiteral("/metrics"))
                    .body.contains("aicarpool_governance_refusals_total{limit=\"rpm\"}"));
    }

    // Streamed calls are settled with their real usage (not zero, not the estimate).
    void streamedUsageIsSettled()
    {
        const qint64 id = m_rows->addBudget(QStringLiteral("watch"), QStringLiteral("user"),
                                            m_userId, 1'000'000'000, false);
        QVERIFY2(id > 0, qPrintable(m_rows->lastError()));
        QVERIFY(applyRules());
        const qint64 before = m_rows->ledgerCost().first;
        TestHttpClient client(m_f->daemon().baseUrl());
        auto reply = client.post(QStringLiteral("/v1/messages"),
                                 RelayFixture::anthropicBody(QStringLiteral("stream me"), true),
                                 anthropicHeaders());
        QCOMPARE(reply.status, 200);
        reply = client.post(QStringLiteral("/v1/chat/completions"),
                            RelayFixture::openaiBody(QStringLiteral("stream me too"), true),
                            openaiHeaders());
        QCOMPARE(reply.status, 200);
        QCOMPARE(waitForRows(QStringLiteral("key_id = %1 AND status = 200").arg(m_f->keyId()), 2),
                 2);
        qint64 used = -1;
        qint64 ledger = -1;
        // The sentinel's calls cost nothing (count_tokens); everything else is the two streams.
        QVERIFY2(waitForSettled(id, QStringLiteral("1 = 1"), &used, &ledger),
                 qPrintable(QStringLiteral("counter %1, ledger %2").arg(used).arg(ledger)));
        QCOMPARE(before, 0);
        QVERIFY(used > 0);
    }

    // A call whose client hangs up mid-stream is settled with what it used.
    void aHungUpCallIsSettled()
    {
        const qint64 id = m_rows->addBudget(QStringLiteral("hard"), QStringLiteral("user"),
                                            m_userId, 50'000'000, true);
        QVERIFY2(id > 0, qPrintable(m_rows->lastError()));
        QVERIFY(applyRules());
        StreamCapture capture;
        const QByteArray body =
            QJsonDocument(RelayFixture::anthropicBody(
                              QStringLiteral("long answer mock:chunks=40 mock:interval=100"), true))
                .toJson(QJsonDocument::Compact);
        QVERIFY(capture.post(m_f->daemon().baseUrl(), QStringLiteral("/v1/messages"), body,
                             anthropicHeaders(), 15000, 1));
        QCOMPARE(capture.status, 200);
        QCOMPARE(waitForRows(QStringLiteral("status = 499"), 1), 1);
        qint64 used = -1;
        qint64 ledger = -1;
        QVERIFY2(waitForSettled(id, QStringLiteral("status = 499"), &used, &ledger),
                 qPrintable(QStringLiteral("counter %1, ledger %2").arg(used).arg(ledger)));
    }

    // A daemon told to stop while a call is in flight lets the call end, and what it cost
    // reaches the shared counters before the last commit (not only the ledger).
    void aCallInFlightAtShutdownIsCommitted()
    {
        const qint64 id = m_rows->addBudget(QStringLiteral("watch"), QStringLiteral("user"),
                                            m_userId, 1'000'000'000, false);
        QVERIFY2(id > 0, qPrintable(m_rows->lastError()));
        QVERIFY(applyRules());
        const QByteArray body =
            QJsonDocument(RelayFixture::anthropicBody(
                              QStringLiteral("slow answer mock:chunks=10 mock:interval=100"), true))
                .toJson(QJsonDocument::Compact);
        const QUrl base(m_f->daemon().baseUrl());
        QTcpSocket socket;
        socket.connectToHost(base.host(), quint16(base.port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     "anthropic-version: 2023-06-01\r\nx-api-key: " +
                     m_f->key() + "\r\nContent-Length: " + QByteArray::number(body.size()) +
                     "\r\n\r\n" + body);
        QVERIFY(socket.waitForReadyRead(10000)); // the stream has begun
        QVERIFY(m_f->daemon().terminate(20000));
        qint64 used = -1;
        qint64 ledger = -1;
        QVERIFY2(waitForSettled(id, QStringLiteral("1 = 1"), &used, &ledger),
                 qPrintable(QStringLiteral("counter %1, ledger %2").arg(used).arg(ledger)));
        QVERIFY(used > 0);
    }
};

QTEST_GUILESS_MAIN(TestGovernanceRelay)
#include "TestGovernanceRelay.moc"
