// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestDb.h"

#include "store/AccountRepository.h"
#include "store/ApiKeyRepository.h"
#include "store/Migrations.h"
#include "store/SqlUtil.h"
#include "store/UsageRepository.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <zlib.h>

// Schema version 2: a version-1 database with data upgrades with its data intact, and the new
// columns round-trip through the repositories.
class TestMigrationV2 : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDb> m_db;

    qint64 scalar(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    void exec(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text() + QStringLiteral(": ") + sql));
    }

    // A version-1 database holding one user, account, key, usage row and setting.
    void buildV1WithData()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::applyUpTo(db, 1, &error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(db, &error), 1);
        exec(QStringLiteral("INSERT INTO users (id, email, name, role, password_hash, created_at, "
                            "updated_at) VALUES (7, 'u@x', 'U', 'admin', 'h', 10, 11)"));
        exec(QStringLiteral("INSERT INTO accounts (id, name, provider, base_url, secret_enc, "
                            "models, enabled, priority, weight, created_at, updated_at) VALUES "
                            "(3, 'acc', 'anthropic', 'https://a.example', 'sealed', "
                            "'[\"m1\"]', 0, 20, 5, 12, 13)"));
        exec(QStringLiteral("INSERT INTO api_keys (id, name, user_id, key_hash, key_hint, models, "
                            "disabled, created_at) VALUES (4, 'k', 7, '%1', 'cp-x', '[]', 1, 14)")
                 .arg(QString(64, QLatin1Char('a'))));
        exec(QStringLiteral("INSERT INTO usage_records (request_id, created_at, key_id, user_id, "
                            "account_id, provider, model, endpoint, status, input_tokens, cost) "
                            "VALUES ('req-1', 15, 4, 7, 3, 'anthropic', 'm1', '/v1/messages', 200, "
                            "42, 0.5)"));
        exec(QStringLiteral("INSERT INTO settings (k, v) VALUES ('data_version', '9')"));
    }

private slots:
    void initTestCase_data() { TestDb::addBackendRows(); }
    void init() { AICARPOOL_TESTDB_INIT(m_db, false); }
    void cleanup() { m_db.reset(); }

    void upgradesVersion1WithDataIntact()
    {
        buildV1WithData();
        if (QTest::currentTestFailed())
            return;
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::applyUpTo(db, 2, &error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(db, &error), 2);
        QVERIFY(Migrations::latestVersion() >= 2);
        // The repositories speak the latest schema; the later steps keep the data too.
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));

        const auto account = AccountRepository(db).get(3);
        QVERIFY(account);
        QCOMPARE(account->name, QStringLiteral("acc"));
        QCOMPARE(account->secretSealed, QByteArray("sealed"));
        QCOMPARE(account->models, QStringList{QStringLiteral("m1")});
        QCOMPARE(account->enabled, false);
        QCOMPARE(account->priority, 20);
        QCOMPARE(account->weight, 5);
        QCOMPARE(account->createdAtMs, 12);
        QCOMPARE(account->maxConcurrency, 0);
        QVERIFY(account->modelMap.isEmpty());
        QVERIFY(account->proxySealed.isEmpty());
        QCOMPARE(account->proxyId, 0);
        QVERIFY(account->oauthSealed.isEmpty());
        QCOMPARE(account->needsAttention, false);

        const auto key = ApiKeyRepository(db).get(4);
        QVERIFY(key);
        QCOMPARE(key->userId, 7);
        QCOMPARE(key->disabled, true);
        QCOMPARE(key->poolId, 0);

        UsageFilter filter;
        const UsagePage page = UsageRepository(db).query(filter);
        QCOMPARE(page.total, 1);
        QCOMPARE(page.items.first().requestId, QStringLiteral("req-1"));
        QCOMPARE(page.items.first().usage.inputTokens, 42);
        QCOMPARE(page.items.first().attempts, 1);
        QVERIFY(page.items.first().attemptLog.isEmpty());
        QCOMPARE(page.items.first().upstreamModel, QString());

        QCOMPARE(scalar(QStringLiteral("SELECT v FROM settings WHERE k = 'data_version'")), 9);
        for (const char *table : {"proxies", "pools", "pool_accounts"})
            QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))),
                     0);
        // Applying again changes nothing.
        QVERIFY2(Migrations::applyUpTo(db, 2, &error), qPrintable(error));
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations")),
                 Migrations::latestVersion());
    }

    void mySqlStepResumesAfterAPartialRun()
    {
        // MySQL commits each DDL statement at once: a crash after the first ALTER leaves the
        // step half done, and the next start must finish it rather than fail on a duplicate
        // column. (On SQLite the whole step is one transaction.)
        if (!m_db->isMySql())
            QSKIP("SQLite runs each step in one transaction");
        buildV1WithData();
        if (QTest::currentTestFailed())
            return;
        exec(QStringLiteral("ALTER TABLE usage_records ADD COLUMN attempts INT NOT NULL DEFAULT 1,"
                            "ADD COLUMN attempt_log TEXT NULL,"
                            "ADD COLUMN upstream_model VARCHAR(191) NOT NULL DEFAULT ''"));
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::applyUpTo(db, 2, &error), qPrintable(error));
        QCOMPARE(Migrations::currentVersion(db, &error), 2);
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        QCOMPARE(AccountRepository(db).get(3)->maxConcurrency, 0);
    }

    void newColumnsRoundTrip()
    {
        QSqlDatabase db = m_db->db();
        QString error;
        QVERIFY2(Migrations::apply(db, &error), qPrintable(error));
        AccountRepository accounts(db);
        AccountRow a;
        a.name = QStringLiteral("oauth");
        a.provider = QStringLiteral("anthropic-oauth");
        a.maxConcurrency = 7;
        a.modelMap = {{QStringLiteral("fast"), QStringLiteral("claude-haiku-4-5")},
                      {QStringLiteral("smart"), QStringLiteral("claude-opus-4-1")}};
        a.proxySealed = QByteArray("sealed-proxy\x00\xff", 14);
        a.oauthSealed = QByteArray("sealed-tokens");
        a.needsAttention = true;
        const qint64 id = accounts.insert(a);
        auto got = accounts.get(id);
        QVERIFY(got);
        QCOMPARE(got->maxConcurrency, 7);
        QCOMPARE(got->modelMap, a.modelMap);
        QCOMPARE(got->proxySealed, a.proxySealed);
        QCOMPARE(got->oauthSealed, a.oauthSealed);
        QCOMPARE(got->needsAttention, true);
        QVERIFY(got->secretSealed.isEmpty());

        accounts.setOAuth(id, QByteArray("new-tokens"), false);
        got = accounts.get(id);
        QCOMPARE(got->oauthSealed, QByteArray("new-tokens"));
        QCOMPARE(got->needsAttention, false);
        QCOMPARE(got->proxySealed, a.proxySealed);

        got->proxySealed.clear();
        got->modelMap.clear();
        accounts.update(*got);
        got = accounts.get(id);
        QVERIFY(got->proxySealed.isEmpty());
        QVERIFY(got->modelMap.isEmpty());
        QCOMPARE(got->oauthSealed, QByteArray("new-tokens"));

        UsageRecord r;
        r.requestId = QStringLiteral("req-a");
        r.createdAtMs = 1000;
        r.attempts = 3;
        r.attemptLog = "[{\"accountId\":1,\"status\":429},{\"accountId\":2,\"status\":200}]";
        r.upstreamModel = QStringLiteral("claude-haiku-4-5");
        UsageRecord plain;
        plain.requestId = QStringLiteral("req-b");
        plain.createdAtMs = 2000;
        QCOMPARE(UsageRepository(db).insertBatch({r, plain}), 2);
        const UsagePage page = UsageRepository(db).query(UsageFilter());
        QCOMPARE(page.items.size(), 2);
        QCOMPARE(page.items.at(1), r);
        QCOMPARE(page.items.at(0), plain);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM usage_records WHERE attempt_log IS "
                                       "NULL")),
                 1);
        const QJsonObject json = page.items.at(1).toJson();
        QCOMPARE(json.value(QLatin1String("attempts")).toInt(), 3);
        QCOMPARE(json.value(QLatin1String("attemptLog")).toArray().size(), 2);
        QCOMPARE(json.value(QLatin1String("upstreamModel")).toString(), r.upstreamModel);
        QCOMPARE(page.items.at(0).toJson().value(QLatin1String("attemptLog")).toArray().size(), 0);
    }

    void spoolLinesOldAndNew()
    {
        UsageRecord r;
        r.requestId = QStringLiteral("req-s");
        r.attempts = 2;
        r.attemptLog = "[{\"a\":\"x\\\"y\"}]";
        r.upstreamModel = QStringLiteral("up");
        const auto back = UsageRecord::fromSpoolLine(r.toSpoolLine());
        QVERIFY(back);
        QCOMPARE(*back, r);
        // A line as version 1 wrote it (no at/al/um keys).
        const QByteArray json = "{\"r\":\"req-old\",\"t\":5,\"k\":1,\"u\":2,\"a\":3,\"p\":"
                                "\"anthropic\",\"m\":\"m\",\"e\":\"/v1/messages\","
                                "\"s\":false,\"st\":200,\"in\":1,\"out\":2,\"cw\":0,\"cr\":0,\"c\":"
                                "0.25,\"l\":9,\"f\":4,\"et\":\"\","
                                "\"ca\":false}";
        const quint32 crc = quint32(
            ::crc32(0L, reinterpret_cast<const Bytef *>(json.constData()), uInt(json.size())));
        const QByteArray line = QByteArray::number(crc, 16).rightJustified(8, '0') + ' ' + json;
        const auto parsed = UsageRecord::fromSpoolLine(line);
        QVERIFY(parsed);
        QCOMPARE(parsed->requestId, QStringLiteral("req-old"));
        QCOMPARE(parsed->cost, 0.25);
        QCOMPARE(parsed->attempts, 1);
        QVERIFY(parsed->attemptLog.isEmpty());
        QVERIFY(parsed->upstreamModel.isEmpty());
        UsageRecord plain;
        plain.requestId = QStringLiteral("req-plain");
        QVERIFY(!plain.toSpoolLine().contains("\"at\""));
    }
};

QTEST_GUILESS_MAIN(TestMigrationV2)
#include "TestMigrationV2.moc"
